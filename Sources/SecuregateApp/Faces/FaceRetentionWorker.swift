import Logging
import SecuregateCore
import ServiceLifecycle

/// Erases the faces of deleted events once their retention has passed: a pass every `interval`.
public struct FaceRetentionWorker: Service {
    let faces: FaceService
    let interval: Duration
    let logger: Logger

    public init(faces: FaceService, interval: Duration, logger: Logger) {
        self.faces = faces
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let erased = try await faces.eraseExpired()
                if erased > 0 { logger.info("Faces of deleted events erased", metadata: ["faces": "\(erased)"]) }
            } catch {
                logger.error("Face retention pass failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            try? await cancelWhenGracefulShutdown {
                try await Task.sleep(for: interval)
            }
        }
    }
}

extension FaceRetentionWorker: CustomStringConvertible {
    public var description: String { "FaceRetentionWorker" }
}
