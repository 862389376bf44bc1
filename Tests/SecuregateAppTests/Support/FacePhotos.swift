import CFaceEngine
import Foundation
import SecuregateCore
import SecuregateFace
@testable import SecuregateQR
import SecuregateTestSupport

/// The face engine and photos the HTTP-level face tests share: one engine, loaded once.
enum FacePhotos {
    static let engine: DlibFaceEngine? = FaceFixtures.available
        ? try? DlibFaceEngine(modelsDirectory: FaceFixtures.modelsDirectory) : nil

    /// A PNG with two people side by side: obama.jpg beside biden.jpg.
    static func twoPeople() throws -> Data {
        let left = try decode(FaceFixtures.photo("obama.jpg"))
        let right = try decode(FaceFixtures.photo("biden.jpg"))
        let width = left.width + right.width
        let height = max(left.height, right.height)
        var scanlines = [UInt8]()
        scanlines.reserveCapacity(height * (width * 3 + 1))
        for y in 0..<height {
            scanlines.append(0)  // no filter
            for image in [left, right] {
                if y < image.height {
                    scanlines += image.rgb[(y * image.width * 3)..<((y + 1) * image.width * 3)]
                } else {
                    scanlines += [UInt8](repeating: 255, count: image.width * 3)
                }
            }
        }
        return Data(PNG.encode(width: width, height: height, bitDepth: 8, colorType: 2, scanlines: scanlines))
    }

    /// The pixels of a JPEG or PNG, as RGB rows.
    static func decode(_ data: Data) throws -> (width: Int, height: Int, rgb: [UInt8]) {
        var width: Int32 = 0
        var height: Int32 = 0
        var pixels: UnsafeMutablePointer<UInt8>?
        let status = data.withUnsafeBytes { bytes in
            sg_face_decode_rgb(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, 1, &width, &height, &pixels)
        }
        guard status == 0, let pixels else { throw FaceEngineError.unreadableImage }
        defer { sg_face_free(pixels) }
        return (Int(width), Int(height), Array(UnsafeBufferPointer(start: pixels, count: Int(width) * Int(height) * 3)))
    }
}
