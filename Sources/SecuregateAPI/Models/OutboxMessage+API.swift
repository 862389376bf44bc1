import SecuregateCore

extension MessageState: APIEnum {}

extension OutboxMessage: APIModel {
    /// Addition: one notification of an invite, and where it is on its way. The text is not repeated here.
    public static let model = Model<OutboxMessage>("InviteMessage", [
        .output("id", \.id),
        .output("invite_id", \.inviteID),
        .output("channel", \.channel),
        .output("recipient", \.recipient),
        .output("state", \.state),
        .output("attempts", \.attempts),
        .output("last_error", \.lastError),
        .output("created_at", \.createdAt),
        .output("delivered_at", \.deliveredAt),
        .output("failed_at", \.failedAt),
    ])
}

/// The body of `POST /invites/{invite_id}/messages`: the channel to send the invitation again on.
public struct MessageRequest: APIInputModel {
    public var channel: NotificationChannel = .email

    public init() {}

    public static let model = Model<MessageRequest>("MessageRequest", [
        .field("channel", \.channel),
    ])
}
