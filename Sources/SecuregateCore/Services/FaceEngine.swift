import Foundation

/// What finds and describes faces in photos. The server never sees how.
public protocol FaceEngine: Sendable {
    /// The faces in a JPEG or PNG photo, largest first; throws `FaceEngineError.unreadableImage` for other bytes.
    func faces(in image: Data) async throws -> [DetectedFace]
}

/// Why a face engine gave no answer.
public enum FaceEngineError: Error, Equatable, Sendable {
    /// The bytes are not a JPEG or PNG image that decodes.
    case unreadableImage
    /// The models could not be loaded, or the engine failed; the text says what.
    case failed(String)
}
