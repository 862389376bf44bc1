import Logging
import SecuregateCore

extension PeriodicWorker {
    /// Erases the faces of deleted events once their retention has passed.
    public static func faceRetention(faces: FaceService, interval: Duration, logger: Logger) -> PeriodicWorker {
        PeriodicWorker(name: "FaceRetentionWorker", interval: interval, logger: logger) {
            let erased = try await faces.eraseExpired()
            if erased > 0 { logger.info("Faces of deleted events erased", metadata: ["faces": "\(erased)"]) }
        }
    }
}
