import Logging
import SecuregateCore

extension PeriodicWorker {
    /// Deletes what has outlived its retention: the faces of deleted events, and expired scan nonces.
    public static func retention(services: SecuregateServices, interval: Duration, logger: Logger) -> PeriodicWorker {
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
        }
    }
}
