import Dispatch
import Foundation
import Logging
import SQLKit
import SecuregateStore
import Testing

/// SQLite reads run on their reader's own thread, never on the cooperative pool, and only on an idle reader.
struct SQLiteReaderPoolTests {
    /// A flag a test sets from one task and reads from another.
    actor Flag {
        private(set) var isSet = false
        func set() { isSet = true }
    }

    @Test func readsThatBlockTheirThreadLeaveTheCooperativePoolFree() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-readers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // As many long reads as the cooperative pool has threads: on the pool, they would stall every task.
        let width = ProcessInfo.processInfo.activeProcessorCount
        let sessions = try await SQLiteSessions.open(
            path: directory.appendingPathComponent("r.db").path, readerCount: width, logger: Logger(label: "test")
        )
        let inside = DispatchSemaphore(value: 0)
        let reads = (0..<width).map { _ in
            Task.detached {
                try await sessions.read { _ in
                    inside.signal()
                    usleep(1_500_000)  // a statement that holds its thread, as a long listing does
                }
            }
        }
        // Waited for on a thread of its own, which notes when every read was inside.
        let allInside: Date = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                for _ in 0..<width { inside.wait() }
                continuation.resume(returning: Date())
            }
        }
        let otherWorkRan = await Task.detached { Date() }.value
        #expect(otherWorkRan.timeIntervalSince(allInside) < 0.75, "other work waited for the reads")
        for read in reads { try await read.value }
        try await sessions.close()
    }

    @Test func aReadWaitsForAnIdleReader() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-readers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sessions = try await SQLiteSessions.open(
            path: directory.appendingPathComponent("r.db").path, readerCount: 2, logger: Logger(label: "test")
        )
        // Both readers are taken by reads that have not finished.
        let gates = (0..<2).map { _ in AsyncStream.makeStream(of: Void.self) }
        let (holding, held) = AsyncStream.makeStream(of: Void.self)
        let holders = gates.map { gate in
            Task {
                try await sessions.read { _ in
                    held.yield()
                    for await _ in gate.stream { break }
                }
            }
        }
        var count = 0
        for await _ in holding {
            count += 1
            if count == 2 { break }
        }
        // A third read waits for one of them rather than share a busy reader.
        let ran = Flag()
        let third = Task { try await sessions.read { _ in await ran.set() } }
        try await Task.sleep(for: .milliseconds(300))
        #expect(await ran.isSet == false)
        gates[0].continuation.yield()
        try await third.value
        #expect(await ran.isSet)
        gates[1].continuation.yield()
        for holder in holders { try await holder.value }
        try await sessions.close()
    }
}
