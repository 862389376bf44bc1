import ArgumentParser
import Foundation
import SecuregateStore

/// `securegate backup`: a consistent copy of a SQLite database, made while the server runs.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy a SQLite database while the server runs: every write acknowledged before the copy began is in it."
    )

    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(help: "The file to write the copy to (replaced once the copy is complete and checked).")
    var to: String

    func run() throws {
        guard case .sqlite(let path, _) = try databaseOptions.url() else { throw StoreError.backupNeedsSQLite }
        let started = Date()
        let version = try SQLiteBackup.backup(path, to: to)
        let size = (try? FileManager.default.attributesOfItem(atPath: to)[.size] as? Int) ?? 0
        print("Backed up \(path) to \(to): schema version \(version), \(size) bytes, in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
    }
}

/// `securegate restore`: puts a backup in place of a SQLite database that no process has open.
struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Put a backup in place of a SQLite database; refused while a server (or any command) has it open."
    )

    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(help: "The backup to restore, as `securegate backup` made it.")
    var from: String

    func run() throws {
        guard case .sqlite(let path, _) = try databaseOptions.url() else { throw StoreError.backupNeedsSQLite }
        let version = try SQLiteBackup.restore(from, to: path)
        print("Restored \(from) to \(path): schema version \(version); a server started on it brings the schema up to date")
    }
}
