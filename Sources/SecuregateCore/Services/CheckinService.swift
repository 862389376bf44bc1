import Foundation

/// The door: scans, the ledger, and looking an invite up by its code.
public struct CheckinService: Sendable {
    let store: any SecuregateStore
    let time: any TimeSource
    let ids: any IDGenerator
    public let rules: CheckinRules
    let faces: FaceService?
    /// Reads the codes of camera frames; nil refuses frames.
    let codeReader: (any CodeReader)?
    /// The frames each device may send.
    public let frames: FrameAllowance

    public init(
        store: any SecuregateStore, time: any TimeSource, ids: any IDGenerator, rules: CheckinRules = CheckinRules(),
        faces: FaceService? = nil, codeReader: (any CodeReader)? = nil, frames: FrameAllowance = FrameAllowance()
    ) {
        self.faces = faces
        self.codeReader = codeReader
        self.frames = frames
        self.store = store
        self.time = time
        self.ids = ids
        self.rules = rules
    }

    /// Scans a code (or a camera frame) at the door of one of the caller's events: a typed answer, every scan
    /// in the ledger. A frame without a code or a face, with several codes, or with a code whose face is still
    /// to come, is answered but not a scan; frames beyond the key's allowance are refused.
    public func scan(_ request: ScanRequest, eventID: String, by principal: Principal) async throws -> ScanOutcome {
        guard try await store.event(id: eventID, accountID: principal.accountID) != nil else {
            throw SecuregateError.eventNotFound
        }
        if request.image != nil, let wait = frames.take(principal.keyID, at: time.now()) {
            throw SecuregateError.tooManyFrames(retryAfter: wait)
        }
        let (request, answer, isFrame) = try await readingFrame(request, eventID: eventID)
        if let answer { return answer }
        let evidence = try await self.evidence(for: request, eventID: eventID, principal: principal)
        if isFrame, let answer = try await faceStillNeeded(request, evidence: evidence, eventID: eventID, principal: principal) {
            return answer
        }
        let now = time.now()
        let rules = self.rules
        return try await store.scan(
            request, evidence: evidence, eventID: eventID, principal: principal, at: now,
            nonce: ScanNonceClaim(request, eventID: eventID, at: now, lifetime: rules.nonceLifetime),
            checkinID: ids.makeID(.checkin)
        ) { invite, event in
            rules.refusal(of: request.type, invite: invite, inviteEvent: event, scannedEventID: eventID, now: now, evidence: evidence)
        }
    }

    /// What the scan's photo says, worked out before the scan's transaction. A photo alone is matched among the
    /// event's enrolled faces; a photo with a code is compared with that code's invite, when it asks for a face.
    func evidence(for request: ScanRequest, eventID: String, principal: Principal) async throws -> ScanEvidence {
        guard let text = request.faceImage else {
            guard !request.code.isEmpty else { throw SecuregateError.scanNeedsCodeOrFace }
            return ScanEvidence(method: .qr)
        }
        guard let photo = Data(base64Encoded: text, options: .ignoreUnknownCharacters), !photo.isEmpty else {
            throw SecuregateError.unreadableImage
        }
        guard let faces, faces.isConfigured else { throw SecuregateError.faceNotConfigured }
        if request.code.isEmpty {
            guard let face = try await faces.largestFace(in: photo) else { return ScanEvidence(method: .face, face: .noFace) }
            guard let match = try await faces.nearest(to: face, eventID: eventID) else {
                return ScanEvidence(method: .face, face: .mismatched(distance: nil))
            }
            guard faces.settings.isSamePerson(atDistance: match.distance) else {
                return ScanEvidence(method: .face, face: .mismatched(distance: match.distance))
            }
            return ScanEvidence(method: .face, face: .matched(distance: match.distance), matchedInviteID: match.inviteID)
        }
        // Only invites that ask for a face are compared: a QR-code invite's photo changes nothing.
        guard let (invite, _) = try await store.invite(sessionCode: request.code, accountID: principal.accountID),
              invite.authenticationMethod != .qrCode
        else { return ScanEvidence(method: .qr) }
        guard let face = try await faces.largestFace(in: photo) else { return ScanEvidence(method: .qrFace, face: .noFace) }
        guard let enrolled = try await store.face(inviteID: invite.id, accountID: principal.accountID) else {
            return ScanEvidence(method: .qrFace, face: .notEnrolled)
        }
        let distance = face.descriptor.distance(to: enrolled.descriptor)
        return ScanEvidence(
            method: .qrFace,
            face: faces.settings.isSamePerson(atDistance: distance) ? .matched(distance: distance) : .mismatched(distance: distance)
        )
    }

    /// Deletes about `limit` ledger entries older than `retention`; returns how many.
    public func forgetLedger(olderThan retention: TimeInterval, limit: Int = 1000) async throws -> Int {
        try await store.deleteCheckins(scannedAtOrBefore: time.now().addingTimeInterval(-retention), limit: limit)
    }

    /// Forgets the nonces whose lifetime has passed, at most `limit` of them; returns how many.
    public func forgetExpiredNonces(limit: Int = 1000) async throws -> Int {
        try await store.deleteScanNonces(claimedAtOrBefore: time.now().addingTimeInterval(-rules.nonceLifetime), limit: limit)
    }

    /// The event's ledger, newest first.
    public func ledger(eventID: String, cursor: String?, limit: Int, for principal: Principal) async throws -> CheckinPage {
        try await store.checkins(eventID: eventID, accountID: principal.accountID, cursor: cursor, limit: limit)
    }

    /// The newest scans of one of the caller's invites, newest first.
    public func scans(inviteID: String, limit: Int = 50, for principal: Principal) async throws -> [Checkin] {
        try await store.checkins(inviteID: inviteID, accountID: principal.accountID, limit: limit)
    }

    /// The caller's invite in `eventID` carrying `code`.
    public func invite(code: String, eventID: String, for principal: Principal) async throws -> Invite {
        guard try await store.event(id: eventID, accountID: principal.accountID) != nil else {
            throw SecuregateError.eventNotFound
        }
        guard let (invite, _) = try await store.invite(sessionCode: code, accountID: principal.accountID),
              invite.eventID == eventID
        else { throw SecuregateError.inviteNotFound }
        return invite
    }
}
