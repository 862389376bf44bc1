import Foundation
import Logging
import SecuregateCore
import SecuregateStore

/// The backends every store contract test and every HTTP-level test runs on.
///
/// SQLite always; PostgreSQL when `SECUREGATE_TEST_POSTGRES_URL` names a server (`scripts/with-postgres` starts
/// one and sets it, and CI always does). Each test gets a database of its own.
public enum StoreBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }

    /// The server the PostgreSQL tests create their databases on, if any.
    public static let postgresAdminURL: PostgresURL? = {
        guard let text = ProcessInfo.processInfo.environment["SECUREGATE_TEST_POSTGRES_URL"], !text.isEmpty else {
            return nil
        }
        guard let url = PostgresURL(text) else {
            fatalError("SECUREGATE_TEST_POSTGRES_URL is not a PostgreSQL URL: \(text)")
        }
        return url
    }()

    /// The backends reachable here. Without a PostgreSQL server its tests are skipped, and say so once.
    public static let available: [StoreBackend] = {
        if postgresAdminURL != nil { return allCases }
        FileHandle.standardError.write(Data("""
            NOTE: PostgreSQL tests skipped: SECUREGATE_TEST_POSTGRES_URL is not set. \
            Run `scripts/with-postgres swift test` to include them.\n
            """.utf8))
        return [.sqlite]
    }()

    /// Runs `body` with a fresh, migrated store of this backend, and removes its database afterwards.
    public func withStore<T>(_ body: (SQLStore, DatabaseURL) async throws -> T) async throws -> T {
        var logger = Logger(label: "test-store")
        logger.logLevel = .warning
        let (url, dispose) = try await makeDatabase(logger: logger)
        let store: SQLStore
        do {
            store = try await SQLStore.open(url, logger: logger)
        } catch {
            try? await dispose()
            throw error
        }
        do {
            let result = try await body(store, url)
            try await store.close()
            try await dispose()
            return result
        } catch {
            try? await store.close()
            try? await dispose()
            throw error
        }
    }

    /// A new empty database and how to remove it.
    private func makeDatabase(logger: Logger) async throws -> (DatabaseURL, @Sendable () async throws -> Void) {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let url = DatabaseURL.sqlite(path: directory.appendingPathComponent("test.db").path)
            return (url, { try FileManager.default.removeItem(at: directory) })
        case .postgres:
            guard var target = Self.postgresAdminURL else {
                throw TestSupportError.postgresNotConfigured
            }
            let name = "securegate_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
            let admin = try await PostgresSessions.open(Self.postgresAdminURL!, logger: logger)
            do {
                try await admin.execute("CREATE DATABASE \(name)")
                try await admin.close()
            } catch {
                try? await admin.close()
                throw error
            }
            target.database = name
            return (.postgres(target), {
                let admin = try await PostgresSessions.open(Self.postgresAdminURL!, logger: logger)
                try? await admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
                try await admin.close()
            })
        }
    }
}

/// Why a test could not set up its database.
public enum TestSupportError: Error {
    case postgresNotConfigured
}
