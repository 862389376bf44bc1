import SecuregateCore

extension EventDraft: APIInputModel {
    public init() { self.init(title: "") }

    /// The vendor's `EventCreate`.
    public static let model = Model<EventDraft>("EventCreate", [
        .field("title", \.title),
        .field("description", \.description, default: ""),
        .field("instructions", \.instructions, default: ""),
        .field("imageUrl", \.imageURL, default: .some(nil)),
        .field("location", \.location),
        .field("start_timestamp", \.startTimestamp),
        .field("end_timestamp", \.endTimestamp),
        .field("type", \.type, default: .dated),
        .field("is_deleted", \.isDeleted, default: false),
    ])
}
