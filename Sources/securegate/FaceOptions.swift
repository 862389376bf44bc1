import ArgumentParser
import Foundation
import Logging
import SecuregateApp
import SecuregateCore
import SecuregateFace

/// The options of face identification, each also read from its environment variable.
struct FaceOptions: ParsableArguments {
    @Option(help: "The folder holding dlib's face models (scripts/install-face-models fetches them). Default: $SECUREGATE_FACE_MODELS, else models/face.")
    var faceModels: String?

    @Option(help: "The largest descriptor distance that counts as the same person. Default: $SECUREGATE_FACE_THRESHOLD, else 0.6.")
    var faceThreshold: Float?

    @Option(help: "Photos worked on at once, each by its own engine. Default: $SECUREGATE_FACE_CONCURRENCY, else 2.")
    var faceConcurrency: Int?

    @Option(help: "Photos that may wait for a face worker; beyond that a photo is answered 503. Default: $SECUREGATE_FACE_QUEUE, else 16.")
    var faceQueue: Int?

    @Option(help: "The most pixels a photo may declare (read from its header, before decoding). Default: $SECUREGATE_MAX_IMAGE_PIXELS, else 50000000.")
    var maxImagePixels: Int?

    @Option(help: "Days the faces of a deleted event are kept before they are erased. Default: $SECUREGATE_FACE_RETENTION_DAYS, else 0.")
    var faceRetentionDays: Double?

    @Flag(help: "Keep reference photos beside their descriptors (default: only the descriptor). Also $SECUREGATE_KEEP_FACE_PHOTOS=1.")
    var keepFacePhotos = false

    @Flag(name: .customLong("allow-private-image-urls"), help: "Let image URLs point at private, loopback and link-local addresses. Also $SECUREGATE_ALLOW_PRIVATE_IMAGE_URLS=1.")
    var allowPrivateImageURLs = false

    /// The matching and retention settings.
    func settings() throws -> FaceSettings {
        FaceSettings(
            threshold: try Setting.value(faceThreshold, "SECUREGATE_FACE_THRESHOLD") ?? 0.6,
            keepPhotos: Setting.flag(keepFacePhotos, "SECUREGATE_KEEP_FACE_PHOTOS"),
            retentionAfterDelete: (try Setting.value(faceRetentionDays, "SECUREGATE_FACE_RETENTION_DAYS") ?? 0) * 86_400
        )
    }

    /// The face engine over the models folder, or `nil` (and a warning) when the models are not there.
    func engine(logger: Logger) throws -> (any FaceEngine)? {
        let directory = try Setting.value(faceModels, "SECUREGATE_FACE_MODELS") ?? "models/face"
        guard DlibFaceEngine.hasModels(in: directory) else {
            logger.warning(
                "Face identification is off: no models",
                metadata: ["directory": "\(directory)", "install": "scripts/install-face-models"]
            )
            return nil
        }
        let concurrency = try Setting.value(faceConcurrency, "SECUREGATE_FACE_CONCURRENCY") ?? 2
        let queue = try Setting.value(faceQueue, "SECUREGATE_FACE_QUEUE") ?? 16
        let maxPixels = try Setting.value(maxImagePixels, "SECUREGATE_MAX_IMAGE_PIXELS") ?? 50_000_000
        guard concurrency > 0, queue >= 0, maxPixels > 0 else {
            throw ValidationError("--face-concurrency and --max-image-pixels must be positive, --face-queue at least 0")
        }
        // Loads the models now: a corrupt model file stops the server here, with what is wrong.
        let engine = try DlibFaceEngine(modelsDirectory: directory, concurrency: concurrency, maxPixels: maxPixels, maxQueue: queue)
        logger.info(
            "Face identification is on",
            metadata: ["directory": "\(directory)", "concurrency": "\(concurrency)", "queue": "\(queue)", "max_image_pixels": "\(maxPixels)"]
        )
        return engine
    }

    /// The fetcher of image URLs.
    func fetcher() throws -> any ImageFetcher {
        try HTTPImageFetcher(
            allowPrivateAddresses: Setting.flag(allowPrivateImageURLs, "SECUREGATE_ALLOW_PRIVATE_IMAGE_URLS")
        )
    }
}
