import Foundation
import SecuregateCore
import Testing

/// The line in front of the workers: bounded, and left by callers whose client has gone.
struct WorkerPoolTests {
    @Test func aFullLineIsBusyAndACancelledCallerLeavesIt() async throws {
        let pool = WorkerPool<Int>(limit: 1, maxWaiting: 2, first: 1, make: { 2 })
        let held = try await pool.take()
        let first = Task { try await pool.take() }
        let second = Task { try await pool.take() }
        while await pool.queueLength < 2 { await Task.yield() }
        // The line is full: a third caller is refused at once.
        await #expect(throws: WorkerPoolFull.self) { _ = try await pool.take() }
        // The first caller's client leaves: it is out of the line, and its place is free.
        first.cancel()
        await #expect(throws: CancellationError.self) { _ = try await first.value }
        while await pool.queueLength > 1 { await Task.yield() }
        let third = Task { try await pool.take() }
        while await pool.queueLength < 2 { await Task.yield() }
        // The worker goes to the callers still waiting, in order.
        await pool.give(held)
        #expect(try await second.value == held)
        await pool.give(held)
        #expect(try await third.value == held)
        #expect(await pool.queueLength == 0)
    }
}
