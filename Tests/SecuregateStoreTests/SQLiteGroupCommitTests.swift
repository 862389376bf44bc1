import Foundation
import Logging
import SQLKit
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
}
