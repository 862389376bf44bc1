import Logging
import SecuregateCore

extension PeriodicWorker {
    /// Delivers the outbox: each pass drains what is due before sleeping, so a large batch goes out at once.
    public static func outboxDelivery(dispatcher: OutboxDispatcher, interval: Duration, logger: Logger) -> PeriodicWorker {
        draining("OutboxWorker", message: "Outbox pass", batchSize: dispatcher.batchSize, interval: interval, logger: logger) {
            try await dispatcher.runOnce()
        }
    }

    /// Delivers webhooks: each pass drains what is due before sleeping.
    public static func webhookDelivery(dispatcher: WebhookDispatcher, interval: Duration, logger: Logger) -> PeriodicWorker {
        draining("WebhookWorker", message: "Webhook pass", batchSize: dispatcher.batchSize, interval: interval, logger: logger) {
            try await dispatcher.runOnce()
        }
    }

    /// A worker that runs `pass` until it handles less than a full batch, logging each pass that did something.
    private static func draining(
        _ name: String, message: Logger.Message, batchSize: Int, interval: Duration, logger: Logger,
        pass: @escaping @Sendable () async throws -> DeliveryOutcome
    ) -> PeriodicWorker {
        PeriodicWorker(name: name, interval: interval, logger: logger) {
            while true {
                let outcome = try await pass()
                if outcome.handled > 0 {
                    logger.info(
                        message,
                        metadata: ["delivered": "\(outcome.delivered)", "retrying": "\(outcome.retrying)", "failed": "\(outcome.failed)"]
                    )
                }
                if outcome.handled < batchSize { break }
            }
        }
    }
}
