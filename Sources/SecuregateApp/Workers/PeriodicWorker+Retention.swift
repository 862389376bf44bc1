import Foundation
import Logging
import SecuregateCore

extension PeriodicWorker {
    /// Deletes what has outlived its retention: the faces of deleted events, expired scan nonces, and finished
    /// webhook deliveries older than `webhookRetention`.
    public static func retention(
        services: SecuregateServices, interval: Duration, webhookRetention: TimeInterval, logger: Logger
    ) -> PeriodicWorker {
        PeriodicWorker(name: "RetentionWorker", interval: interval, logger: logger) {
            let erased = try await services.faces.eraseExpired()
            if erased > 0 { logger.info("Faces of deleted events erased", metadata: ["faces": "\(erased)"]) }
            // A batch at a time, so that a backlog never holds the writer for long.
            var forgotten = 0
            var batch = 0
            repeat {
                batch = try await services.checkins.forgetExpiredNonces(limit: 1000)
                forgotten += batch
            } while batch > 0
            if forgotten > 0 { logger.info("Expired scan nonces forgotten", metadata: ["nonces": "\(forgotten)"]) }
            var deliveries = 0
            repeat {
                batch = try await services.webhooks.forgetDeliveries(olderThan: webhookRetention)
                deliveries += batch
            } while batch > 0
            if deliveries > 0 { logger.info("Old webhook deliveries forgotten", metadata: ["deliveries": "\(deliveries)"]) }
        }
    }
}
