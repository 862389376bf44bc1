import CFaceEngine
import Foundation
import SecuregateCore

/// The face engine over dlib: a bounded number of engine instances (dlib's network keeps its activations, so
/// one instance serves one photo at a time), each on its own thread, so the work never runs on the event
/// loop or the cooperative pool and at most `concurrency` photos are worked on at once.
public final class DlibFaceEngine: FaceEngine {
    /// The file names the models directory must hold.
    public static let modelFiles = ["shape_predictor_5_face_landmarks.dat", "dlib_face_recognition_resnet_model_v1.dat"]
    /// The longer side a photo is scaled down to before detection.
    public let maxSide: Int
    private let workers: FaceWorkerPool

    /// An engine over the models in `directory`, with at most `concurrency` workers, each loading the models
    /// when first needed; throws `FaceEngineError.failed` when a model file is missing.
    public init(modelsDirectory directory: String, concurrency: Int = 2, maxSide: Int = 1600) throws {
        let paths = Self.modelPaths(in: directory)
        if let missing = paths.first(where: { !FileManager.default.fileExists(atPath: $0) }) {
            throw FaceEngineError.failed("missing model \(missing)")
        }
        self.maxSide = maxSide
        self.workers = FaceWorkerPool(limit: concurrency) {
            var error = [CChar](repeating: 0, count: 512)
            guard let handle = sg_face_engine_open(paths[0], paths[1], &error, error.count) else {
                throw FaceEngineError.failed(String(cString: error))
            }
            return FaceWorker(handle: handle, queue: DispatchQueue(label: "securegate.face"))
        }
    }

    /// Whether `directory` holds every model file.
    public static func hasModels(in directory: String) -> Bool {
        modelPaths(in: directory).allSatisfy { FileManager.default.fileExists(atPath: $0) }
    }

    /// Where the model files are in `directory`, in the order the engine loads them.
    static func modelPaths(in directory: String) -> [String] {
        modelFiles.map { URL(fileURLWithPath: directory).appendingPathComponent($0).path }
    }

    public func faces(in image: Data) async throws -> [DetectedFace] {
        let orientation = JPEGOrientation.read(from: image)
        let maxSide = self.maxSide
        let worker = try await workers.take()
        let result = await withCheckedContinuation { continuation in
            worker.queue.async {
                continuation.resume(returning: Result { try worker.describe(image, orientation: orientation, maxSide: maxSide) })
            }
        }
        await workers.give(worker)
        return try result.get()
    }
}
