import Foundation
import SecuregateCore
import SecuregateFace

// Face figures, one line each: matching one face against 10 000 enrolled descriptors in memory, and the
// engine's time per photo on the real test photos. A benchmark prints figures; it never fails on them.
//
//   face-benchmark MODELS_DIR PHOTOS_DIR

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

func format(_ value: Double) -> String { String(format: "%.2f ms", value) }

func peakRSS() -> String {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM") } ?? ""
    let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    return String(format: "%.1f MB", kilobytes / 1024)
}

/// A random unit-length descriptor: dlib's descriptors are unit length, so random ones have realistic distances.
func randomDescriptor(_ generator: inout SystemRandomNumberGenerator) -> FaceDescriptor {
    var values = (0..<FaceDescriptor.length).map { _ in Float.random(in: -1...1, using: &generator) }
    let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    values = values.map { $0 / norm }
    return FaceDescriptor(values)!
}

let arguments = CommandLine.arguments
let clock = ContinuousClock()
var generator = SystemRandomNumberGenerator()

let enrolled = 10_000
let faces = (0..<enrolled).map { (inviteID: "inv_\($0)", descriptor: randomDescriptor(&generator)) }
let entry = FaceIndex.Entry(generation: 1, faces: faces)
let probes = (0..<1_000).map { _ in randomDescriptor(&generator) }
var timings: [Double] = []
var checksum: Float = 0
for probe in probes {
    let started = clock.now
    checksum += entry.nearest(to: probe)?.distance ?? 0
    timings.append(milliseconds(clock.now - started))
}
print("match one face against \(enrolled) enrolled: p50 \(format(percentile(timings, 0.5))), p99 \(format(percentile(timings, 0.99))) (1 000 probes, checksum \(Int(checksum)))")

guard arguments.count >= 3, DlibFaceEngine.hasModels(in: arguments[1]) else {
    print("engine: skipped (no models; pass MODELS_DIR PHOTOS_DIR)")
    exit(0)
}
let engine = try DlibFaceEngine(modelsDirectory: arguments[1], concurrency: 1)
print("before the first photo: peak RSS \(peakRSS())")
for name in ["obama.jpg", "obama2.jpg", "obama3.jpg", "biden.jpg"] {
    let photo = try Data(contentsOf: URL(fileURLWithPath: arguments[2]).appendingPathComponent(name))
    var times: [Double] = []
    var found = 0
    for _ in 0..<5 {
        let started = clock.now
        found = try await engine.faces(in: photo).count
        times.append(milliseconds(clock.now - started))
    }
    print("detect and describe \(name) (\(photo.count / 1024) KiB, \(found) face): p50 \(format(percentile(times, 0.5))) over 5 runs")
}
print("face benchmark peak RSS: \(peakRSS())")
