import Foundation

/// An organizer's event, owned by one account.
public struct Event: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var title: String
    public var description: String
    public var instructions: String
    public var imageURL: String?
    public var location: Location
    /// Unix seconds, or milliseconds when at least 100 000 000 000 (the vendor's examples use both).
    public var startTimestamp: Int
    public var endTimestamp: Int
    public var type: EventType
    public var isDeleted: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, accountID: String, title: String, description: String, instructions: String,
        imageURL: String?, location: Location, startTimestamp: Int, endTimestamp: Int,
        type: EventType, isDeleted: Bool, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.accountID = accountID
        self.title = title
        self.description = description
        self.instructions = instructions
        self.imageURL = imageURL
        self.location = location
        self.startTimestamp = startTimestamp
        self.endTimestamp = endTimestamp
        self.type = type
        self.isDeleted = isDeleted
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
