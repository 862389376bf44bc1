import Logging
import SecuregateCore
import ServiceLifecycle

/// Runs the outbox dispatcher as a service: a pass every `interval`, until graceful shutdown.
public struct OutboxWorker: Service {
    let dispatcher: OutboxDispatcher
    let interval: Duration
    let logger: Logger

    public init(dispatcher: OutboxDispatcher, interval: Duration, logger: Logger) {
        self.dispatcher = dispatcher
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                // Drain what is due before sleeping, so that a large batch goes out at once.
                while true {
                    let outcome = try await dispatcher.runOnce()
                    if outcome.delivered > 0 || outcome.failed > 0 {
                        logger.info("Outbox pass", metadata: ["delivered": "\(outcome.delivered)", "failed": "\(outcome.failed)"])
                    }
                    if outcome.delivered + outcome.failed < dispatcher.batchSize { break }
                }
            } catch {
                logger.error("Outbox pass failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            try? await cancelWhenGracefulShutdown {
                try await Task.sleep(for: interval)
            }
        }
    }
}

extension OutboxWorker: CustomStringConvertible {
    public var description: String { "OutboxWorker" }
}
