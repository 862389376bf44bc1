import SecuregateCore

/// The body of `POST /events/{event_id}/invites` (the vendor's `InviteBatchCreate`).
public struct InviteBatch: APIInputModel {
    public var invites: [InviteDraft] = []

    public init() {}

    public static let model = Model<InviteBatch>("InviteBatchCreate", [
        .field("invites", \.invites, maxItems: 10_000),
    ])
}

/// The body of `PUT /events/{event_id}/invites/{invite_id}` (the vendor's `InviteStatusUpdate`).
public struct InviteStatusUpdate: APIInputModel {
    public var status: InviteStatus = .pending

    public init() {}

    public static let model = Model<InviteStatusUpdate>("InviteStatusUpdate", [
        .field("status", \.status),
    ])
}

/// The answer of `GET /invites-with-event`.
public struct InviteWithEvent: APIModel {
    public var invite: Invite
    public var event: Event

    public init(invite: Invite, event: Event) {
        self.invite = invite
        self.event = event
    }

    public static let model = Model<InviteWithEvent>("InviteWithEvent", [
        .output("invite", \.invite),
        .output("event", \.eventObject),
    ])

    /// The vendor types `event` as a free-form object; it carries the `Event` fields.
    var eventObject: FreeFormObject<Event> { FreeFormObject(event) }
}

/// A value documented as a free-form object (`additionalProperties: true`) but written through its own model.
public struct FreeFormObject<Wrapped: APIEncodable>: APIEncodable {
    public var value: Wrapped

    public init(_ value: Wrapped) { self.value = value }

    public static func jsonSchema(in components: inout SchemaComponents) -> JSONValue {
        ["additionalProperties": true, "type": "object"]
    }

    public func write(to writer: inout JSONWriter) { value.write(to: &writer) }
}
