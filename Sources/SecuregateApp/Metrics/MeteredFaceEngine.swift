import Foundation
import SecuregateCore

/// A face engine that times each photo (waiting for a free worker included) and counts the photos being
/// described or waiting, the face work's queue.
public struct MeteredFaceEngine: FaceEngine {
    let base: any FaceEngine
    let metrics: ServerMetrics

    public init(_ base: any FaceEngine, metrics: ServerMetrics) {
        self.base = base
        self.metrics = metrics
    }

    public func faces(in image: Data) async throws -> [DetectedFace] {
        let start = ContinuousClock.now
        metrics.faceJobs.increment()
        defer {
            metrics.faceJobs.decrement()
            metrics.faceDuration.recordNanoseconds(start.duration(to: .now).nanoseconds)
        }
        return try await base.faces(in: image)
    }
}
