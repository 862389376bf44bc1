import Logging
import SecuregateCore

extension PeriodicWorker {
    /// Delivers the outbox: each pass drains what is due before sleeping, so a large batch goes out at once.
    public static func outboxDelivery(dispatcher: OutboxDispatcher, interval: Duration, logger: Logger) -> PeriodicWorker {
        PeriodicWorker(name: "OutboxWorker", interval: interval, logger: logger) {
            while true {
                let outcome = try await dispatcher.runOnce()
                let handled = outcome.delivered + outcome.retrying + outcome.failed
                if handled > 0 {
                    logger.info(
                        "Outbox pass",
                        metadata: ["delivered": "\(outcome.delivered)", "retrying": "\(outcome.retrying)", "failed": "\(outcome.failed)"]
                    )
                }
                if handled < dispatcher.batchSize { break }
            }
        }
    }
}

extension PeriodicWorker {
    /// Delivers webhooks: each pass drains what is due before sleeping.
    public static func webhookDelivery(dispatcher: WebhookDispatcher, interval: Duration, logger: Logger) -> PeriodicWorker {
        PeriodicWorker(name: "WebhookWorker", interval: interval, logger: logger) {
            while true {
                let outcome = try await dispatcher.runOnce()
                if outcome.handled > 0 {
                    logger.info(
                        "Webhook pass",
                        metadata: ["delivered": "\(outcome.delivered)", "retrying": "\(outcome.retrying)", "failed": "\(outcome.failed)"]
                    )
                }
                if outcome.handled < dispatcher.batchSize { break }
            }
        }
    }
}
