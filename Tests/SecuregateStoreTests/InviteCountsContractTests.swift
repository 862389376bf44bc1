import Foundation
import SecuregateCore
import SecuregateTestSupport
import Testing

/// The stats come from counts kept by the writes: after any mix of batches, status changes and deliveries,
/// they must equal a count of the invites themselves.
struct InviteCountsContractTests {
    @Test(arguments: StoreBackend.available)
    func countsFollowEveryWrite(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            try await Fixture.accounts(in: store)
            try await store.insertEvent(Fixture.event("evt_1", account: "acc_a"))
            try await store.insertEvent(Fixture.event("evt_2", account: "acc_a"))
            let invites = (0..<40).map { Fixture.invite("inv_\($0)", event: "evt_1", account: "acc_a", email: "p\($0)@x.io") }
            let messages = invites.prefix(10).enumerated().map { Fixture.message("msg_\($0.offset)", invite: $0.element.id, account: "acc_a") }
            _ = try await store.createInvites(invites, history: [], messages: Array(messages), eventID: "evt_1", accountID: "acc_a")
            // The same emails again: nothing new to count.
            let again = (0..<40).map { Fixture.invite("dup_\($0)", event: "evt_1", account: "acc_a", email: "p\($0)@x.io") }
            _ = try await store.createInvites(again, history: [], messages: [], eventID: "evt_1", accountID: "acc_a")
            _ = try await store.createInvites(
                [Fixture.invite("other", event: "evt_2", account: "acc_a", email: "o@x.io")], history: [], messages: [],
                eventID: "evt_2", accountID: "acc_a"
            )
            let statuses: [InviteStatus] = [.accepted, .rejected, .sent, .accepted, .pending]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<30 {
                    group.addTask {
                        _ = try await store.updateInviteStatus(
                            eventID: "evt_1", inviteID: "inv_\(n % 20)", accountID: "acc_a", status: statuses[n % 5],
                            at: Fixture.t0, keyID: nil, source: .api
                        )
                    }
                }
                try await group.waitForAll()
            }
            for message in try await store.claimMessages(limit: 100, now: Fixture.t0, leaseUntil: Fixture.t0.addingTimeInterval(60)) {
                try await store.completeDelivery(messageID: message.id, at: Fixture.t0, marksSent: true)
            }
            let stored = try await store.invites(eventID: "evt_1", accountID: "acc_a", status: nil)
            var expected = InviteStats()
            for status in InviteStatus.allCases {
                expected.add(stored.filter { $0.status == status }.count, of: status)
            }
            let stats = try await store.inviteStats(eventID: "evt_1")
            #expect(stats == expected)
            #expect(stats.total == 40)
            #expect(try await store.inviteStats(eventID: "evt_2").total == 1)
        }
    }
}
