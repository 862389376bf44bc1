import Foundation
import SecuregateCore
import SecuregateTestSupport
import Testing

/// The persisted values (the console's sessions), run on every backend: a key is created once however many
/// try at once, a value expires at its time, setting keeps or moves the expiry as asked, and the retention pass
/// deletes what expired and nothing else.
struct PersistStoreContractTests {
    @Test(arguments: StoreBackend.available)
    func valuesAreCreatedOnceAndExpire(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            let t = Fixture.t0
            let created = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<8 {
                    group.addTask { try await store.persistInsert(key: "s1", value: Data([UInt8(index)]), expiresAt: t.addingTimeInterval(60), now: t) }
                }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(created == 1, "one of eight creates the key")
            let stored = try #require(try await store.persistValue(key: "s1", now: t))
            #expect(stored.expiresAt == t.addingTimeInterval(60) && stored.value.count == 1)
            #expect(try await store.persistValue(key: "s1", now: t.addingTimeInterval(60)) == nil, "gone at its expiry")
            #expect(try await store.persistInsert(key: "s1", value: Data("new".utf8), expiresAt: nil, now: t.addingTimeInterval(61)), "an expired key is free")
            #expect(try await store.persistValue(key: "s1", now: t.addingTimeInterval(999_999))?.value == Data("new".utf8), "no expiry: kept")

            // Setting replaces the value; without an expiry it keeps the one the key had, with one it moves it.
            _ = try await store.persistInsert(key: "s2", value: Data("a".utf8), expiresAt: t.addingTimeInterval(100), now: t)
            try await store.persistSet(key: "s2", value: Data("b".utf8), expiresAt: nil)
            #expect(try await store.persistValue(key: "s2", now: t)?.expiresAt == t.addingTimeInterval(100))
            try await store.persistSet(key: "s2", value: Data("c".utf8), expiresAt: t.addingTimeInterval(500))
            let moved = try await store.persistValue(key: "s2", now: t.addingTimeInterval(200))
            #expect(moved?.value == Data("c".utf8) && moved?.expiresAt == t.addingTimeInterval(500))
            try await store.persistSet(key: "s3", value: Data("d".utf8), expiresAt: t.addingTimeInterval(10))
            #expect(try await store.persistValue(key: "s3", now: t)?.value == Data("d".utf8), "set creates a missing key")

            // The pass deletes what expired (s3 at t+10), not what has not (s2) nor what never does (s1).
            #expect(try await store.deleteExpiredPersisted(at: t.addingTimeInterval(20), limit: 100) == 1)
            #expect(try await store.persistValue(key: "s2", now: t) != nil)
            #expect(try await store.persistValue(key: "s1", now: t) != nil)
            try await store.persistRemove(key: "s2")
            #expect(try await store.persistValue(key: "s2", now: t) == nil)
        }
    }
}
