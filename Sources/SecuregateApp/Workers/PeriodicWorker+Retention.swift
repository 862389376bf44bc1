import Foundation
import Logging
import SecuregateCore

extension PeriodicWorker {
    /// Deletes what has outlived its retention: the faces of deleted events, expired scan nonces and console
    /// sessions, finished messages and webhook deliveries, and (when a retention is set) the door's ledger.
    public static func retention(services: SecuregateServices, configuration: AppConfiguration, logger: Logger) -> PeriodicWorker {
        PeriodicWorker(name: "RetentionWorker", interval: configuration.retentionInterval, logger: logger) {
            let erased = try await services.faces.eraseExpired()
            if erased > 0 { logger.info("Faces of deleted events erased", metadata: ["faces": "\(erased)"]) }
            try await drain("Expired scan nonces forgotten", logger: logger) { try await services.checkins.forgetExpiredNonces() }
            try await drain("Expired console sessions forgotten", logger: logger) { try await services.console.forgetExpiredSessions() }
            try await drain("Finished messages forgotten", logger: logger) {
                try await services.invites.forgetFinishedMessages(olderThan: configuration.messageRetention)
            }
            try await drain("Old webhook deliveries forgotten", logger: logger) {
                try await services.webhooks.forgetDeliveries(olderThan: configuration.webhookRetention)
            }
            if let ledger = configuration.ledgerRetention {
                try await drain("Old ledger entries forgotten", logger: logger) { try await services.checkins.forgetLedger(olderThan: ledger) }
            }
        }
    }

    /// Runs `batch` until it deletes nothing, so that a backlog never holds the writer for long, and logs the total.
    private static func drain(_ message: Logger.Message, logger: Logger, _ batch: () async throws -> Int) async throws {
        var total = 0
        while true {
            let deleted = try await batch()
            guard deleted > 0 else { break }
            total += deleted
        }
        if total > 0 { logger.info(message, metadata: ["rows": "\(total)"]) }
    }
}
