import Foundation
import SecuregateFace
import SecuregateQR

// The door's frame figures, one line each: a camera frame with an invite's QR code, laid over a test photo by
// ffmpeg at three sizes, decoded to gray and read by ZBar, 100 times each. Prints figures; never fails on them.
//
//   frame-benchmark PHOTOS_DIR

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

/// A JPEG of `width`×`height`: the photo cropped to fill it, the code turned 15° in its lower right part.
func frame(photo: String, code: URL, width: Int, height: Int, into directory: URL) throws -> Data {
    let output = directory.appendingPathComponent("frame-\(width).jpg")
    let side = height / 3
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
    process.arguments = [
        "-loglevel", "error", "-y", "-i", photo, "-i", code.path, "-filter_complex",
        "[0]scale=\(width):\(height):force_original_aspect_ratio=increase,crop=\(width):\(height):0:0[s];"
            + "[1]scale=\(side):\(side):flags=neighbor,format=rgba,rotate=15*PI/180:c=white@0:ow=rotw(15*PI/180):oh=roth(15*PI/180)[q];"
            + "[s][q]overlay=\(width - side * 3 / 2):\(height - side * 3 / 2)",
        "-frames:v", "1", "-q:v", "5", output.path,
    ]
    try process.run()
    process.waitUntilExit()
    return try Data(contentsOf: output)
}

let photos = URL(fileURLWithPath: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "models/test-images")
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-frames-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
let code = directory.appendingPathComponent("code.png")
try Data(try QRCode(encoding: "YJWDFCXY9GDQ").png(scale: 8)).write(to: code)
let clock = ContinuousClock()
for (width, height) in [(640, 480), (1280, 720), (1920, 1080)] {
    let jpeg = try frame(photo: photos.appendingPathComponent("obama2.jpg").path, code: code, width: width, height: height, into: directory)
    var decodes: [Double] = []
    var reads: [Double] = []
    var found = 0
    for _ in 0..<100 {
        let start = clock.now
        let image = try GrayImage(decoding: jpeg, maxPixels: 16_000_000)
        let decoded = clock.now
        found += QRDecoder.codes(gray: image.pixels, width: image.width, height: image.height) == ["YJWDFCXY9GDQ"] ? 1 : 0
        decodes.append(milliseconds(start.duration(to: decoded)))
        reads.append(milliseconds(start.duration(to: clock.now)))
    }
    print(String(
        format: "frame %dx%d (%d KB JPEG): decode p50 %.1f ms; decode and read p50 %.1f ms, p99 %.1f ms; code found %d/100",
        width, height, jpeg.count / 1024, percentile(decodes, 0.5), percentile(reads, 0.5), percentile(reads, 0.99), found
    ))
}
