import Foundation
import Logging
import SecuregateApp
import SecuregateCore
import SecuregateStore
import SecuregateTestSupport
import Testing

/// `securegate backup` while the real server takes writes, and `securegate restore`, refused while a server
/// has the database open.
struct BackupTests {
    /// Runs the `securegate` command with `arguments`; returns its exit status and what it printed.
    static func command(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try ServerProcess.executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = try await blocking { output.fileHandleForReading.readDataToEndOfFile() }
        try await blocking { process.waitUntilExit() }
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func aBackupUnderWriteLoadHoldsEveryWriteAcknowledgedBeforeIt() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = "sqlite:\(directory.path)/live.db"
        let copy = directory.appendingPathComponent("copy.db").path
        let store = try await SQLStore.open(try DatabaseURL(parsing: database), logger: TestEnvironment.quietLogger)
        let services = try SecuregateServices(store: store, time: SystemTimeSource(), ids: RandomIDGenerator(), hasher: SHA256SecretHasher())
        let key = try await services.keys.issue(accountName: "A").token.text
        let principal = try await services.keys.authenticate(key)
        let event = try await services.events.create(EventDraft(title: "Backup", startTimestamp: 1, endTimestamp: 2), by: principal)
        try await store.close()

        let server = try await ServerProcess(database: database)
        let acknowledged = AcknowledgedWrites()
        let running = RunningFlag()
        let writers = DispatchGroup()
        for writer in 0..<4 {
            DispatchQueue.global().async(group: writers) {
                guard let connection = try? RawConnection(port: server.port) else { return }
                var round = 0
                while running.isSet {
                    round += 1
                    let email = "w\(writer)-\(round)@x.io"
                    let body = #"{"invites":[{"first_name":"F","last_name":"L","email":"\#(email)","country_code":"1","mobile_number":"5550100","authentication_method":"QR Code"}]}"#
                    guard let answer = try? connection.request("POST", "/events/\(event.id)/invites?notify=0", key: key, body: body),
                          answer.status == 200
                    else { return }
                    acknowledged.add(email)
                }
            }
        }
        try await Task.sleep(for: .seconds(1))
        // Everything acknowledged before the backup starts must be in it; what comes during it may be.
        let before = acknowledged.snapshot()
        let backup = try await Self.command(["backup", "--database", database, "--to", copy])
        try await Task.sleep(for: .milliseconds(500))
        // A server has the database open: a restore over it is refused, and the server goes on.
        let refused = try await Self.command(["restore", "--database", database, "--from", copy])
        try await Task.sleep(for: .milliseconds(300))
        running.clear()
        await withCheckedContinuation { continuation in writers.notify(queue: .global()) { continuation.resume() } }
        let all = acknowledged.snapshot()
        try await server.stop(with: SIGTERM)

        #expect(backup.status == 0, "\(backup.output)")
        #expect(backup.output.contains("schema version "))
        #expect(refused.status != 0 && refused.output.contains("is open in another process"), "\(refused.output)")
        #expect(before.count > 50, "the backup ran under load")
        #expect(all.count > before.count, "writes went on during the backup and the refused restore")
        let backedUp = try await SQLStore.open(.sqlite(path: copy), logger: TestEnvironment.quietLogger)
        let inCopy = Set(try await backedUp.invites(eventID: event.id, accountID: principal.accountID, status: nil).map(\.email))
        try await backedUp.close()
        #expect(before.isSubset(of: inCopy), "every write acknowledged before the backup is in it")
        #expect(inCopy.isSubset(of: all), "the copy holds nothing that was not acknowledged")

        // With the server stopped, the restore puts the copy in place, and a server starts on it.
        let restored = try await Self.command(["restore", "--database", database, "--from", copy])
        #expect(restored.status == 0, "\(restored.output)")
        let reopened = try await SQLStore.open(try DatabaseURL(parsing: database), logger: TestEnvironment.quietLogger)
        let afterRestore = Set(try await reopened.invites(eventID: event.id, accountID: principal.accountID, status: nil).map(\.email))
        try await reopened.close()
        #expect(afterRestore == inCopy)
    }
}

/// The emails whose invitations the server acknowledged, shared by the writer threads.
final class AcknowledgedWrites: @unchecked Sendable {
    private let lock = NSLock()
    private var emails = Set<String>()

    func add(_ email: String) { lock.withLock { _ = emails.insert(email) } }
    func snapshot() -> Set<String> { lock.withLock { emails } }
}
