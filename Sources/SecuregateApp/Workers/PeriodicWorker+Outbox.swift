import Logging
import SecuregateCore

extension PeriodicWorker {
    /// Delivers the outbox: each pass drains what is due before sleeping, so a large batch goes out at once.
    public static func outboxDelivery(dispatcher: OutboxDispatcher, interval: Duration, logger: Logger) -> PeriodicWorker {
        PeriodicWorker(name: "OutboxWorker", interval: interval, logger: logger) {
            while true {
                let outcome = try await dispatcher.runOnce()
                if outcome.delivered > 0 || outcome.failed > 0 {
                    logger.info("Outbox pass", metadata: ["delivered": "\(outcome.delivered)", "failed": "\(outcome.failed)"])
                }
                if outcome.delivered + outcome.failed < dispatcher.batchSize { break }
            }
        }
    }
}
