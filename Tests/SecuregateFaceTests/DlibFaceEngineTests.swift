import Foundation
import SecuregateCore
import SecuregateFace
import SecuregateTestSupport
import Testing

@Suite("The dlib face engine, on real photos", .enabled(if: FaceFixtures.available))
struct DlibFaceEngineTests {
    static let engine: DlibFaceEngine? = FaceFixtures.available
        ? try? DlibFaceEngine(modelsDirectory: FaceFixtures.modelsDirectory) : nil

    func face(_ name: String) async throws -> DetectedFace {
        let engine = try #require(Self.engine)
        let faces = try await engine.faces(in: FaceFixtures.photo(name))
        try #require(faces.count == 1, "\(name): \(faces.count) faces")
        return faces[0]
    }

    @Test("one person's photos lie within 0.6 of each other, another person's beyond it")
    func distances() async throws {
        let obama = try await face("obama.jpg")
        let obama2 = try await face("obama2.jpg")
        let obama3 = try await face("obama3.jpg")
        let biden = try await face("biden.jpg")
        for other in [obama2, obama3] {
            #expect(obama.descriptor.distance(to: other.descriptor) < 0.6)
        }
        for other in [obama, obama2, obama3] {
            #expect(biden.descriptor.distance(to: other.descriptor) > 0.6)
        }
        print("distances: obama–obama2 \(obama.descriptor.distance(to: obama2.descriptor)), obama–obama3 \(obama.descriptor.distance(to: obama3.descriptor)), obama–biden \(obama.descriptor.distance(to: biden.descriptor))")
    }

    @Test("bytes that are no image are refused as unreadable")
    func unreadable() async throws {
        let engine = try #require(Self.engine)
        await #expect(throws: FaceEngineError.unreadableImage) {
            _ = try await engine.faces(in: Data("not a photo".utf8))
        }
        await #expect(throws: FaceEngineError.unreadableImage) {
            _ = try await engine.faces(in: Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0]))
        }
    }

    @Test("images that declare more pixels than the limit are refused from their header, at once")
    func imageBombs() async throws {
        let engine = try #require(Self.engine)
        let started = ContinuousClock.now
        await #expect(throws: FaceEngineError.tooLarge(width: 20_000, height: 20_000, limit: 50_000_000)) {
            _ = try await engine.faces(in: ImageBombs.png(width: 20_000, height: 20_000))
        }
        let jpeg = try #require(ImageBombs.jpeg(try FaceFixtures.photo("obama.jpg"), width: 40_000, height: 40_000))
        await #expect(throws: FaceEngineError.tooLarge(width: 40_000, height: 40_000, limit: 50_000_000)) {
            _ = try await engine.faces(in: jpeg)
        }
        #expect(started.duration(to: .now) < .seconds(1))
        // A lower limit refuses an ordinary photo (obama.jpg is 910 x 1137).
        let strict = try DlibFaceEngine(modelsDirectory: FaceFixtures.modelsDirectory, concurrency: 1, maxPixels: 1_000_000)
        await #expect(throws: FaceEngineError.tooLarge(width: 910, height: 1137, limit: 1_000_000)) {
            _ = try await strict.faces(in: FaceFixtures.photo("obama.jpg"))
        }
    }

    @Test("a photo larger than the working size is decoded already scaled down, and its face still found")
    func scaledDecoding() async throws {
        let full = try await face("obama.jpg")
        // 1137 pixels high: libjpeg decodes it at 3/8 (426), then it is scaled to 400.
        let small = try DlibFaceEngine(modelsDirectory: FaceFixtures.modelsDirectory, concurrency: 1, maxSide: 400)
        let faces = try await small.faces(in: FaceFixtures.photo("obama.jpg"))
        try #require(faces.count == 1)
        #expect(max(faces[0].right, faces[0].bottom) <= 400)
        #expect(faces[0].descriptor.distance(to: full.descriptor) < 0.4)
    }

}

@Suite("EXIF orientation", .enabled(if: FaceFixtures.available))
struct FaceOrientationTests {
    /// obama.jpg (little-endian EXIF, orientation 1) with its orientation entry set to `value`.
    func obama(orientation value: UInt8) throws -> Data {
        var bytes = [UInt8](try FaceFixtures.photo("obama.jpg"))
        let entry: [UInt8] = [0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00]
        let at = try #require((0..<(bytes.count - 10)).first { Array(bytes[$0..<($0 + 8)]) == entry })
        bytes[at + 8] = value
        return Data(bytes)
    }

    @Test("the orientation is applied before detection: upside down finds no face, mirrored mirrors the box")
    func applied() async throws {
        let engine = try #require(DlibFaceEngineTests.engine)
        let upright = try await engine.faces(in: obama(orientation: 1))
        let upsideDown = try await engine.faces(in: obama(orientation: 3))
        let mirrored = try await engine.faces(in: obama(orientation: 2))
        #expect(upright.count == 1)
        #expect(upsideDown.isEmpty)
        try #require(mirrored.count == 1)
        // obama.jpg is 910 pixels wide: a mirrored box spans the same columns counted from the right.
        #expect(abs(mirrored[0].left - (909 - upright[0].right)) <= 8)
        #expect(abs(mirrored[0].top - upright[0].top) <= 8)
        #expect(mirrored[0].descriptor.distance(to: upright[0].descriptor) < 0.3)
    }
}

/// Models that are not there or not models: checked whether or not the real models are installed here.
struct FaceModelFilesTests {
    @Test("missing models are reported, not crashed on")
    func missingModels() {
        #expect(throws: FaceEngineError.failed("missing model /nonexistent/shape_predictor_5_face_landmarks.dat")) {
            _ = try DlibFaceEngine(modelsDirectory: "/nonexistent")
        }
        #expect(!DlibFaceEngine.hasModels(in: "/nonexistent"))
    }

    @Test("corrupt model files stop the engine at start, saying which folder")
    func corruptModels() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-models-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in DlibFaceEngine.modelFiles {
            try Data("not a model".utf8).write(to: directory.appendingPathComponent(name))
        }
        #expect(DlibFaceEngine.hasModels(in: directory.path))
        #expect {
            _ = try DlibFaceEngine(modelsDirectory: directory.path)
        } throws: { error in
            guard case FaceEngineError.failed(let reason) = error else { return false }
            return reason.hasPrefix("cannot load the face models in \(directory.path)")
        }
    }
}
