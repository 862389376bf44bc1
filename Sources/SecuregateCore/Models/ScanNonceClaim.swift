import Foundation

/// A scanner's nonce as the store claims it: bound to the scan it was first sent with, and valid for a while.
///
/// A nonce makes a retried scan safe: the same nonce with the same scan gets the first answer back. The same
/// nonce with another scan (another code, event, type, or a photo where there was none) is a scanner's bug or
/// a replay, and is refused rather than answered with someone else's result, as payment APIs treat their
/// idempotency keys.
public struct ScanNonceClaim: Sendable, Equatable {
    public var nonce: String
    /// What the scan was: the event, the type, whether a photo came with it, and the code.
    public var fingerprint: String
    /// A claim made at or before this time has expired: the nonce is free again.
    public var expiryCutoff: Date

    public init(nonce: String, fingerprint: String, expiryCutoff: Date) {
        self.nonce = nonce
        self.fingerprint = fingerprint
        self.expiryCutoff = expiryCutoff
    }

    /// The claim of `request`'s nonce for a scan at `eventID`, or `nil` when it carries none.
    public init?(_ request: ScanRequest, eventID: String, at now: Date, lifetime: TimeInterval) {
        guard let nonce = request.nonce else { return nil }
        // The code goes last: event ids and types hold no "|", so no two scans share a fingerprint.
        let photo = request.faceImage == nil ? "" : "photo"
        self.init(
            nonce: nonce, fingerprint: "\(eventID)|\(request.type.rawValue)|\(photo)|\(request.code)",
            expiryCutoff: now.addingTimeInterval(-lifetime)
        )
    }
}
