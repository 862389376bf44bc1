import Foundation

/// Reads the QR codes a camera frame shows. The server never sees how.
public protocol CodeReader: Sendable {
    /// The texts of the QR codes in a JPEG or PNG frame, each once; throws `SecuregateError.unreadableImage`
    /// for other bytes or a frame too large to read.
    func codes(in frame: Data) async throws -> [String]
}
