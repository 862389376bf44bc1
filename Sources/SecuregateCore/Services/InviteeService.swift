import Foundation

/// The rules for the invitee's side: the personal link that opens their page, and their answer to the
/// invitation, recorded through the same store as the organizer's and marked as theirs.
public struct InviteeService: Sendable {
    let store: any SecuregateStore
    let time: any TimeSource
    let ids: any IDGenerator
    /// The faces the invitee may enroll and remove.
    public let faces: FaceService
    /// The address people reach the server at, without a trailing slash.
    public let publicURL: String

    public init(store: any SecuregateStore, time: any TimeSource, ids: any IDGenerator, faces: FaceService, publicURL: String) {
        self.store = store
        self.time = time
        self.ids = ids
        self.faces = faces
        var url = publicURL
        while url.hasSuffix("/") { url.removeLast() }
        self.publicURL = url
    }

    /// The personal link of one of the caller's invites, made on first need.
    public func link(inviteID: String, for principal: Principal) async throws -> InviteLink {
        try await link(inviteID: inviteID, accountID: principal.accountID)
    }

    /// The personal link of an invite the server itself writes to (a message being sent), made on first need.
    public func link(of invite: Invite) async throws -> InviteLink {
        try await link(inviteID: invite.id, accountID: invite.accountID)
    }

    private func link(inviteID: String, accountID: String) async throws -> InviteLink {
        let token = try await store.inviteLink(inviteID: inviteID, accountID: accountID, newToken: ids.makeSecret(), at: time.now())
        return InviteLink(inviteID: inviteID, url: url(token: token))
    }

    /// Gives one of the caller's invites a new link; the old one stops working at once.
    public func replaceLink(inviteID: String, for principal: Principal) async throws -> InviteLink {
        let token = ids.makeSecret()
        try await store.replaceInviteLink(inviteID: inviteID, accountID: principal.accountID, token: token, at: time.now())
        return InviteLink(inviteID: inviteID, url: url(token: token))
    }

    /// The page of `token`.
    func url(token: String) -> String {
        "\(publicURL)/i/\(token)"
    }

    /// The invitation a token opens, with its stage now. Throws `linkNotFound`.
    public func invitation(token: String) async throws -> (invite: Invite, event: Event, stage: InviteeStage) {
        guard Self.isWellFormed(token), let (invite, event) = try await store.invitation(linkToken: token) else {
            throw SecuregateError.linkNotFound
        }
        return (invite, event, Self.stage(of: event, at: time.now()))
    }

    /// Records the invitee's answer: `accepted` or `rejected`, until the event starts. Throws `linkNotFound`
    /// or `answerClosed`.
    public func answer(token: String, accept: Bool) async throws -> Invite {
        let (invite, event, stage) = try await invitation(token: token)
        guard stage == .open else { throw SecuregateError.answerClosed }
        do {
            return try await store.updateInviteStatus(
                eventID: event.id, inviteID: invite.id, accountID: invite.accountID, status: accept ? .accepted : .rejected,
                at: time.now(), keyID: nil, source: .invitee
            )
        } catch SecuregateError.eventArchived {
            throw SecuregateError.answerClosed
        }
    }

    /// Whether the invitation asks its invitee for a face and they may give or remove one now: a `Biometric`
    /// or `Both` invite, accepted, before its event is over.
    public static func faceStepIsOpen(for invite: Invite, stage: InviteeStage) -> Bool {
        invite.authenticationMethod.needsFace && invite.status == .accepted && stage != .over
    }

    /// Enrolls the invitee's face from `photo`, which they consented to. Throws `linkNotFound`,
    /// `faceStepClosed`, `consentRequired`, or the face service's errors (no face, several, not an image).
    public func enrollFace(token: String, photo: Data, consented: Bool) async throws -> FaceEnrollment {
        let (invite, _, stage) = try await invitation(token: token)
        guard Self.faceStepIsOpen(for: invite, stage: stage) else { throw SecuregateError.faceStepClosed }
        guard consented else { throw SecuregateError.consentRequired }
        return try await faces.enroll(invite, inviteePhoto: photo)
    }

    /// Erases the invitee's face at once, whatever the event's stage; returns whether there was one.
    public func removeFace(token: String) async throws -> Bool {
        let (invite, _, _) = try await invitation(token: token)
        return try await faces.erase(invite)
    }

    /// Where an event stands for its invitees at `now`.
    public static func stage(of event: Event, at now: Date) -> InviteeStage {
        switch event.status(at: now) {
        case .upcoming: .open
        case .ongoing: .underway
        case .ended, .archived: .over
        }
    }

    /// Whether `token` can be a token at all: what is not is refused before the store is asked.
    static func isWellFormed(_ token: String) -> Bool {
        (8...64).contains(token.utf8.count) && token.utf8.allSatisfy { $0.isASCIIAlphanumeric }
    }
}

extension UInt8 {
    fileprivate var isASCIIAlphanumeric: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
    }
}
