import CFaceEngine
import Foundation
import SecuregateCore

/// A photo's pixels in gray, one byte each, row by row: what a code reader looks at.
public struct GrayImage: Sendable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt8]

    /// Decodes a JPEG or PNG (its EXIF orientation applied) into gray; throws `SecuregateError.unreadableImage`
    /// for other bytes, `imageTooLarge` for one that declares more than `maxPixels` (read from its header first).
    public init(decoding data: Data, maxPixels: Int) throws {
        var width: Int32 = 0
        var height: Int32 = 0
        let sized = data.withUnsafeBytes { bytes in
            sg_face_image_size(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, &width, &height)
        }
        guard sized == 0 else { throw SecuregateError.unreadableImage }
        guard Int(width) * Int(height) <= maxPixels else {
            throw SecuregateError.imageTooLarge(width: Int(width), height: Int(height), limit: maxPixels)
        }
        var rgb: UnsafeMutablePointer<UInt8>?
        let orientation = Int32(JPEGOrientation.read(from: data))
        let status = data.withUnsafeBytes { bytes in
            sg_face_decode_rgb(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, orientation, &width, &height, &rgb)
        }
        guard status == 0, let rgb else { throw SecuregateError.unreadableImage }
        defer { sg_face_free(rgb) }
        let count = Int(width) * Int(height)
        // ITU-R BT.601 luma in integers: what a camera's Y channel holds.
        pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count {
                let red = UInt32(rgb[3 * index]), green = UInt32(rgb[3 * index + 1]), blue = UInt32(rgb[3 * index + 2])
                buffer[index] = UInt8((77 * red + 150 * green + 29 * blue) >> 8)
            }
            initialized = count
        }
        self.width = Int(width)
        self.height = Int(height)
    }
}
