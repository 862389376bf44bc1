import CFaceEngine
import Foundation
import SecuregateCore

/// One dlib engine instance and the serial queue it runs on.
final class FaceWorker: @unchecked Sendable {
    // Only ever touched on `queue`, one photo at a time.
    let handle: OpaquePointer
    let queue: DispatchQueue
    /// How many faces one photo reports at most.
    static let capacity = 32

    init(handle: OpaquePointer, queue: DispatchQueue) {
        self.handle = handle
        self.queue = queue
    }

    deinit { sg_face_engine_close(handle) }

    /// Finds and describes the faces of one photo, largest first.
    /// `declared` is the size the photo's header gave, for the error when the decoder refuses it as too large.
    func describe(
        _ image: Data, orientation: Int, maxSide: Int, maxPixels: Int, declared: (width: Int, height: Int)
    ) throws -> [DetectedFace] {
        var faces = [sg_face](repeating: sg_face(), count: Self.capacity)
        var error = [CChar](repeating: 0, count: 512)
        let found = image.withUnsafeBytes { bytes in
            sg_face_engine_describe(
                handle, bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, Int32(orientation), Int32(maxSide),
                Int64(maxPixels), &faces, Int32(Self.capacity), &error, error.count
            )
        }
        if Int(found) == SG_FACE_ERROR_UNREADABLE_IMAGE { throw FaceEngineError.unreadableImage }
        if Int(found) == SG_FACE_ERROR_TOO_LARGE {
            // The first look at the header let it through (a file with two frame headers): the decoder decides.
            throw FaceEngineError.tooLarge(width: declared.width, height: declared.height, limit: maxPixels)
        }
        guard found >= 0 else {
            throw FaceEngineError.failed(String(cString: error))
        }
        return faces.prefix(min(Int(found), Self.capacity)).compactMap { face in
            let values = withUnsafeBytes(of: face.descriptor) { Array($0.bindMemory(to: Float.self)) }
            guard let descriptor = FaceDescriptor(values) else { return nil }
            return DetectedFace(
                left: Int(face.left), top: Int(face.top), right: Int(face.right), bottom: Int(face.bottom),
                descriptor: descriptor
            )
        }.sorted { $0.area > $1.area }
    }
}
