import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SecuregateAPI
import SecuregateApp
import SecuregateCore
import SecuregateStore
import SecuregateTestSupport
import Testing

/// Two server instances, each with its own connections, on one database: concurrent status updates, duplicate
/// batches and outbox delivery through both must lose nothing, duplicate nothing and deliver nothing twice.
struct MultiInstanceTests {
    /// One running instance: its own store (connection pool), services and delivery worker.
    struct Instance {
        let store: SQLStore
        let services: SecuregateServices
        let transport: RecordingTransport
        let dispatcher: OutboxDispatcher
    }

    static func instance(on url: DatabaseURL, time: any TimeSource) async throws -> Instance {
        var logger = Logger(label: "instance")
        logger.logLevel = .warning
        let store = try await SQLStore.open(url, logger: logger)
        let services = try SecuregateServices(store: store, time: time, ids: RandomIDGenerator(), hasher: SHA256SecretHasher())
        let transport = RecordingTransport()
        var dispatcher = OutboxDispatcher(store: store, transport: transport, time: time)
        dispatcher.batchSize = 25
        return Instance(store: store, services: services, transport: transport, dispatcher: dispatcher)
    }

    @Test(arguments: StoreBackend.available)
    func twoInstancesShareOneDatabaseSafely(_ backend: StoreBackend) async throws {
        try await backend.withStore { _, url in
            let time = ManualTimeSource(Date(timeIntervalSince1970: 1_767_225_600))
            let instances = [try await Self.instance(on: url, time: time), try await Self.instance(on: url, time: time)]
            let key = try await instances[0].services.keys.issue(accountName: "A").token.text
            let apps = instances.map { Application(router: buildRouter(services: $0.services), logger: TestEnvironment.quietLogger) }

            let emails = (0..<200).map { "guest\($0)@x.io" }
            let event = try await apps[0].test(.router) { try await $0.createEvent(key: key) }

            // Ten identical batches at once, alternating between the instances (a client retrying through a
            // load balancer): one invite per email must come out of it.
            let batchAnswers = try await withThrowingTaskGroup(of: [JSONValue].self) { group in
                for attempt in 0..<10 {
                    let app = apps[attempt % 2]
                    group.addTask {
                        try await app.test(.router) { try await $0.invite(emails, to: event, key: key, query: "notify=1") }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let ids = batchAnswers[0].compactMap { $0["id"]?.stringValue }
            #expect(ids.count == 200)
            #expect(batchAnswers.allSatisfy { $0.compactMap { $0["id"]?.stringValue } == ids })

            // 200 status updates through both instances while both delivery workers drain the outbox.
            let statuses: [InviteStatus] = [.accepted, .rejected]
            let codes = try await withThrowingTaskGroup(of: [Int].self) { group in
                for (half, app) in apps.enumerated() {
                    group.addTask {
                        try await app.test(.router) { client in
                            try await withThrowingTaskGroup(of: Int.self) { updates in
                                for index in stride(from: half, to: ids.count, by: 2) {
                                    updates.addTask {
                                        let body = #"{"status":"\#(statuses[index % 2].rawValue)"}"#
                                        return Int(try await client.call(.put, "/events/\(event)/invites/\(ids[index])", key: key, body: body).status.code)
                                    }
                                }
                                return try await updates.reduce(into: []) { $0.append($1) }
                            }
                        }
                    }
                }
                for instance in instances {
                    group.addTask {
                        var rounds = 0
                        while try await instance.dispatcher.runOnce().delivered > 0 || rounds < 3 { rounds += 1 }
                        return []
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(codes.count == 200)
            #expect(codes.allSatisfy { $0 == 200 })
            for instance in instances {
                while try await instance.dispatcher.runOnce().delivered > 0 {}
            }

            let delivered = instances.flatMap { $0.transport.messages.map(\.id) }
            let duplicates = delivered.count - Set(delivered).count
            #expect(delivered.count == 200)
            #expect(duplicates == 0)
            let accountID = try await instances[1].services.keys.authenticate(key).accountID
            let stored = try await instances[1].store.invites(eventID: event, accountID: accountID, status: nil)
            #expect(stored.map(\.id) == ids)
            for (index, invite) in stored.enumerated() {
                // The organizer's status wins whatever the order: delivery never overwrites a later status.
                #expect(invite.status == statuses[index % 2])
                let history = try await instances[index % 2].store.statusHistory(inviteID: invite.id, accountID: accountID)
                #expect(history.first?.to == .pending)
                #expect(history.last?.to == statuses[index % 2])
                #expect(history.filter { $0.to == .sent }.count <= 1)
            }
            print("multi-instance [\(backend)]: 2 instances, 10 batches x 200 invites, 200 status updates, \(delivered.count) deliveries, duplicates: \(duplicates)")
            for instance in instances { try await instance.store.close() }
        }
    }

    @Test(arguments: StoreBackend.available)
    func aRevokedKeyStopsWorkingOnEveryInstanceAtOnce(_ backend: StoreBackend) async throws {
        try await backend.withStore { _, url in
            let time = ManualTimeSource(Date(timeIntervalSince1970: 1_767_225_600))
            let first = try await Self.instance(on: url, time: time)
            let second = try await Self.instance(on: url, time: time)
            let issued = try await first.services.keys.issue(accountName: "A")
            let app = Application(router: buildRouter(services: second.services), logger: TestEnvironment.quietLogger)
            try await app.test(.router) { client in
                #expect(try await client.call(.get, "/events", key: issued.token.text).status == .ok)
                #expect(try await first.services.keys.revoke(keyID: issued.record.id))
                let refused = try await client.call(.get, "/events", key: issued.token.text)
                #expect(refused.status == .unauthorized)
                #expect(refused.json == ["detail": "Invalid API key"])
            }
            try await first.store.close()
            try await second.store.close()
        }
    }
}
