import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SecuregateApp
import SecuregateCore
import SecuregateStore

/// A real app over a fresh SQLite database in a temporary folder, with a manual clock, predictable ids and
/// two accounts, A and B, each with a key.
struct TestEnvironment {
    /// 2026-01-01T00:00:00Z: the clock's start in every test.
    static let start = Date(timeIntervalSince1970: 1_767_225_600)

    let directory: URL
    let store: SQLStore
    let time: ManualTimeSource
    let services: SecuregateServices
    let keyA: String
    let keyB: String

    /// Runs `body` with a fresh environment, and removes it afterwards.
    static func with<T>(_ body: (TestEnvironment) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let store = try await SQLStore.open(.sqlite(path: directory.appendingPathComponent("test.db").path), logger: logger)
        let time = ManualTimeSource(start)
        let services = SecuregateServices(store: store, time: time, ids: SequentialIDGenerator(), hasher: SHA256SecretHasher())
        let keyA = try await services.keys.issue(accountName: "A").token.text
        let keyB = try await services.keys.issue(accountName: "B").token.text
        let environment = TestEnvironment(
            directory: directory, store: store, time: time, services: services, keyA: keyA, keyB: keyB
        )
        do {
            let result = try await body(environment)
            try await environment.close()
            return result
        } catch {
            try? await environment.close()
            throw error
        }
    }

    /// Runs `body` with a client of the real application's router.
    func withClient<T: Sendable>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let app = Application(router: buildRouter(services: services))
        return try await app.test(.router) { client in try await body(client) }
    }

    private func close() async throws {
        try await store.close()
        try? FileManager.default.removeItem(at: directory)
    }
}
