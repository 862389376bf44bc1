import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An advisory lock on a database file, beside SQLite's own: every process that opens the database holds it
/// shared, and a restore takes it exclusive, so that a file is never replaced under a running server. (`flock`
/// locks are independent of the POSIX locks SQLite takes, and belong to this descriptor alone.)
final class SQLiteFileLock: @unchecked Sendable {
    private var descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { release() }

    /// Holds the file at `path` shared, waiting for an exclusive holder (a restore) to finish.
    static func shared(_ path: String) throws -> SQLiteFileLock {
        try lock(path, LOCK_SH, creating: true)
    }

    /// Holds the file at `path` exclusively; throws `StoreError.databaseInUse` at once when a process has it open.
    static func exclusive(_ path: String) throws -> SQLiteFileLock {
        try lock(path, LOCK_EX | LOCK_NB, creating: false)
    }

    private static func lock(_ path: String, _ operation: Int32, creating: Bool) throws -> SQLiteFileLock {
        // An empty file is a new database to SQLite, so the lock may be taken before the first connection.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | (creating ? O_CREAT : 0), 0o644)
        guard descriptor >= 0 else { throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, operation) == 0 else {
            let failure = errno
            Glibc.close(descriptor)
            if failure == EWOULDBLOCK { throw StoreError.databaseInUse(path) }
            throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(failure)))
        }
        return SQLiteFileLock(descriptor: descriptor)
    }

    /// Lets the lock go (also on deinit).
    func release() {
        if descriptor >= 0 {
            Glibc.close(descriptor)
            descriptor = -1
        }
    }
}
