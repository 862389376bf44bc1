import Foundation
import SecuregateCore
import SecuregateTestSupport
import Testing

/// Retention on every backend: finished messages and old ledger entries go after their cutoff, in batches, and
/// nothing else does.
struct RetentionContractTests {
    @Test(arguments: StoreBackend.available)
    func finishedMessagesGoAfterTheCutoffAndWaitingOnesStay(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            try await Fixture.accounts(in: store)
            try await store.insertEvent(Fixture.event("evt_1", account: "acc_a"))
            let invites = (1...4).map { Fixture.invite("inv_\($0)", event: "evt_1", account: "acc_a", email: "p\($0)@x.io") }
            let messages = invites.map { Fixture.message("msg_\($0.id)", invite: $0.id, account: "acc_a") }
            _ = try await store.createInvites(invites, history: [], messages: messages, eventID: "evt_1", accountID: "acc_a")
            let t = Fixture.t0
            _ = try await store.claimMessages(limit: 3, now: t, leaseUntil: t.addingTimeInterval(60))
            try await store.completeDelivery(messageID: "msg_inv_1", at: t, marksSent: true)
            try await store.abandonDelivery(messageID: "msg_inv_2", error: "550", at: t)
            try await store.completeDelivery(messageID: "msg_inv_3", at: t.addingTimeInterval(100), marksSent: true)
            // inv_4's message is still queued.
            #expect(try await store.deleteFinishedMessages(finishedAtOrBefore: t.addingTimeInterval(-1), limit: 10) == 0)
            #expect(try await store.deleteFinishedMessages(finishedAtOrBefore: t, limit: 1) == 1, "a batch at a time")
            #expect(try await store.deleteFinishedMessages(finishedAtOrBefore: t, limit: 10) == 1)
            #expect(try await store.deleteFinishedMessages(finishedAtOrBefore: t.addingTimeInterval(99), limit: 10) == 0)
            var left: [String] = []
            for invite in invites { left += try await store.messages(inviteID: invite.id).map(\.id) }
            #expect(left == ["msg_inv_3", "msg_inv_4"])
            // The invites themselves are untouched.
            #expect(try await store.invite(id: "inv_1", accountID: "acc_a")?.status == .sent)
            let counts = Dictionary(uniqueKeysWithValues: try await store.tableRowCounts().map { ($0.table, $0.rows) })
            #expect(counts["outbox_messages"] == 2 && counts["invites"] == 4 && counts["accounts"] == 2)
        }
    }

    @Test(arguments: StoreBackend.available)
    func oldLedgerEntriesGoWithTheirNonces(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            try await Fixture.accounts(in: store)
            try await store.insertEvent(Fixture.event("evt_1", account: "acc_a"))
            let invites = (1...3).map { Fixture.invite("inv_\($0)", event: "evt_1", account: "acc_a", email: "p\($0)@x.io") }
            _ = try await store.createInvites(invites, history: [], messages: [], eventID: "evt_1", accountID: "acc_a")
            let door = Principal(accountID: "acc_a", keyID: "key_door", scope: .checkin)
            for (offset, invite) in invites.enumerated() {
                let at = Fixture.t0.addingTimeInterval(Double(offset) * 100)
                let request = ScanRequest(code: invite.sessionCode, nonce: "n-\(offset)")
                _ = try await store.scan(
                    request, evidence: ScanEvidence(), eventID: "evt_1", principal: door, at: at,
                    nonce: ScanNonceClaim(request, eventID: "evt_1", at: at, lifetime: 86_400), checkinID: "chk_\(offset)"
                ) { _, _ in nil }
            }
            #expect(try await store.deleteCheckins(scannedAtOrBefore: Fixture.t0.addingTimeInterval(100), limit: 10) == 2)
            let ledger = try await store.checkins(eventID: "evt_1", accountID: "acc_a", cursor: nil, limit: 10)
            #expect(ledger.items.map(\.id) == ["chk_2"])
            // Their nonces went with them: the same nonce is a new scan now, not a replay of a scan that is gone.
            let counts = Dictionary(uniqueKeysWithValues: try await store.tableRowCounts().map { ($0.table, $0.rows) })
            #expect(counts["scan_nonces"] == 1 && counts["checkins"] == 1 && counts["presence"] == 3)
        }
    }
}
