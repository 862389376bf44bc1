import Foundation

/// Persistence of the door: who is inside, the ledger of every scan, scanners' nonces.
public protocol CheckinStore: Sendable {
    /// The account's invite with this id, with its event, or `nil`.
    func inviteWithEvent(id: String, accountID: String) async throws -> (Invite, Event)?
    /// The account's invite carrying this session code, with its event, or `nil`.
    func invite(sessionCode: String, accountID: String) async throws -> (Invite, Event)?
    /// Records one scan in one transaction. A `nonce` the key claimed before, unexpired, replays the stored answer
    /// when its fingerprint is the same and throws `nonceReused` when not; else asks `decide` (the rules) about
    /// the invite found by code (or, for a photo alone, the invite the photo matched), applies presence
    /// atomically (one entry per person until an exit), sets `last_seen` on success, writes the ledger (with the
    /// evidence) and the webhook event of the scan.
    func scan(
        _ request: ScanRequest, evidence: ScanEvidence, eventID: String, principal: Principal, at: Date,
        nonce: ScanNonceClaim?, checkinID: String,
        decide: @escaping @Sendable (Invite?, Event?) -> CheckinReason?
    ) async throws -> ScanOutcome
    /// Deletes about `limit` of the nonces claimed at or before `claimedAtOrBefore`; returns how many.
    func deleteScanNonces(claimedAtOrBefore: Date, limit: Int) async throws -> Int
    /// Deletes about `limit` ledger entries scanned at or before `cutoff`; returns how many.
    func deleteCheckins(scannedAtOrBefore cutoff: Date, limit: Int) async throws -> Int
    /// The event's ledger, newest first, `limit` at a time, after `cursor` when given. Throws `eventNotFound`.
    func checkins(eventID: String, accountID: String, cursor: String?, limit: Int) async throws -> CheckinPage
    /// The newest `limit` scans of one of the account's invites, newest first.
    func checkins(inviteID: String, accountID: String, limit: Int) async throws -> [Checkin]
}
