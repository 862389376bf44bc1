import Logging
import ServiceLifecycle

/// A service that runs one pass every `interval` until graceful shutdown; a failed pass is logged and the
/// next one runs on time.
public struct PeriodicWorker: Service, CustomStringConvertible {
    public let description: String
    let interval: Duration
    let logger: Logger
    let pass: @Sendable () async throws -> Void

    public init(name: String, interval: Duration, logger: Logger, pass: @escaping @Sendable () async throws -> Void) {
        self.description = name
        self.interval = interval
        self.logger = logger
        self.pass = pass
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await pass()
            } catch {
                logger.error("\(description) pass failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            try? await cancelWhenGracefulShutdown {
                try await Task.sleep(for: interval)
            }
        }
    }
}
