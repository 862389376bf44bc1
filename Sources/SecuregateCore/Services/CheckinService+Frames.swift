import Foundation

extension CheckinService {
    /// What a scan of a camera frame (`image`) becomes: the request with the frame's one code, and the frame
    /// as the face photo when the event has enrolled faces; or, for a frame with no code (and no face to look
    /// for) or several codes, the answer to give at once without a ledger entry (a frame is only a scan when it
    /// shows someone). With `code` already known (the face step of a `Both` invite) the frame is only the face.
    /// `isFrame` says whether the request was a frame.
    func readingFrame(_ request: ScanRequest, eventID: String) async throws -> (request: ScanRequest, answer: ScanOutcome?, isFrame: Bool) {
        guard let text = request.image else { return (request, nil, false) }
        guard let frame = Data(base64Encoded: text, options: .ignoreUnknownCharacters), !frame.isEmpty else {
            throw SecuregateError.unreadableImage
        }
        var read = request
        read.image = nil
        if request.code.isEmpty {
            guard let codeReader else { throw SecuregateError.codeReadingNotConfigured }
            let codes = try await codeReader.codes(in: frame)
            guard codes.count <= 1 else {
                return (request, ScanOutcome(result: .refused, reason: .ambiguousCode, invite: nil, checkedInAt: nil), true)
            }
            read.code = codes.first ?? ""
        }
        // A face is looked for only where one can count: with a code (whose invite may ask for it), or alone
        // when the event has faces to match it with; else every passer-by would be refused.
        if let faces, faces.isConfigured, read.faceImage == nil {
            if !read.code.isEmpty {
                read.faceImage = text
            } else if try await faces.hasEnrolledFaces(eventID: eventID) {
                read.faceImage = text
            }
        }
        if read.code.isEmpty, read.faceImage == nil {
            return (request, ScanOutcome(result: .refused, reason: .noCode, invite: nil, checkedInAt: nil), true)
        }
        return (read, nil, true)
    }

    /// The answer, without a ledger entry, to a frame that shows no face where one is looked for: without a
    /// code it is someone's hand, a wall, a blur; with the code of an invite that asks for a face, and nothing
    /// else to refuse, the person is on their way to the camera and the door waits for the face. nil when the
    /// frame is a scan.
    func faceStillNeeded(_ request: ScanRequest, evidence: ScanEvidence, eventID: String, principal: Principal) async throws -> ScanOutcome? {
        guard evidence.face == .noFace else { return nil }
        guard !request.code.isEmpty else { return ScanOutcome(result: .refused, reason: .noCode, invite: nil, checkedInAt: nil) }
        guard let (invite, event) = try await store.invite(sessionCode: request.code, accountID: principal.accountID),
              rules.refusal(of: request.type, invite: invite, inviteEvent: event, scannedEventID: eventID, now: time.now(), evidence: evidence) == .noFace
        else { return nil }
        return ScanOutcome(result: .refused, reason: .noFace, invite: invite, checkedInAt: nil)
    }
}
