import Foundation

/// The door's rules, apart from who is inside (which the store decides atomically): what a scan of `invite`
/// for `eventID` is refused for, if anything.
public struct CheckinRules: Sendable {
    /// How long before the start the doors open.
    public var openingMargin: TimeInterval
    /// How long a scanner's nonce replays its first answer; after that it is forgotten and free again.
    public var nonceLifetime: TimeInterval

    public init(openingMargin: TimeInterval = 3600, nonceLifetime: TimeInterval = 7 * 86_400) {
        self.openingMargin = openingMargin
        self.nonceLifetime = nonceLifetime
    }

    /// The first reason to refuse, in the order a door checks them; `nil` when only presence remains to check.
    public func refusal(
        of type: CheckinType, invite: Invite?, inviteEvent: Event?, scannedEventID: String, now: Date, evidence: ScanEvidence
    ) -> CheckinReason? {
        guard let invite, let event = inviteEvent else {
            // A photo alone that matched nobody.
            if evidence.method == .face { return evidence.face == .noFace ? .noFace : .faceMismatch }
            return .unknownCode
        }
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
        let codePresented = evidence.method != .face
        switch invite.authenticationMethod {
        case .qrCode:
            return codePresented ? nil : .codeRequired
        case .biometric:
            return Self.faceRefusal(evidence.face)
        case .both:
            return codePresented ? Self.faceRefusal(evidence.face) : .codeRequired
        }
    }

    /// Why the face evidence does not let a person in, if it does not.
    static func faceRefusal(_ face: FaceCheck?) -> CheckinReason? {
        switch face {
        case nil: .biometricRequired
        case .matched: nil
        case .noFace: .noFace
        case .mismatched, .notEnrolled: .faceMismatch
        }
    }
}
