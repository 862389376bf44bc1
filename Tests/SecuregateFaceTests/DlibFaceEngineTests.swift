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

    @Test("missing models are reported, not crashed on")
    func missingModels() {
        #expect(throws: FaceEngineError.self) {
            _ = try DlibFaceEngine(modelsDirectory: "/nonexistent")
        }
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
