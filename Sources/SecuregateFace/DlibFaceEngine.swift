import CFaceEngine
import Foundation
import SecuregateCore

/// The face engine over dlib: a bounded number of engine instances (dlib's network keeps its activations, so
/// one instance serves one photo at a time), each on its own thread, so the work never runs on the event
/// loop or the cooperative pool and at most `concurrency` photos are worked on at once, with a bounded line
/// in front of them. A photo's size is read from its header and bounded before anything is decoded.
public final class DlibFaceEngine: FaceEngine {
    /// The file names the models directory must hold.
    public static let modelFiles = ["shape_predictor_5_face_landmarks.dat", "dlib_face_recognition_resnet_model_v1.dat"]
    /// The longer side a photo is scaled down to before detection.
    public let maxSide: Int
    /// The most pixels a photo may declare.
    public let maxPixels: Int
    private let workers: WorkerPool<FaceWorker>

    /// An engine over the models in `directory`, with at most `concurrency` workers and `maxQueue` photos
    /// waiting for one. The first worker loads the models now, so that a missing or corrupt model file stops
    /// the server at start with `FaceEngineError.failed`, not every face call later; the others load them when
    /// first needed. Photos over `maxPixels` are refused from their header.
    public init(
        modelsDirectory directory: String, concurrency: Int = 2, maxSide: Int = 1600, maxPixels: Int = 50_000_000,
        maxQueue: Int = 16
    ) throws {
        let paths = Self.modelPaths(in: directory)
        if let missing = paths.first(where: { !FileManager.default.fileExists(atPath: $0) }) {
            throw FaceEngineError.failed("missing model \(missing)")
        }
        self.maxSide = maxSide
        self.maxPixels = maxPixels
        let make: @Sendable () throws -> FaceWorker = {
            var error = [CChar](repeating: 0, count: 512)
            guard let handle = sg_face_engine_open(paths[0], paths[1], &error, error.count) else {
                throw FaceEngineError.failed("cannot load the face models in \(directory): \(String(cString: error))")
            }
            return FaceWorker(handle: handle, queue: DispatchQueue(label: "securegate.face"))
        }
        self.workers = WorkerPool(limit: concurrency, maxWaiting: maxQueue, first: try make(), make: make)
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
        // Refused from the header, before the photo waits for a worker or any of it is decoded.
        let (width, height) = try Self.size(of: image)
        guard width * height <= maxPixels else { throw FaceEngineError.tooLarge(width: width, height: height, limit: maxPixels) }
        let orientation = JPEGOrientation.read(from: image)
        let (maxSide, maxPixels) = (self.maxSide, self.maxPixels)
        let worker: FaceWorker
        do {
            worker = try await workers.take()
        } catch is WorkerPoolFull {
            throw FaceEngineError.busy
        }
        let result = await withCheckedContinuation { continuation in
            worker.queue.async {
                continuation.resume(returning: Result {
                    try worker.describe(
                        image, orientation: orientation, maxSide: maxSide, maxPixels: maxPixels, declared: (width, height)
                    )
                })
            }
        }
        await workers.give(worker)
        return try result.get()
    }

    /// How many photos wait for a worker now.
    public var queueLength: Int {
        get async { await workers.queueLength }
    }

    /// The width and height `image` declares in its header; throws `unreadableImage` for other bytes.
    static func size(of image: Data) throws -> (width: Int, height: Int) {
        var width: Int32 = 0
        var height: Int32 = 0
        let status = image.withUnsafeBytes { bytes in
            sg_face_image_size(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, &width, &height)
        }
        guard status == 0, width > 0, height > 0 else { throw FaceEngineError.unreadableImage }
        return (Int(width), Int(height))
    }
}
