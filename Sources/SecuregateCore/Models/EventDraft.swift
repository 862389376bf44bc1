/// What an organizer sends to create an event.
public struct EventDraft: Sendable, Equatable {
    public var title: String
    public var description: String
    public var instructions: String
    public var imageURL: String?
    public var location: Location
    public var startTimestamp: Int
    public var endTimestamp: Int
    public var type: EventType
    public var isDeleted: Bool

    public init(
        title: String = "", description: String = "", instructions: String = "", imageURL: String? = nil,
        location: Location = Location(), startTimestamp: Int = 0, endTimestamp: Int = 0,
        type: EventType = .dated, isDeleted: Bool = false
    ) {
        self.title = title
        self.description = description
        self.instructions = instructions
        self.imageURL = imageURL
        self.location = location
        self.startTimestamp = startTimestamp
        self.endTimestamp = endTimestamp
        self.type = type
        self.isDeleted = isDeleted
    }
}
