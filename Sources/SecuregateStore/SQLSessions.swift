import SQLKit
import SecuregateCore

/// How a store reaches its database: write transactions and reads, each on a suitable connection.
/// The store's queries are the same on every engine; only this and a few dialect branches differ.
public protocol SQLSessions: Sendable {
    /// Which engine this is, for the few statements that differ.
    var engine: SQLEngine { get }
    /// Runs `body` in one write transaction: committed when it returns, rolled back when it throws.
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` with a connection for reads.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// How busy the connections are now.
    var usage: StoreUsage { get }
    /// Closes every connection.
    func close() async throws
}

/// The database engines the store runs on.
public enum SQLEngine: String, Sendable {
    case sqlite
    case postgres
}

extension SQLDatabase {
    /// Runs `body` between `begin` and `COMMIT` on this connection, rolling back when it throws.
    func transaction<T: Sendable>(begin: String, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await raw("\(unsafeRaw: begin)").run()
        do {
            let result = try await body(self)
            try await raw("COMMIT").run()
            return result
        } catch {
            try? await raw("ROLLBACK").run()
            throw error
        }
    }
}
