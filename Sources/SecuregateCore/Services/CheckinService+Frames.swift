import Foundation

extension CheckinService {
    /// What a scan of a camera frame (`image`) becomes: the request with the frame's one code, and the frame
    /// as the face photo when faces are on; or, for a frame with no code or several, the answer to give at
    /// once without a ledger entry (a frame is only a scan when it shows someone). `isFrame` says whether the
    /// request was a frame.
    func readingFrame(_ request: ScanRequest) async throws -> (request: ScanRequest, answer: ScanOutcome?, isFrame: Bool) {
        guard let text = request.image, request.code.isEmpty else { return (request, nil, false) }
        guard let frame = Data(base64Encoded: text, options: .ignoreUnknownCharacters), !frame.isEmpty else {
            throw SecuregateError.unreadableImage
        }
        guard let codeReader else { throw SecuregateError.codeReadingNotConfigured }
        let codes = try await codeReader.codes(in: frame)
        guard codes.count <= 1 else {
            return (request, ScanOutcome(result: .refused, reason: .ambiguousCode, invite: nil, checkedInAt: nil), true)
        }
        var read = request
        read.image = nil
        read.code = codes.first ?? ""
        if faces?.isConfigured == true, read.faceImage == nil {
            read.faceImage = text
        }
        if read.code.isEmpty, read.faceImage == nil {
            return (request, ScanOutcome(result: .refused, reason: .noCode, invite: nil, checkedInAt: nil), true)
        }
        return (read, nil, true)
    }
}
