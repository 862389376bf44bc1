import Foundation
import Logging
import SQLKit
import SecuregateCore

/// SQLite's reader connections, each lent to one read at a time and each with a thread of its own.
///
/// A read runs on its reader's thread, never on the cooperative pool: a listing of 100 000 invites takes its
/// reader for about a second, and on the pool it would park one of the few threads that every request needs.
/// A read takes an idle reader, or waits in line for the first one freed: a long listing never holds up reads
/// that were handed to it behind its back.
final class SQLiteReaderPool: @unchecked Sendable {
    /// One reader connection and the thread its reads run on.
    struct Reader: Sendable {
        let database: SQLiteDirectDatabase
        let executor: QueueTaskExecutor
    }

    // Guards `idle` and `waiting`.
    private let lock = NSLock()
    private var idle: [Reader]
    private var waiting: [CheckedContinuation<Reader, Never>] = []
    private let handles: [SQLiteHandle]

    init(handles: [SQLiteHandle], logger: Logger) {
        self.handles = handles
        self.idle = handles.enumerated().map { index, handle in
            Reader(
                database: SQLiteDirectDatabase(handle: handle, logger: logger),
                executor: QueueTaskExecutor(label: "securegate.sqlite.reader.\(index)")
            )
        }
    }

    /// Runs `body` with an idle reader, on that reader's thread.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let reader = await acquire()
        defer { release(reader) }
        return try await withTaskExecutorPreference(reader.executor) {
            try await body(reader.database)
        }
    }

    /// An idle reader, waiting for one when all are lent.
    private func acquire() async -> Reader {
        if let reader = lock.withLock({ idle.popLast() }) { return reader }
        return await withCheckedContinuation { continuation in
            let reader: Reader? = lock.withLock {
                // One may have been freed since the first look.
                if let reader = idle.popLast() { return reader }
                waiting.append(continuation)
                return nil
            }
            if let reader { continuation.resume(returning: reader) }
        }
    }

    /// Hands `reader` to the first read waiting, or puts it back.
    private func release(_ reader: Reader) {
        let next: CheckedContinuation<Reader, Never>? = lock.withLock {
            guard !waiting.isEmpty else {
                idle.append(reader)
                return nil
            }
            return waiting.removeFirst()
        }
        next?.resume(returning: reader)
    }

    /// Closes every reader connection.
    func close() {
        for handle in handles { handle.close() }
    }
}
