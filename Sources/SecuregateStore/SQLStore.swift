import Foundation
import Logging
import SQLKit
import SecuregateCore

/// The store on an SQL database through SQLKit: the same queries on SQLite and PostgreSQL.
public final class SQLStore: SecuregateStore {
    let sessions: any SQLSessions
    let logger: Logger
    /// Names the webhook events and deliveries the store writes beside each change.
    let ids: any IDGenerator

    public init(sessions: any SQLSessions, logger: Logger, ids: any IDGenerator = RandomIDGenerator()) {
        self.sessions = sessions
        self.logger = logger
        self.ids = ids
    }

    /// Opens the database named by `url` and brings its schema up to date.
    public static func open(_ url: DatabaseURL, logger: Logger, ids: any IDGenerator = RandomIDGenerator()) async throws -> SQLStore {
        let sessions: any SQLSessions
        switch url {
        case .sqlite(let path, let synchronous):
            sessions = try await SQLiteSessions.open(path: path, synchronous: synchronous, logger: logger)
        case .postgres(let url):
            sessions = try await PostgresSessions.open(url, logger: logger)
        }
        let store = SQLStore(sessions: sessions, logger: logger, ids: ids)
        do {
            try await Migrator(sessions: sessions, logger: logger).migrate()
        } catch {
            try? await sessions.close()
            throw error
        }
        return store
    }

    public func checkReady() async throws {
        try await sessions.read { db in try await db.raw("SELECT 1").run() }
    }

    public func close() async throws {
        try await sessions.close()
    }
}
