import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecuregateAPI
import SecuregateCore
import SecuregateTestSupport
import Testing

/// The face step at the door: `Biometric` enters on a face alone, `Both` needs the code and that invite's face,
/// and every face decision is in the ledger with its distance.
@Suite(.enabled(if: FaceFixtures.available))
struct FaceDoorTests {
    @Test(arguments: StoreBackend.available)
    func biometricAndBothAtTheDoor(_ backend: StoreBackend) async throws {
        try await FaceTests.environment(backend) { env in
            try await env.withClient { client in
                let event = try await DoorTests.openEvent(client, key: env.keyA)
                let obama = try await DoorTests.guest(client, event: event, key: env.keyA, email: "obama@x.io", authentication: "Biometric")
                let biden = try await DoorTests.guest(client, event: event, key: env.keyA, email: "biden@x.io", authentication: "Both")
                let plain = try await DoorTests.guest(client, event: event, key: env.keyA, email: "plain@x.io")
                try await client.upload(.put, "/invites/\(obama.id)/face", key: env.keyA, photo: FaceFixtures.photo("obama.jpg"))

                // Both: the code with no enrolled face is a mismatch; the code alone asks for a face.
                #expect(try await DoorTests.scan(client, event: event, key: env.keyA, code: biden.code, photo: "biden.jpg")["reason"] == "face_mismatch")
                #expect(try await DoorTests.scan(client, event: event, key: env.keyA, code: biden.code)["reason"] == "biometric_required")
                try await client.upload(.put, "/invites/\(biden.id)/face", key: env.keyA, photo: FaceFixtures.photo("biden.jpg"))
                // Both: the code with someone else's face is refused, with the distance; a photo alone asks for the code.
                #expect(try await DoorTests.scan(client, event: event, key: env.keyA, code: biden.code, photo: "obama2.jpg")["reason"] == "face_mismatch")
                #expect(try await DoorTests.scan(client, event: event, key: env.keyA, photo: "biden.jpg")["reason"] == "code_required")
                let bothIn = try await DoorTests.scan(client, event: event, key: env.keyA, code: biden.code, photo: "biden.jpg")
                #expect(bothIn["result"] == "ok")
                #expect(bothIn["invite"]?["id"] == .string(biden.id))

                // Biometric: a photo alone finds the person and lets them in, once.
                let faceIn = try await DoorTests.scan(client, event: event, key: env.keyA, photo: "obama2.jpg")
                #expect(faceIn["result"] == "ok")
                #expect(faceIn["invite"]?["id"] == .string(obama.id))
                #expect(try await DoorTests.scan(client, event: event, key: env.keyA, photo: "obama3.jpg")["reason"] == "already_checked_in")
                // A photo with no face, and a QR-code invite's photo alone.
                let qr = try await client.call(.get, "/invites/\(plain.id)/qr", key: env.keyA)
                let faceless = try await client.call(
                    .post, "/events/\(event)/checkins", key: env.keyA,
                    body: #"{"type":"entry","face_image":"\#(Data(qr.body.readableBytesView).base64EncodedString())"}"#
                )
                #expect(faceless.json["reason"] == "no_face")
                // The QR-code invite still enters on its code; a photo beside it changes nothing.
                #expect(try await DoorTests.scan(client, event: event, key: env.keyA, code: plain.code, photo: "biden.jpg")["result"] == "ok")

                // Neither code nor photo is a client error, and an undecodable photo too.
                let empty = try await client.call(.post, "/events/\(event)/checkins", key: env.keyA, body: #"{"type":"entry"}"#)
                #expect(empty.status == .unprocessableContent)
                #expect(empty.json == ["detail": "Either code, image or face_image is required"])
                let bad = try await client.call(.post, "/events/\(event)/checkins", key: env.keyA, body: #"{"face_image":"@@@"}"#)
                #expect(bad.json == ["detail": "The image is not a JPEG or PNG that can be read"])

                // The ledger keeps every face decision with its method and distance.
                let ledger = try await client.call(.get, "/events/\(event)/checkins", key: env.keyA).json["items"]?.arrayValue ?? []
                let decisions = ledger.reversed().map { entry in
                    "\(entry["method"]?.stringValue ?? "?") \(entry["reason"]?.stringValue ?? "ok") \(entry["face_distance"] == .null ? "-" : "d")"
                }
                #expect(decisions == [
                    "qr_face face_mismatch -", "qr biometric_required -", "qr_face face_mismatch d", "face code_required d",
                    "qr_face ok d", "face ok d", "face already_checked_in d", "face no_face -", "qr ok -",
                ])
                // Oldest first: obama2 against Biden's face, then Biden's own photo twice (distance 0), then Obama's.
                let distances = ledger.reversed().compactMap { $0["face_distance"]?.doubleValue }
                try #require(distances.count == 5)
                #expect(distances[0] > 0.6)
                #expect(distances[1...].allSatisfy { $0 >= 0 && $0 < 0.6 }, "\(distances)")
            }
        }
    }
}
