import Foundation
import Logging
import SQLKit
import SecuregateCore
import VaporCSQLite

/// The one SQLite writer, with group commit: transactions that arrive while another is running wait in line,
/// then run back to back in one SQLite transaction, each inside its own savepoint (a failing one is undone
/// alone), and are all acknowledged after the one COMMIT. Under load, many writes share one commit's WAL
/// pages and locks; alone, a write is its own group. Nothing is acknowledged before its group has committed,
/// and every member is told the truth: when SQLite undoes the whole transaction (a full disk, an I/O error),
/// the members it took with it run again, and the storage's failures reach callers as `storageUnavailable`.
final class SQLiteWriter: @unchecked Sendable {
    /// A transaction waiting for the writer: its body, and how to tell its caller the outcome.
    struct Job: Sendable {
        let body: @Sendable (any SQLDatabase) async throws -> Void
        let finish: @Sendable ((any Error)?) -> Void
    }

    /// The most transactions one group holds, so that a group's wait stays short.
    static let maxGroup = 64

    private let handle: SQLiteHandle
    private let database: SQLiteDirectDatabase
    private let logger: Logger
    private let executor: QueueTaskExecutor
    // Guards `pending` and `draining`.
    private let lock = NSLock()
    private var pending: [Job] = []
    private var draining = false

    init(handle: SQLiteHandle, logger: Logger) {
        self.handle = handle
        self.database = SQLiteDirectDatabase(handle: handle, logger: logger)
        self.logger = logger
        self.executor = QueueTaskExecutor(label: "securegate.sqlite.writer")
    }

    /// Runs `body` in a transaction; returns once it has committed (or throws what it threw, undone).
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let result = ResultBox<T>()
        return try await withCheckedThrowingContinuation { continuation in
            enqueue(Job(
                body: { db in result.value = try await body(db) },
                finish: { error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else {
                        continuation.resume(returning: result.value!)
                    }
                }
            ))
        }
    }

    private func enqueue(_ job: Job) {
        let start = lock.withLock {
            pending.append(job)
            if draining { return false }
            draining = true
            return true
        }
        guard start else { return }
        Task(executorPreference: executor) { await self.drain() }
    }

    /// Runs groups until none is waiting.
    private func drain() async {
        while true {
            let group: [Job] = lock.withLock {
                let group = Array(pending.prefix(Self.maxGroup))
                pending.removeFirst(group.count)
                if group.isEmpty { draining = false }
                return group
            }
            if group.isEmpty { return }
            await run(group)
        }
    }

    private func run(_ group: [Job]) async {
        do {
            // IMMEDIATE takes the write lock at once, so a transaction never fails half-way on a lock upgrade.
            try statement("BEGIN IMMEDIATE")
        } catch {
            for job in group { job.finish(reported(error)) }
            return
        }
        var outcomes: [(any Error)?] = []
        for (index, job) in group.enumerated() {
            let outcome = await runInSavepoint(job)
            guard handle.isInTransaction else {
                // SQLite rolled the whole transaction back (a full disk, an I/O error, no memory, a lock it could
                // not get): the members before this one were undone with it and have been told nothing yet. They
                // run again in a new group, before those that came after this one; this one is told it failed.
                job.finish(reported(outcome ?? SQLiteFailure(status: SQLITE_ABORT, message: "transaction rolled back")))
                requeueFirst(Array(group[..<index]) + Array(group[(index + 1)...]))
                return
            }
            outcomes.append(outcome.map(reported))
        }
        do {
            try statement("COMMIT")
            for (job, outcome) in zip(group, outcomes) { job.finish(outcome) }
        } catch {
            // Nothing of the group is stored: every member is told so, those whose own work went well too.
            if handle.isInTransaction { try? statement("ROLLBACK") }
            for (job, outcome) in zip(group, outcomes) { job.finish(outcome ?? reported(error)) }
        }
    }

    /// Runs one member of a group inside a savepoint, undone alone when it fails; returns its error.
    private func runInSavepoint(_ job: Job) async -> (any Error)? {
        do {
            try statement("SAVEPOINT job")
        } catch {
            return error
        }
        do {
            try await job.body(database)
            try statement("RELEASE job")
            return nil
        } catch {
            guard handle.isInTransaction else { return error }
            do {
                try statement("ROLLBACK TO job")
                try statement("RELEASE job")
            } catch {
                // The savepoint could not be undone: nothing of the group can be trusted, so all of it is undone.
                try? statement("ROLLBACK")
            }
            return error
        }
    }

    /// Puts `jobs` at the head of the line, in their order.
    private func requeueFirst(_ jobs: [Job]) {
        lock.withLock { pending.insert(contentsOf: jobs, at: 0) }
    }

    /// What a member's caller is told of `error`: the storage's failures as `storageUnavailable`, logged here.
    private func reported(_ error: any Error) -> any Error {
        guard let failure = error as? SQLiteFailure, failure.isStorageFailure else { return error }
        logger.warning("Storage unavailable", metadata: ["error": "\(failure)"])
        return SecuregateError.storageUnavailable
    }

    /// Closes the writer's connection.
    func close() {
        handle.close()
    }

    private func statement(_ sql: String) throws {
        try handle.run(sql, []) { _, _ in }
    }
}

/// Carries a transaction's result from its body to its caller, after the commit.
final class ResultBox<T>: @unchecked Sendable {
    // Written by the body and read after the commit, both on the writer's queue, one after the other.
    var value: T?
}
