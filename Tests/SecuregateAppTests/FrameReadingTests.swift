import Foundation
@testable import SecuregateApp
import SecuregateAPI
import SecuregateCore
import SecuregateFace
import SecuregateQR
import SecuregateTestSupport
import Testing

/// Reading QR codes out of camera frames with ZBar: straight, turned, small, on a photo, several at once.
struct FrameReadingTests {
    let reader = ZBarCodeReader()

    @Test func aCodeDrawnByTheServerReadsBack() throws {
        let png = Data(try QRCode(encoding: "YJWDFCXY9GDQ").png(scale: 4))
        let image = try GrayImage(decoding: png, maxPixels: 1_000_000)
        #expect(QRDecoder.codes(gray: image.pixels, width: image.width, height: image.height) == ["YJWDFCXY9GDQ"])
    }

    @Test func framesTurnedSmallAndOnPhotosRead() async throws {
        let straight = try await CameraFrames.frame(codes: [.init(text: "CODE00000001")])
        #expect(try await reader.codes(in: straight) == ["CODE00000001"])
        let turned = try await CameraFrames.frame(codes: [.init(text: "CODE00000002", side: 200, angle: 33, x: 200, y: 100)])
        #expect(try await reader.codes(in: turned) == ["CODE00000002"], "turned a third")
        let upsideDown = try await CameraFrames.frame(codes: [.init(text: "CODE00000003", side: 180, angle: 180, x: 300, y: 200)])
        #expect(try await reader.codes(in: upsideDown) == ["CODE00000003"], "upside down")
        let small = try await CameraFrames.frame(codes: [.init(text: "CODE00000004", side: 64, angle: 10, x: 500, y: 380)])
        #expect(try await reader.codes(in: small) == ["CODE00000004"], "64 px in a 640 px frame")
        if FaceFixtures.available {
            let onPhoto = try await CameraFrames.frame(photo: "obama2.jpg", codes: [.init(text: "CODE00000005", side: 150, angle: -12, x: 460, y: 300)])
            #expect(try await reader.codes(in: onPhoto) == ["CODE00000005"], "over a photo")
        }
    }

    @Test func twoCodesAreBothSeenAndNoCodeIsNone() async throws {
        let two = try await CameraFrames.frame(codes: [.init(text: "FIRST0000001", x: 20, y: 40), .init(text: "SECOND000002", x: 360, y: 200)])
        #expect(Set(try await reader.codes(in: two)) == ["FIRST0000001", "SECOND000002"])
        let none = try await CameraFrames.frame(codes: [])
        #expect(try await reader.codes(in: none) == [])
        await #expect(throws: SecuregateError.unreadableImage) { try await reader.codes(in: Data("not a picture".utf8)) }
        let tooLarge = ZBarCodeReader(maxPixels: 100_000)
        await #expect(throws: SecuregateError.self) { try await tooLarge.codes(in: none) }
    }

    @Test func aFullLineOfFramesIsBusyAndSaysWhenToComeBack() async throws {
        let frame = try await CameraFrames.frame(codes: [.init(text: "CODE00000006")], width: 1280, height: 720)
        // One reader, no line: frames sent at once beyond the first are refused rather than left waiting.
        let reader = ZBarCodeReader(concurrency: 1, maxWaiting: 0)
        let answers = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask { (try? await reader.codes(in: frame)) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(answers.contains(true) && answers.contains(false), "\(answers)")
        await #expect(throws: SecuregateError.frameReaderBusy) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 { group.addTask { _ = try await reader.codes(in: frame) } }
                try await group.waitForAll()
            }
        }
        let answer = APIHandler<Empty, Empty, Empty>.response(for: .frameReaderBusy)
        #expect(answer.status == .serviceUnavailable && answer.headers[.retryAfter] == "1")
    }
}
