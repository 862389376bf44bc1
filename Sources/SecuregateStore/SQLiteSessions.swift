import Foundation
import Logging
import SQLKit
import SQLiteKit
import SQLiteNIO

/// SQLite in WAL mode: one writer connection, whose transactions run one at a time (SQLite allows one writer),
/// and a few reader connections that read concurrently with it.
public final class SQLiteSessions: SQLSessions {
    public let engine = SQLEngine.sqlite
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let writeLock = AsyncMutex()
    private let logger: Logger
    private let nextReader = Counter()

    private init(writer: SQLiteConnection, readers: [SQLiteConnection], logger: Logger) {
        self.writer = writer
        self.readers = readers
        self.logger = logger
    }

    /// Opens the database file at `path` (created when missing) with `readerCount` reader connections.
    public static func open(
        path: String, synchronous: SQLiteSynchronous = .normal, readerCount: Int = 4, logger: Logger
    ) async throws -> SQLiteSessions {
        let writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        // WAL lets readers run beside the writer. NORMAL syncs at checkpoints, which survives a crash of the
        // process (not always of the machine); FULL syncs every commit.
        try await configure(writer, pragmas: ["journal_mode = WAL", "synchronous = \(synchronous.rawValue.uppercased())"])
        var readers: [SQLiteConnection] = []
        for _ in 0..<max(1, readerCount) {
            let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            try await configure(reader, pragmas: [])
            readers.append(reader)
        }
        return SQLiteSessions(writer: writer, readers: readers, logger: logger)
    }

    private static func configure(_ connection: SQLiteConnection, pragmas: [String]) async throws {
        let db = connection.sql(queryLogLevel: nil)
        // Another process (a `securegate keys` command) may hold the write lock for a moment: wait, don't fail.
        for pragma in ["busy_timeout = 10000", "foreign_keys = ON"] + pragmas {
            try await db.raw("PRAGMA \(unsafeRaw: pragma)").run()
        }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let db = writer.sql(queryLogLevel: nil)
        return try await writeLock.withLock {
            // IMMEDIATE takes the write lock at once, so a transaction never fails half-way on a lock upgrade.
            try await db.transaction(begin: "BEGIN IMMEDIATE", body)
        }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let reader = readers[nextReader.next() % readers.count]
        return try await body(reader.sql(queryLogLevel: nil))
    }

    public func close() async throws {
        for reader in readers { try await reader.close() }
        try await writer.close()
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
