import Foundation
import SQLKit
import SecuregateCore
import SecuregateStore
import SecuregateTestSupport
import Testing

/// On PostgreSQL, writes to an event and its deletion are ordered by the event row's lock: a status update or a
/// scan that comes while a deletion is under way waits for it, and is then refused as archived.
struct DeletionRaceTests {
    /// Set once the deletion is about to commit: a write that finished before it did not wait.
    actor Flag {
        private(set) var isSet = false
        func set() { isSet = true }
    }

    /// Deletes `eventID` in a transaction of another connection and runs `during` while it is open; `during`
    /// commits it by calling the function it is given.
    static func whileDeleting(
        _ eventID: String, url: DatabaseURL, during: @escaping @Sendable (_ commit: @escaping @Sendable () -> Void) async throws -> Void
    ) async throws {
        guard case .postgres(let postgres) = url else { return }
        let other = try await PostgresSessions.open(postgres, logger: TestEnvironment.quietLogger)
        let (deleting, started) = AsyncStream.makeStream(of: Void.self)
        let (committing, commit) = AsyncStream.makeStream(of: Void.self)
        let deletion = Task {
            try await other.write { db in
                try await db.update("events").set("is_deleted", to: true).where("id", .equal, eventID).run()
                started.yield()
                for await _ in committing { break }
            }
        }
        for await _ in deleting { break }
        var failure: (any Error)?
        do {
            try await during { commit.yield() }
        } catch {
            failure = error
        }
        commit.yield()
        let deleted = await deletion.result
        try await other.close()
        if let failure { throw failure }
        try deleted.get()
    }

    @Test(arguments: StoreBackend.available.filter { $0 == .postgres })
    func writesThatComeDuringADeletionWaitForItAndAreRefused(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await DoorTests.openEvent(client, key: env.keyA)
                let ada = try await DoorTests.guest(client, event: event, key: env.keyA, email: "ada@x.io")
                let committed = Flag()
                try await Self.whileDeleting(event, url: env.url) { commit in
                    async let update: (status: Int, waited: Bool) = {
                        let response = try await client.call(
                            .put, "/events/\(event)/invites/\(ada.id)", key: env.keyA, body: #"{"status":"rejected"}"#
                        )
                        return (response.status.code, await committed.isSet)
                    }()
                    async let scan: (reason: String?, waited: Bool) = {
                        let answer = try await DoorTests.scan(client, event: event, key: env.keyA, code: ada.code)
                        return (answer["reason"]?.stringValue, await committed.isSet)
                    }()
                    // Both wait on the event's row while the deletion holds it.
                    try await Task.sleep(for: .milliseconds(500))
                    await committed.set()
                    commit()
                    let (updated, scanned) = try await (update, scan)
                    #expect(updated.waited && updated.status == 409)
                    #expect(scanned.waited && scanned.reason == "event_archived")
                }
                // Nothing of either landed: the invite is still accepted, and nobody is inside.
                let history = try await client.call(.get, "/events/\(event)/invites/\(ada.id)/history", key: env.keyA).json
                #expect(history.arrayValue.last?["to_status"] == "accepted")
                #expect(try await client.call(.get, "/events/\(event)", key: env.keyA).json["invite_stats"]?["checked_in"] == 0)
            }
        }
    }
}
