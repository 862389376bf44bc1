import Foundation
import SecuregateAPI
import SecuregateApp
import SecuregateCore
import SecuregateStore
import SecuregateTestSupport
import Testing

/// Webhooks through the real `securegate serve`: a server killed with deliveries pending loses none of them,
/// and two servers on one PostgreSQL database share the work without sending any event twice.
struct WebhookDurabilityTests {
    /// An account with an endpoint to the receiver's `path` for the invites' events (its secret given to the
    /// receiver at once), and `count` invites, each then accepted: three events per invite. Returns the invites' ids.
    static func queueEvents(
        store: SQLStore, receiver: TestWebhookReceiver, path: String, invites count: Int
    ) async throws -> [String] {
        let services = try SecuregateServices(store: store, time: SystemTimeSource(), ids: RandomIDGenerator(), hasher: SHA256SecretHasher())
        let principal = try await services.keys.authenticate(try await services.keys.issue(accountName: "A").token.text)
        let endpoint = try await services.webhooks.create(WebhookDraft(url: receiver.url(path), events: ["invite.*"]), by: principal)
        try receiver.trust(["current": endpoint.secret])
        let event = try await services.events.create(EventDraft(title: "Hooks", startTimestamp: 1, endTimestamp: 2), by: principal)
        let invites = try await services.invites.createBatch(
            (0..<count).map { InviteDraft(email: "guest\($0)@x.io") }, eventID: event.id, notify: .none, flow: .onlyAuth, by: principal
        )
        for invite in invites {
            _ = try await services.invites.updateStatus(eventID: event.id, inviteID: invite.id, to: .accepted, by: principal)
        }
        return invites.map(\.id)
    }

    /// Checks what the receiver got: every event once at least, each verified, and each invite's events first
    /// received in the order they happened. Returns how many requests came.
    static func checkReceived(_ received: [JSONValue], inviteIDs: [String]) -> Int {
        var firstSeen: [String] = []
        var seen = Set<String>()
        for request in received {
            guard let id = request["id"]?.stringValue, seen.insert(id).inserted else { continue }
            firstSeen.append(id)
        }
        #expect(seen.count == inviteIDs.count * 3, "every event arrived")
        #expect(received.allSatisfy { $0["verified_by"] == ["current"] }, "every request verifies")
        var order: [String: [String]] = [:]
        for request in received {
            guard let body = request["body"], let invite = body["data"]?["invite_id"]?.stringValue,
                  let type = body["type"]?.stringValue, order[invite]?.contains(type) != true
            else { continue }
            order[invite, default: []].append(type)
        }
        #expect(Set(order.keys) == Set(inviteIDs))
        #expect(order.values.allSatisfy { $0 == ["invite.created", "invite.status_changed", "invite.accepted"] }, "in order")
        return received.count
    }

    @Test func aServerKilledWithDeliveriesPendingLosesNone() async throws {
        let receiver = try TestWebhookReceiver()
        try await StoreBackend.sqlite.withStore { store, url in
            let inviteIDs = try await Self.queueEvents(store: store, receiver: receiver, path: "slow", invites: 100)
            let arguments = ["--allow-private-webhook-urls", "--webhook-timeout", "1", "--webhook-concurrency", "4"]
            let first = try await ServerProcess(database: DurabilityTests.databaseArgument(url), arguments: arguments)
            // Killed while it sends: some events arrived, others are claimed and unfinished.
            try await receiver.wait { $0.count >= 30 }
            try await first.stop(with: SIGKILL)
            let atKill = try receiver.received().count
            let second = try await ServerProcess(database: DurabilityTests.databaseArgument(url), arguments: arguments)
            let received = try await receiver.wait(seconds: 60) { received in
                Set(received.compactMap { $0["id"]?.stringValue }).count == inviteIDs.count * 3
            }
            try await second.stop(with: SIGTERM)
            #expect(atKill < inviteIDs.count * 3, "the kill came before the last event")
            _ = Self.checkReceived(received, inviteIDs: inviteIDs)
        }
    }

    @Test(arguments: StoreBackend.available.filter { $0 == .postgres })
    func twoServersOnOnePostgreSQLDatabaseSendNoEventTwice(_ backend: StoreBackend) async throws {
        let receiver = try TestWebhookReceiver()
        try await backend.withStore { store, url in
            let arguments = ["--allow-private-webhook-urls", "--webhook-concurrency", "4"]
            let servers = [
                try await ServerProcess(database: DurabilityTests.databaseArgument(url), logLevel: "info", arguments: arguments),
                try await ServerProcess(database: DurabilityTests.databaseArgument(url), logLevel: "info", arguments: arguments),
            ]
            let inviteIDs = try await Self.queueEvents(store: store, receiver: receiver, path: "ok", invites: 200)
            let received = try await receiver.wait(seconds: 60) { received in
                Set(received.compactMap { $0["id"]?.stringValue }).count == inviteIDs.count * 3
            }
            // What each instance says it delivered, read before the logs go with the processes.
            let shares = servers.map { server in
                server.log.components(separatedBy: "\n").filter { $0.contains("Webhook pass") }.compactMap { line in
                    line.range(of: "delivered=").flatMap { Int(line[$0.upperBound...].prefix { $0.isNumber }) }
                }.reduce(0, +)
            }
            for server in servers { try await server.stop(with: SIGTERM) }
            #expect(Self.checkReceived(received, inviteIDs: inviteIDs) == inviteIDs.count * 3, "each event once")
            #expect(shares.allSatisfy { $0 > 0 }, "both instances delivered: \(shares)")
        }
    }
}
