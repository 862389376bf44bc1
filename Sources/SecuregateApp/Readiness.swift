import Foundation
import Hummingbird
import Logging
import SecuregateAPI
import SecuregateCore
import ServiceLifecycle

/// Whether the server should get new traffic: `/readyz` asks the database (a real query, within a time limit)
/// and says whether faces are configured; once a stop was asked for, it answers 503 while the server drains.
public final class Readiness: @unchecked Sendable {
    private let lock = NSLock()
    private var draining = false
    /// How long the database may take to answer the check.
    public var databaseTimeout: Duration = .seconds(2)

    public init() {}

    /// Whether the server is stopping.
    public var isDraining: Bool { lock.withLock { draining } }

    /// From now on `/readyz` answers 503.
    public func startDraining() {
        lock.withLock { draining = true }
    }

    /// The answer of `/readyz`: 200 when every part is ready, else 503, with each part's state.
    func answer(services: SecuregateServices) async -> Response {
        var ready = true
        var checks: [(String, JSONValue)] = []
        if isDraining {
            ready = false
            checks.append(("server", "draining"))
        }
        do {
            try await Self.within(databaseTimeout) { try await services.store.checkReady() }
            checks.append(("database", "ok"))
        } catch {
            ready = false
            checks.append(("database", "unavailable"))
        }
        checks.append(("faces", services.faces.isConfigured ? "ok" : "off"))
        let body: JSONValue = .object(JSONObject([("status", .string(ready ? "ready" : "not ready")), ("checks", .object(JSONObject(checks)))]))
        var writer = JSONWriter(capacity: 128)
        writer.value(body)
        return JSONResponse.make(ready ? .ok : .serviceUnavailable, bytes: writer.bytes)
    }

    /// Runs `work`, or throws when it takes longer than `limit`; a check that ignores cancellation (a pool
    /// retrying a server that went away) does not hold the answer past the limit.
    static func within(_ limit: Duration, _ work: @escaping @Sendable () async throws -> Void) async throws {
        guard let result = await Race.result(within: limit, work) else { throw CancellationError() }
        try result.get()
    }
}

/// The first service told to stop: it marks the server as draining, so that `/readyz` answers 503, and holds
/// the stop for `delay`, so that a load balancer sees it before the server stops taking connections.
public struct DrainService: Service {
    let readiness: Readiness
    let delay: Duration
    let logger: Logger

    public init(readiness: Readiness, delay: Duration, logger: Logger) {
        self.readiness = readiness
        self.delay = delay
        self.logger = logger
    }

    public func run() async throws {
        do {
            try await gracefulShutdown()
        } catch {
            return
        }
        readiness.startDraining()
        logger.info("Draining before stopping", metadata: ["delay": "\(delay)"])
        try? await Task.sleep(for: delay)
    }
}
