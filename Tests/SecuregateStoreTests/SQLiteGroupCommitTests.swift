import Foundation
import Logging
import SQLKit
import SecuregateCore
import SecuregateStore
import Testing

/// The SQLite writer commits concurrent transactions in groups: each must still succeed or fail alone.
struct SQLiteGroupCommitTests {
    struct Refused: Error, Equatable {
        let n: Int
    }

    @Test func concurrentTransactionsSucceedOrFailAlone() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-group-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sessions = try await SQLiteSessions.open(path: directory.appendingPathComponent("g.db").path, logger: Logger(label: "test"))
        try await sessions.write { db in try await db.raw("CREATE TABLE t (n INTEGER PRIMARY KEY, twice INTEGER NOT NULL)").run() }
        // 300 writers at once; every third writes its row, then throws: its row must vanish, and only its row.
        let outcomes = await withTaskGroup(of: (Int, Result<Int, Refused>).self) { group in
            for n in 0..<300 {
                group.addTask {
                    do {
                        let value = try await sessions.write { db -> Int in
                            try await db.raw("INSERT INTO t (n, twice) VALUES (\(bind: n), \(bind: n * 2))").run()
                            if n % 3 == 0 { throw Refused(n: n) }
                            return try await db.raw("SELECT twice FROM t WHERE n = \(bind: n)").first()?.decode(column: "twice", as: Int.self) ?? -1
                        }
                        return (n, .success(value))
                    } catch {
                        return (n, .failure(error as? Refused ?? Refused(n: -1)))
                    }
                }
            }
            var outcomes: [Int: Result<Int, Refused>] = [:]
            for await (n, outcome) in group { outcomes[n] = outcome }
            return outcomes
        }
        for n in 0..<300 {
            #expect(outcomes[n] == (n % 3 == 0 ? .failure(Refused(n: n)) : .success(n * 2)), "\(n)")
        }
        let stored = try await sessions.read { db in
            try await db.raw("SELECT n FROM t ORDER BY n").all().map { try $0.decode(column: "n", as: Int.self) }
        }
        #expect(stored == (0..<300).filter { $0 % 3 != 0 })
        try await sessions.close()
    }

    @Test func aFullDatabaseTellsEveryWriterTheTruthAndServesAgainWhenSpaceIsBack() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let sessions = try await SQLiteSessions.open(path: directory.appendingPathComponent("f.db").path, logger: logger)
        try await sessions.write { db in try await db.raw("CREATE TABLE t (n INTEGER PRIMARY KEY, pad BLOB NOT NULL)").run() }
        // A few pages more than the file has, and a cache so small that large writes spill to the file mid-
        // transaction: running out of pages there makes SQLite roll back the whole group's transaction.
        try await sessions.write { db in
            let pages = try await db.raw("PRAGMA page_count").first()?.decode(column: "page_count", as: Int.self) ?? 0
            try await db.raw("PRAGMA max_page_count = \(unsafeRaw: String(pages + 40))").run()
            try await db.raw("PRAGMA cache_size = 8").run()
        }
        // 300 writers at once; every fifth writes 64 KiB, the others a few bytes, until the file is full.
        let outcomes = await withTaskGroup(of: (Int, Result<Void, SecuregateError>?).self) { group in
            for n in 0..<300 {
                group.addTask {
                    do {
                        try await sessions.write { db in
                            try await db.raw("INSERT INTO t (n, pad) VALUES (\(bind: n), zeroblob(\(bind: n % 5 == 0 ? 65_536 : 8)))").run()
                        }
                        return (n, .success(()))
                    } catch let error as SecuregateError {
                        return (n, .failure(error))
                    } catch {
                        return (n, nil)
                    }
                }
            }
            var outcomes: [Int: Result<Void, SecuregateError>?] = [:]
            for await (n, outcome) in group { outcomes[n] = outcome }
            return outcomes
        }
        let acknowledged = Set(outcomes.compactMap { n, outcome in if case .success? = outcome { n } else { nil } })
        let refused = outcomes.compactMap { n, outcome in if case .failure(let error)? = outcome { (n, error) } else { nil } }
        #expect(outcomes.values.allSatisfy { $0 != nil }, "a failure other than the storage's")
        #expect(!acknowledged.isEmpty && !refused.isEmpty)
        #expect(refused.allSatisfy { $0.1 == .storageUnavailable })
        let stored = try await sessions.read { db in
            try await db.raw("SELECT n FROM t").all().map { try $0.decode(column: "n", as: Int.self) }
        }
        // Every acknowledged write is there, and no refused one.
        #expect(Set(stored) == acknowledged)
        // Space is back: writes succeed again.
        try await sessions.write { db in try await db.raw("PRAGMA max_page_count = 1073741823").run() }
        try await sessions.write { db in try await db.raw("INSERT INTO t (n, pad) VALUES (1000, zeroblob(65536))").run() }
        #expect(try await sessions.read { db in try await db.raw("SELECT COUNT(*) AS c FROM t WHERE n = 1000").first()?.decode(column: "c", as: Int.self) } == 1)
        try await sessions.close()
    }
}
