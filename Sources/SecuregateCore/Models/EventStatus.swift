/// Where an event stands in time, as `GET /events` groups events.
public enum EventStatus: String, Sendable, CaseIterable {
    case ongoing
    case ended
    case upcoming = "up_coming"
    case archived

    /// The spelling of the single-event `status` field (the vendor documents `upcoming` there).
    public var singleEventSpelling: String {
        self == .upcoming ? "upcoming" : rawValue
    }
}
