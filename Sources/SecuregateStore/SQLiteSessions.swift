import Foundation
import Logging
import SQLKit
import SQLiteKit
import SQLiteNIO
import SecuregateCore

/// SQLite in WAL mode: one writer connection, whose transactions run one at a time (SQLite allows one writer)
/// and commit in groups under load, and a few reader connections that read concurrently with it. Statements
/// go straight to SQLite's C API with prepared statements kept per connection; the writer's transactions run
/// on a serial queue of their own.
public final class SQLiteSessions: SQLSessions {
    public let engine = SQLEngine.sqlite
    private let writer: SQLiteWriter
    private let readers: SQLiteReaderPool
    /// Held while the database is open, so that a restore never replaces the file under it.
    private let fileLock: SQLiteFileLock
    /// Lane 0: the reads, on the readers; lane 1: the writes, on the one writer.
    private let meter: SessionUsageMeter

    private init(writer: SQLiteHandle, readers: [SQLiteHandle], fileLock: SQLiteFileLock, logger: Logger) {
        self.writer = SQLiteWriter(handle: writer, logger: logger)
        self.readers = SQLiteReaderPool(handles: readers, logger: logger)
        self.fileLock = fileLock
        self.meter = SessionUsageMeter(capacities: [readers.count, 1])
    }

    /// Opens the database file at `path` (created when missing) with `readerCount` reader connections.
    public static func open(
        path: String, synchronous: SQLiteSynchronous = .normal, readerCount: Int = 4, logger: Logger
    ) async throws -> SQLiteSessions {
        let fileLock = try SQLiteFileLock.shared(path)
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
        return SQLiteSessions(writer: writer, readers: readers, fileLock: fileLock, logger: logger)
    }

    private static func configure(_ handle: SQLiteHandle, pragmas: [String]) throws {
        // Another process (a `securegate keys` command) may hold the write lock for a moment: wait, don't fail.
        for pragma in ["busy_timeout = 10000", "foreign_keys = ON"] + pragmas {
            try handle.execute("PRAGMA \(pragma)")
        }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await meter.measure(lane: 1) { try await writer.write(body) }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            return try await meter.measure(lane: 0) { try await readers.read(body) }
        } catch let failure as SQLiteFailure where failure.isStorageFailure {
            throw SecuregateError.storageUnavailable
        }
    }

    public var usage: StoreUsage { meter.usage }

    public func close() async throws {
        readers.close()
        writer.close()
        fileLock.release()
    }
}
