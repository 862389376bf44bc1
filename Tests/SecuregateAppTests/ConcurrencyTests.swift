import Foundation
import HTTPTypes
import HummingbirdTesting
import SecuregateAPI
import SecuregateCore
import SecuregateTestSupport
import Testing

/// Many requests at once must each take effect exactly once: nothing lost, nothing duplicated, nothing mixed up.
struct ConcurrencyTests {
    @Test(arguments: StoreBackend.available)
    func concurrentStatusUpdatesAndBatchesLoseNothing(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let invites = try await client.invite((0..<100).map { "p\($0)@x.io" }, to: event, key: env.keyA)
                let ids = invites.compactMap { $0["id"]?.stringValue }
                #expect(ids.count == 100)
                let statuses: [InviteStatus] = [.accepted, .rejected, .sent]

                // 100 status updates (one per invite) and 20 overlapping batches, all at once.
                let results = try await withThrowingTaskGroup(of: (String, Int, JSONValue).self) { group in
                    for (index, id) in ids.enumerated() {
                        group.addTask {
                            let status = statuses[index % 3].rawValue
                            let response = try await client.call(.put, "/events/\(event)/invites/\(id)", key: env.keyA, body: #"{"status":"\#(status)"}"#)
                            return ("update", Int(response.status.code), response.json)
                        }
                    }
                    for batch in 0..<20 {
                        group.addTask {
                            // Each batch shares half its emails with the next one.
                            let emails = (batch * 10..<batch * 10 + 20).map { "new\($0)@x.io" }
                            let response = try await client.call(.post, "/events/\(event)/invites?notify=0", key: env.keyA, body: Payload.invites(emails))
                            return ("batch", Int(response.status.code), response.json)
                        }
                    }
                    var collected: [(String, Int, JSONValue)] = []
                    for try await result in group { collected.append(result) }
                    return collected
                }
                #expect(results.count == 120)
                #expect(results.allSatisfy { $0.1 == 200 })

                let all = try await client.call(.get, "/events/\(event)/invites", key: env.keyA).json.arrayValue
                // 100 original invites and the 210 distinct new emails (0..<210), each exactly once.
                #expect(all.count == 310)
                let emails = all.compactMap { $0["email"]?.stringValue }
                #expect(Set(emails).count == 310)
                for (index, id) in ids.enumerated() {
                    let invite = all.first { $0["id"]?.stringValue == id }
                    #expect(invite?["status"]?.stringValue == statuses[index % 3].rawValue)
                    let history = try await env.store.statusHistory(inviteID: id, accountID: env.services.keys.authenticate(env.keyA).accountID)
                    #expect(history.map(\.to) == [.pending, statuses[index % 3]])
                }
                // Every batch answer names, at each position, the one invite stored for that email.
                let idByEmail = Dictionary(uniqueKeysWithValues: all.compactMap { invite in
                    invite["email"]?.stringValue.flatMap { email in invite["id"]?.stringValue.map { (email, $0) } }
                })
                for (kind, _, body) in results where kind == "batch" {
                    for invite in body.arrayValue {
                        #expect(idByEmail[invite["email"]?.stringValue ?? ""] == invite["id"]?.stringValue)
                    }
                }
                let stats = try await client.call(.get, "/events/\(event)", key: env.keyA).json["invite_stats"]
                #expect(stats == ["sent": 33, "accepted": 34, "pending": 210, "rejected": 33, "total": 310, "checked_in": 0])
            }
        }
    }
}
