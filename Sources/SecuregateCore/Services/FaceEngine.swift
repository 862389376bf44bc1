import Foundation

/// What finds and describes faces in photos. The server never sees how.
public protocol FaceEngine: Sendable {
    /// The faces in a JPEG or PNG photo, largest first; throws `FaceEngineError.unreadableImage` for other bytes.
    func faces(in image: Data) async throws -> [DetectedFace]
}

/// Why a face engine gave no answer.
public enum FaceEngineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are not a JPEG or PNG image that decodes.
    case unreadableImage
    /// The models could not be loaded, or the engine failed; the text says what.
    case failed(String)
    /// The image declares more pixels than the engine accepts (read from its header, before decoding).
    case tooLarge(width: Int, height: Int, limit: Int)
    /// Every face worker is busy and the line in front of them is full.
    case busy

    /// What an operator reads when the server cannot start its face engine.
    public var description: String {
        switch self {
        case .unreadableImage: "not a JPEG or PNG image that can be read"
        case .failed(let reason): reason
        case .tooLarge(let width, let height, let limit): "an image of \(width)x\(height) pixels, more than \(limit)"
        case .busy: "every face worker is busy"
        }
    }
}
