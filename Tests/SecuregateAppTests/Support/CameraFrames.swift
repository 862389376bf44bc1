import Foundation
import SecuregateQR
import SecuregateTestSupport

/// Camera frames for the door's tests, made with ffmpeg: a photo (or a plain gray scene) with QR codes laid
/// on it, each scaled, turned and placed, saved as the JPEG a phone's camera sends.
enum CameraFrames {
    /// One QR code on the frame: its text, its side in pixels, its angle in degrees, its top left corner.
    struct Code {
        let text: String
        var side = 160
        var angle = 0.0
        var x = 20
        var y = 20
    }

    /// Who draws the codes: our own encoder, or Debian's `qrencode` (another implementation, as a guest's phone
    /// or a printed ticket would be).
    enum Encoder {
        case ours
        case qrencode
    }

    /// A `width`×`height` JPEG of `photo` (a test image, cropped from its top to fill the frame; gray without
    /// one) under `codes`.
    static func frame(photo: String? = nil, codes: [Code], width: Int = 640, height: Int = 480, encoder: Encoder = .ours) async throws -> Data {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-frame-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var arguments = ["-loglevel", "error", "-y"]
        if let photo {
            arguments += ["-i", FaceFixtures.imagesDirectory.appendingPathComponent(photo).path]
        } else {
            arguments += ["-f", "lavfi", "-i", "color=c=0x8a8f98:s=\(width)x\(height)"]
        }
        var filters = ["[0]scale=\(width):\(height):force_original_aspect_ratio=increase,crop=\(width):\(height):0:0[s0]"]
        for (index, code) in codes.enumerated() {
            let png = directory.appendingPathComponent("qr\(index).png")
            switch encoder {
            case .ours: try Data(try QRCode(encoding: code.text).png(scale: 8)).write(to: png)
            case .qrencode: try await ChildProcess.check("/usr/bin/qrencode", ["-s", "8", "-m", "2", "-o", png.path, code.text])
            }
            arguments += ["-i", png.path]
            let radians = "\(code.angle)*PI/180"
            filters.append(
                "[\(index + 1)]scale=\(code.side):\(code.side):flags=neighbor,format=rgba,"
                    + "rotate=\(radians):c=white@0:ow=rotw(\(radians)):oh=roth(\(radians))[q\(index)]"
            )
            filters.append("[s\(index)][q\(index)]overlay=\(code.x):\(code.y)[s\(index + 1)]")
        }
        let output = directory.appendingPathComponent("frame.jpg")
        arguments += ["-filter_complex", filters.joined(separator: ";"), "-map", "[s\(codes.count)]", "-frames:v", "1", "-q:v", "4", output.path]
        try await ChildProcess.check("/usr/bin/ffmpeg", arguments)
        return try Data(contentsOf: output)
    }

    /// A `.y4m` video at `url` that shows `frame` (a JPEG) for `seconds`, for Chromium's fake camera, which plays
    /// it in a loop.
    static func video(of frame: Data, at url: URL, seconds: Int = 2) async throws {
        let still = url.deletingPathExtension().appendingPathExtension("jpg")
        try frame.write(to: still)
        defer { try? FileManager.default.removeItem(at: still) }
        try await ChildProcess.check("/usr/bin/ffmpeg", [
            "-loglevel", "error", "-y", "-loop", "1", "-i", still.path, "-t", String(seconds), "-r", "10", "-pix_fmt", "yuv420p", url.path,
        ])
    }
}
