import Foundation
import SQLKit
@testable import SecuregateStore
import SecuregateTestSupport
import Testing

/// When the database cannot store, the API says so with a 503 in the contract's shape, and serves again after.
struct StorageFailureTests {
    @Test func aFullDiskIsA503AndTheServerServesAgainOnceSpaceIsBack() async throws {
        try await TestEnvironment.with(.sqlite) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let emails = (0..<2_000).map { "guest\($0)@x.io" }
                try await env.store.sessions.write { db in
                    let pages = try await db.raw("PRAGMA page_count").first()?.decode(column: "page_count", as: Int.self) ?? 0
                    try await db.raw("PRAGMA max_page_count = \(unsafeRaw: String(pages + 10))").run()
                }
                let full = try await client.call(.post, "/events/\(event)/invites?notify=0", key: env.keyA, body: Payload.invites(emails))
                #expect(full.status == .serviceUnavailable)
                #expect(String(buffer: full.body) == #"{"detail":"Storage is unavailable"}"#)
                #expect(try await client.call(.get, "/events/\(event)/invites", key: env.keyA).json.arrayValue.isEmpty)
                try await env.store.sessions.write { db in try await db.raw("PRAGMA max_page_count = 1073741823").run() }
                let stored = try await client.call(.post, "/events/\(event)/invites?notify=0", key: env.keyA, body: Payload.invites(emails))
                #expect(stored.status == .ok)
                #expect(try await client.call(.get, "/events/\(event)/invites", key: env.keyA).json.arrayValue.count == 2_000)
            }
        }
    }
}
