/// Whether an event happens on given dates or is a fixed (recurring, open-ended) venue.
public enum EventType: String, Sendable, CaseIterable, Codable {
    case fixed
    case dated
}
