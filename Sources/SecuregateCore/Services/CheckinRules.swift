import Foundation

/// The door's rules, apart from who is inside (which the store decides atomically): what a scan of `invite`
/// for `eventID` is refused for, if anything.
public struct CheckinRules: Sendable {
    /// How long before the start the doors open.
    public var openingMargin: TimeInterval

    public init(openingMargin: TimeInterval = 3600) {
        self.openingMargin = openingMargin
    }

    /// The first reason to refuse, in the order a door checks them; `nil` when only presence remains to check.
    public func refusal(
        of type: CheckinType, invite: Invite?, inviteEvent: Event?, scannedEventID: String, now: Date
    ) -> CheckinReason? {
        guard let invite, let event = inviteEvent else { return .unknownCode }
        guard invite.eventID == scannedEventID else { return .wrongEvent }
        if type == .exit { return nil }  // Leaving is always allowed; only presence matters.
        if event.isDeleted { return .eventArchived }
        let t = now.timeIntervalSince1970
        if t < Event.seconds(fromTimestamp: event.startTimestamp) - openingMargin
            || t >= Event.seconds(fromTimestamp: event.endTimestamp)
        {
            return .outsideWindow
        }
        guard invite.status == .accepted else { return .notAccepted }
        if invite.authenticationMethod != .qrCode { return .biometricRequired }
        return nil
    }
}
