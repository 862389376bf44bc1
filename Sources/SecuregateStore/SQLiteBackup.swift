import Foundation
import SQLiteNIO
#if canImport(Glibc)
import Glibc
#endif

/// Backups of a SQLite database, made while the server runs, and their restoration once it has stopped.
public enum SQLiteBackup {
    /// Copies the database at `source` to `destination` as it was when the copy began: every write acknowledged
    /// before then is in it. The copy is written beside `destination`, checked, synced and then renamed into
    /// place, so that `destination` is never half a backup. Returns the copy's schema version.
    @discardableResult
    public static func backup(_ source: String, to destination: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: source) else {
            throw StoreError.cannotOpen(path: source, reason: "no such file")
        }
        let temporary = destination + ".partial"
        try? FileManager.default.removeItem(atPath: temporary)
        do {
            let reader = try SQLiteHandle(path: source)
            defer { reader.close() }
            // Wait for a writer's lock rather than fail at once.
            try reader.execute("PRAGMA busy_timeout = 10000")
            let copy = try SQLiteHandle(path: temporary)
            do {
                try reader.backup(into: copy)
                // A copy stands alone: its own journal, nothing left in a WAL beside it.
                try copy.execute("PRAGMA journal_mode = DELETE")
                copy.close()
            } catch {
                copy.close()
                throw error
            }
            let version = try check(temporary)
            try sync(temporary)
            try replace(destination, with: temporary)
            return version
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    /// Puts the backup at `backup` in place of the database at `database`, refusing while any process has that
    /// database open. The backup is checked first; the database's WAL and shared-memory files go with it.
    /// Returns the restored schema version.
    @discardableResult
    public static func restore(_ backup: String, to database: String) throws -> Int {
        let version = try check(backup)
        let lock = FileManager.default.fileExists(atPath: database) ? try SQLiteFileLock.exclusive(database) : nil
        defer { lock?.release() }
        let temporary = database + ".restoring"
        try? FileManager.default.removeItem(atPath: temporary)
        try FileManager.default.copyItem(atPath: backup, toPath: temporary)
        try sync(temporary)
        for leftover in [database + "-wal", database + "-shm"] { try? FileManager.default.removeItem(atPath: leftover) }
        try replace(database, with: temporary)
        return version
    }

    /// Checks that the file is a sound SQLite database with a Securegate schema this server knows; returns its
    /// schema version.
    static func check(_ path: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.cannotOpen(path: path, reason: "no such file") }
        let handle = try SQLiteHandle(path: path)
        defer { handle.close() }
        var integrity: [String] = []
        var version: Int?
        do {
            try handle.run("PRAGMA quick_check", []) { _, values in integrity.append(values.first?.string ?? "") }
            try handle.run("SELECT MAX(version) AS version FROM schema_migrations", []) { _, values in version = values.first?.integer.map { Int($0) } }
        } catch {
            throw StoreError.unusableBackup("\(path) is not a Securegate database (\(error))")
        }
        guard integrity == ["ok"] else { throw StoreError.unusableBackup("\(path) fails SQLite's check: \(integrity.joined(separator: "; "))") }
        guard let version else { throw StoreError.unusableBackup("\(path) has no schema version") }
        guard version <= Migration.all.count else {
            throw StoreError.unusableBackup("\(path) has schema version \(version), newer than this server's \(Migration.all.count)")
        }
        return version
    }

    /// Renames `replacement` over `path` in one step: a reader sees the old file or the new one, never neither.
    static func replace(_ path: String, with replacement: String) throws {
        guard rename(replacement, path) == 0 else {
            throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Writes the file's data to the disk.
    static func sync(_ path: String) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.synchronize()
    }
}
