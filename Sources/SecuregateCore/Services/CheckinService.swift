import Foundation

/// The door: scans, the ledger, and looking an invite up by its code.
public struct CheckinService: Sendable {
    let store: any SecuregateStore
    let time: any TimeSource
    let ids: any IDGenerator
    public let rules: CheckinRules

    public init(store: any SecuregateStore, time: any TimeSource, ids: any IDGenerator, rules: CheckinRules = CheckinRules()) {
        self.store = store
        self.time = time
        self.ids = ids
        self.rules = rules
    }

    /// Scans a code at the door of one of the caller's events: a typed answer, every scan in the ledger.
    public func scan(_ request: ScanRequest, eventID: String, by principal: Principal) async throws -> ScanOutcome {
        guard try await store.event(id: eventID, accountID: principal.accountID) != nil else {
            throw SecuregateError.eventNotFound
        }
        let now = time.now()
        let rules = self.rules
        return try await store.scan(
            request, eventID: eventID, principal: principal, at: now, checkinID: ids.makeID(.checkin),
            webhookID: ids.makeID(.webhook)
        ) { invite, event in
            rules.refusal(of: request.type, invite: invite, inviteEvent: event, scannedEventID: eventID, now: now)
        }
    }

    /// The event's ledger, newest first.
    public func ledger(eventID: String, cursor: String?, limit: Int, for principal: Principal) async throws -> CheckinPage {
        try await store.checkins(eventID: eventID, accountID: principal.accountID, cursor: cursor, limit: limit)
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
