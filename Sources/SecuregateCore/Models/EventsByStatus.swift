/// An account's events grouped by where they stand in time.
public struct EventsByStatus: Sendable, Equatable {
    public var ongoing: [Event] = []
    public var ended: [Event] = []
    public var upcoming: [Event] = []
    public var archived: [Event] = []

    public init() {}
}
