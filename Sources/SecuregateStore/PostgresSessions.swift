import Foundation
import Logging
import PostgresKit
import PostgresNIO
import SQLKit
import SecuregateCore

/// PostgreSQL through a pool of connections: every write transaction on its own pooled connection, so that
/// several server instances (and several requests of one) write at once; the database serializes what conflicts.
public final class PostgresSessions: SQLSessions {
    public let engine = SQLEngine.postgres
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    /// One lane: reads and writes share the pool.
    private let meter: SessionUsageMeter
    private let logger: Logger
    /// How long `close()` waits for the pool to stop.
    static let closeLimit: Duration = .seconds(5)

    private init(client: PostgresClient, runner: Task<Void, Never>, poolSize: Int, logger: Logger) {
        self.client = client
        self.runner = runner
        self.meter = SessionUsageMeter(capacities: [poolSize])
        self.logger = logger
    }

    /// Starts a pool for `configuration`; the pool runs until `close()`.
    public static func open(_ configuration: PostgresURL, logger: Logger) async throws -> PostgresSessions {
        // One connection first: a wrong password, a refused certificate or an unreachable server is reported
        // at once with the server's own message, where the pool would retry it for a minute.
        let probe = try await PostgresConnection.connect(configuration: try configuration.connectionConfiguration(), id: 0, logger: logger)
        try await probe.close()
        let config = try configuration.clientConfiguration()
        let client = PostgresClient(configuration: config, backgroundLogger: logger)
        // The pool serves leases only while run() runs: wait until its task has begun before the first query.
        let (started, signal) = AsyncStream<Void>.makeStream()
        let runner = Task {
            signal.finish()
            await client.run()
        }
        for await _ in started {}
        let sessions = PostgresSessions(client: client, runner: runner, poolSize: config.options.maximumConnections, logger: logger)
        // Fail at start, with the server's own message, rather than on the first request.
        do {
            _ = try await sessions.read { db in try await db.raw("SELECT 1 AS ok").first() }
        } catch {
            runner.cancel()
            throw error
        }
        return sessions
    }

    /// How many times a transaction that PostgreSQL aborted to resolve a conflict is tried again.
    static let conflictRetries = 5

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await transaction(body)
            } catch let error as PSQLError where Self.isRetryable(error) && attempt < Self.conflictRetries {
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...10) * attempt))
            }
        }
    }

    /// A deadlock or serialization failure: the transaction was rolled back whole and may simply run again.
    static func isRetryable(_ error: PSQLError) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40P01" || state == "40001"
    }

    private func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await meter.measure(lane: 0) {
            try await client.withConnection { connection in
                try await connection.sql(queryLogLevel: nil).transaction(begin: "BEGIN", body)
            }
        }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await meter.measure(lane: 0) {
            try await client.withConnection { connection in
                try await body(connection.sql(queryLogLevel: nil))
            }
        }
    }

    public var usage: StoreUsage { meter.usage }

    /// Stops the pool, waiting at most `closeLimit` for it.
    public func close() async throws {
        runner.cancel()
        // PostgresNIO 1.33's pool can go on retrying a server that went away after it was told to stop: a stop
        // must not wait for the database to come back, so the pool is left to the process's end after the limit.
        let runner = self.runner
        let stopped = await Race.first(within: Self.closeLimit) { await runner.value }
        if !stopped {
            logger.warning("The PostgreSQL pool did not stop in time; its connections end with the process", metadata: ["limit": "\(Self.closeLimit)"])
        }
    }
}

extension PostgresSessions {
    /// Runs one statement outside any transaction (`CREATE DATABASE` cannot run inside one).
    public func execute(_ statement: String) async throws {
        try await read { db in try await db.raw("\(unsafeRaw: statement)").run() }
    }
}
