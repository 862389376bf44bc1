import Foundation
import Logging
import SQLKit
import SQLiteKit
import SQLiteNIO

/// SQLite in WAL mode: one writer connection, whose transactions run one at a time (SQLite allows one writer),
/// and a few reader connections that read concurrently with it. Statements go straight to SQLite's C API with
/// prepared statements kept per connection; each connection's work runs on a serial queue of its own.
public final class SQLiteSessions: SQLSessions {
    public let engine = SQLEngine.sqlite
    private let writer: SQLiteHandle
    private let writerExecutor = QueueTaskExecutor(label: "securegate.sqlite.writer")
    private let readers: [(handle: SQLiteHandle, executor: QueueTaskExecutor)]
    private let writeLock = AsyncMutex()
    private let logger: Logger
    private let nextReader = Counter()

    private init(writer: SQLiteHandle, readers: [SQLiteHandle], logger: Logger) {
        self.writer = writer
        self.readers = readers.enumerated().map { ($1, QueueTaskExecutor(label: "securegate.sqlite.reader.\($0)")) }
        self.logger = logger
    }

    /// Opens the database file at `path` (created when missing) with `readerCount` reader connections.
    public static func open(
        path: String, synchronous: SQLiteSynchronous = .normal, readerCount: Int = 4, logger: Logger
    ) async throws -> SQLiteSessions {
        let writer = try SQLiteHandle(path: path)
        // WAL lets readers run beside the writer. NORMAL syncs at checkpoints, which survives a crash of the
        // process (not always of the machine); FULL syncs every commit.
        try configure(writer, pragmas: ["journal_mode = WAL", "synchronous = \(synchronous.rawValue.uppercased())"])
        var readers: [SQLiteHandle] = []
        for _ in 0..<max(1, readerCount) {
            let reader = try SQLiteHandle(path: path)
            try configure(reader, pragmas: [])
            readers.append(reader)
        }
        return SQLiteSessions(writer: writer, readers: readers, logger: logger)
    }

    private static func configure(_ handle: SQLiteHandle, pragmas: [String]) throws {
        // Another process (a `securegate keys` command) may hold the write lock for a moment: wait, don't fail.
        for pragma in ["busy_timeout = 10000", "foreign_keys = ON"] + pragmas {
            try handle.execute("PRAGMA \(pragma)")
        }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let writer = self.writer
        let db = SQLiteDirectDatabase(handle: writer, logger: logger)
        // On the writer's queue first, then the lock: the whole transaction runs there without a thread hop.
        return try await withTaskExecutorPreference(writerExecutor) {
            try await self.writeLock.withLock {
                // IMMEDIATE takes the write lock at once, so a transaction never fails half-way on a lock upgrade.
                try writer.run("BEGIN IMMEDIATE", []) { _, _ in }
                do {
                    let result = try await body(db)
                    try writer.run("COMMIT", []) { _, _ in }
                    return result
                } catch {
                    try? writer.run("ROLLBACK", []) { _, _ in }
                    throw error
                }
            }
        }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let reader = readers[nextReader.next() % readers.count]
        let db = SQLiteDirectDatabase(handle: reader.handle, logger: logger)
        return try await body(db)
    }

    public func close() async throws {
        for reader in readers { reader.handle.close() }
        writer.close()
    }
}

/// A thread-safe counter for round-robin choices.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.withLock {
            value &+= 1
            return value & Int.max
        }
    }
}
