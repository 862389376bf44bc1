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
    func describe(_ image: Data, orientation: Int, maxSide: Int) throws -> [DetectedFace] {
        var faces = [sg_face](repeating: sg_face(), count: Self.capacity)
        var error = [CChar](repeating: 0, count: 512)
        let found = image.withUnsafeBytes { bytes in
            sg_face_engine_describe(
                handle, bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, Int32(orientation), Int32(maxSide),
                &faces, Int32(Self.capacity), &error, error.count
            )
        }
        if Int(found) == SG_FACE_ERROR_UNREADABLE_IMAGE { throw FaceEngineError.unreadableImage }
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
