import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SecuregateApp
import SecuregateCore
import SecuregateStore
import SecuregateTestSupport

/// A real app over a fresh database of one backend, with a manual clock, predictable ids and two accounts,
/// A and B, each with a key.
struct TestEnvironment {
    /// 2026-01-01T00:00:00Z: the clock's start in every test.
    static let start = Date(timeIntervalSince1970: 1_767_225_600)

    /// The database, for tests that open a second instance on it.
    let url: DatabaseURL
    let store: SQLStore
    let time: ManualTimeSource
    let services: SecuregateServices
    let keyA: String
    let keyB: String

    /// Runs `body` with a fresh environment on `backend`, and removes its database afterwards.
    static func with<T>(
        _ backend: StoreBackend, faceEngine: (any FaceEngine)? = nil, faceSettings: FaceSettings = FaceSettings(),
        allowPrivateImageURLs: Bool = false, start: Date = Self.start, _ body: (TestEnvironment) async throws -> T
    ) async throws -> T {
        try await backend.withStore { store, url in
            let time = ManualTimeSource(start)
            let services = try SecuregateServices(
                store: store, time: time, ids: SequentialIDGenerator(), hasher: SHA256SecretHasher(), faceEngine: faceEngine,
                imageFetcher: try HTTPImageFetcher(allowPrivateAddresses: allowPrivateImageURLs, timeout: .seconds(5)),
                faceSettings: faceSettings
            )
            let keyA = try await services.keys.issue(accountName: "A").token.text
            let keyB = try await services.keys.issue(accountName: "B").token.text
            return try await body(TestEnvironment(url: url, store: store, time: time, services: services, keyA: keyA, keyB: keyB))
        }
    }

    /// A logger that keeps test output to what went wrong.
    static var quietLogger: Logger {
        var logger = Logger(label: "securegate-test")
        logger.logLevel = .warning
        return logger
    }

    /// Runs `body` with a client of the whole application served on a free port: its channel handlers
    /// (timeouts, `Expect`, malformed bodies) and HTTP encoding included.
    func withLiveClient<T: Sendable>(
        configure: (inout AppConfiguration) -> Void = { _ in }, webhooks: (any WebhookTransport)? = nil, logger: Logger = Self.quietLogger,
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        var configuration = AppConfiguration(host: "127.0.0.1", port: 0)
        configure(&configuration)
        let app = try buildApplication(
            configuration: configuration, services: services, transport: RecordingTransport(), webhooks: webhooks, time: time,
            logger: logger
        )
        return try await app.test(.live) { client in try await body(client) }
    }

    /// Runs `body` with a client of the real application's router.
    func withClient<T: Sendable>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let app = Application(router: buildRouter(services: services), logger: Self.quietLogger)
        return try await app.test(.router) { client in try await body(client) }
    }
}
