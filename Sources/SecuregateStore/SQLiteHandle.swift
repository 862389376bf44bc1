import Foundation
import NIOCore
import SQLiteNIO
import VaporCSQLite

/// One SQLite connection used directly through the C API, with its prepared statements kept for reuse.
/// Statements run to completion inside one call, on the calling thread: no thread-pool hop per statement and
/// no hop per row, which is what a short write transaction spends most of its time on otherwise.
final class SQLiteHandle: @unchecked Sendable {
    // Guards `handle` and `statements`: a connection runs one statement at a time.
    private let lock = NSLock()
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    /// Statements kept at most; batch inserts make SQL of many shapes, so the cache is emptied when full.
    private static let cacheLimit = 256

    /// Opens (creating when missing) the database file at `path`.
    init(path: String) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "cannot open"
            sqlite_nio_sqlite3_close(handle)
            throw SQLiteFailure(status: status, message: message)
        }
        self.handle = handle
    }

    deinit { close() }

    /// Runs `sql` with `binds`, calling `onRow` with each row's columns and values.
    func run(_ sql: String, _ binds: [SQLiteData], _ onRow: ([String], [SQLiteData]) throws -> Void) throws {
        try lock.withLock {
            guard let handle else { throw SQLiteFailure(status: SQLITE_MISUSE, message: "connection closed") }
            let statement = try prepared(sql, handle)
            defer {
                sqlite_nio_sqlite3_reset(statement)
                sqlite_nio_sqlite3_clear_bindings(statement)
            }
            for (offset, bind) in binds.enumerated() {
                try check(Self.bind(bind, at: Int32(offset + 1), in: statement), handle)
            }
            let count = sqlite_nio_sqlite3_column_count(statement)
            var columns: [String]?
            while true {
                let status = sqlite_nio_sqlite3_step(statement)
                if status == SQLITE_DONE { return }
                guard status == SQLITE_ROW else { throw error(status, handle) }
                let names = columns ?? (0..<count).map { String(cString: sqlite_nio_sqlite3_column_name(statement, $0)) }
                columns = names
                try onRow(names, (0..<count).map { Self.value(at: $0, in: statement) })
            }
        }
    }

    /// Whether a transaction is open on this connection: false once SQLite has rolled one back by itself.
    var isInTransaction: Bool {
        lock.withLock { handle.map { sqlite_nio_sqlite3_get_autocommit($0) == 0 } ?? false }
    }

    /// Runs statements without binds or rows (pragmas, BEGIN, COMMIT).
    func execute(_ sql: String) throws {
        try lock.withLock {
            guard let handle else { throw SQLiteFailure(status: SQLITE_MISUSE, message: "connection closed") }
            let status = sqlite_nio_sqlite3_exec(handle, sql, nil, nil, nil)
            guard status == SQLITE_OK else { throw error(status, handle) }
        }
    }

    /// Copies this whole database into `destination`'s, as one consistent snapshot: one step of SQLite's online
    /// backup, inside one read transaction, which WAL lets writers work beside. Retries while a lock is held.
    func backup(into destination: SQLiteHandle) throws {
        try lock.withLock {
            try destination.lock.withLock {
                guard let source = handle, let target = destination.handle else {
                    throw SQLiteFailure(status: SQLITE_MISUSE, message: "connection closed")
                }
                guard let backup = sqlite_nio_sqlite3_backup_init(target, "main", source, "main") else {
                    throw error(sqlite_nio_sqlite3_errcode(target), target)
                }
                var status = SQLITE_OK
                repeat {
                    status = sqlite_nio_sqlite3_backup_step(backup, -1)
                    if status == SQLITE_BUSY || status == SQLITE_LOCKED { usleep(10_000) }
                } while status == SQLITE_OK || status == SQLITE_BUSY || status == SQLITE_LOCKED
                let finished = sqlite_nio_sqlite3_backup_finish(backup)
                guard status == SQLITE_DONE else { throw error(status, target) }
                try check(finished, target)
            }
        }
    }

    /// Finalizes the statements and closes the connection.
    func close() {
        lock.withLock {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            statements.removeAll()
            if let handle { sqlite_nio_sqlite3_close_v2(handle) }
            handle = nil
        }
    }

    private func prepared(_ sql: String, _ handle: OpaquePointer) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        if statements.count >= Self.cacheLimit {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            statements.removeAll()
        }
        var statement: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else { throw error(status, handle) }
        statements[sql] = statement
        return statement
    }

    private func check(_ status: Int32, _ handle: OpaquePointer) throws {
        guard status == SQLITE_OK else { throw error(status, handle) }
    }

    private func error(_ status: Int32, _ handle: OpaquePointer) -> SQLiteFailure {
        SQLiteFailure(status: status, message: sqlite_nio_sqlite3_errmsg(handle).map { String(cString: $0) } ?? "error \(status)")
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func bind(_ value: SQLiteData, at index: Int32, in statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let integer): sqlite_nio_sqlite3_bind_int64(statement, index, Int64(integer))
        case .float(let double): sqlite_nio_sqlite3_bind_double(statement, index, double)
        case .text(let text):
            sqlite_nio_sqlite3_bind_text64(statement, index, text, UInt64(text.utf8.count), transient, UInt8(SQLITE_UTF8))
        case .blob(let buffer):
            buffer.withUnsafeReadableBytes {
                sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), transient)
            }
        case .null: sqlite_nio_sqlite3_bind_null(statement, index)
        }
    }

    private static func value(at column: Int32, in statement: OpaquePointer) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            var buffer = ByteBufferAllocator().buffer(capacity: length)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, column) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: length))
            }
            return .blob(buffer)
        default: return .null
        }
    }
}

/// A failed SQLite call: its result code and SQLite's message.
struct SQLiteFailure: Error, CustomStringConvertible {
    let status: Int32
    let message: String

    var description: String { "SQLite error \(status): \(message)" }

    /// Whether the failure is the storage's rather than the statement's: a full disk, an I/O error, no memory,
    /// a lock not granted in time, a file that cannot be opened or written.
    var isStorageFailure: Bool {
        [SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CANTOPEN, SQLITE_READONLY]
            .contains(status & 0xFF)
    }
}
