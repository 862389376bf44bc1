import Foundation

/// One recorded change of an invite's status.
public struct InviteStatusChange: Sendable, Equatable {
    public var inviteID: String
    /// The status before the change; `nil` when the invite was created.
    public var from: InviteStatus?
    public var to: InviteStatus
    public var changedAt: Date
    /// The API key that made the change; `nil` when the invitee or the server (delivery) made it.
    public var keyID: String?
    /// Who made the change.
    public var source: ChangeSource

    public init(inviteID: String, from: InviteStatus?, to: InviteStatus, changedAt: Date, keyID: String?, source: ChangeSource) {
        self.inviteID = inviteID
        self.from = from
        self.to = to
        self.changedAt = changedAt
        self.keyID = keyID
        self.source = source
    }
}
