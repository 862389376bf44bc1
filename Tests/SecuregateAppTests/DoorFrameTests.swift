import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecuregateAPI
import SecuregateTestSupport
import Testing

/// `POST /events/{event_id}/checkins` with a camera frame (`image`) in place of the code: the server reads the
/// QR code in it, and for `Both` and `Biometric` invites the face in the same frame. A frame with neither, or
/// with two codes, is answered but is not a scan: the ledger does not change.
struct DoorFrameTests {
    /// Scans `frame` at the north gate; returns the answer's body.
    static func scan(_ client: any TestClientProtocol, event: String, key: String, frame: Data, nonce: String? = nil) async throws -> JSONValue {
        var fields = [#""type":"entry""#, #""gate":"north""#, #""image":"\#(frame.base64EncodedString())""#]
        if let nonce { fields.append(#""nonce":"\#(nonce)""#) }
        let response = try await client.call(.post, "/events/\(event)/checkins", key: key, body: "{" + fields.joined(separator: ",") + "}")
        #expect(response.status == .ok, "\(response.json)")
        return response.json
    }

    /// The event's ledger, oldest first, as "method reason" ("ok" for a scan let in).
    static func ledger(_ client: any TestClientProtocol, event: String, key: String) async throws -> [String] {
        (try await client.call(.get, "/events/\(event)/checkins", key: key).json["items"]?.arrayValue ?? [])
            .reversed().map { "\($0["method"]?.stringValue ?? "?") \($0["reason"]?.stringValue ?? "ok")" }
    }

    /// How many scans the event's ledger holds.
    static func ledgerCount(_ client: any TestClientProtocol, event: String, key: String) async throws -> Int {
        try await client.call(.get, "/events/\(event)/checkins", key: key).json["items"]?.arrayValue.count ?? -1
    }

    @Test(arguments: StoreBackend.available)
    func aFrameIsReadLikeItsCode(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await DoorTests.openEvent(client, key: env.keyA)
                let ada = try await DoorTests.guest(client, event: event, key: env.keyA, email: "ada@x.io")
                let bob = try await DoorTests.guest(client, event: event, key: env.keyA, email: "bob@x.io")
                let frame = try await CameraFrames.frame(codes: [.init(text: ada.code, side: 180, angle: 20, x: 220, y: 120)])
                let entered = try await Self.scan(client, event: event, key: env.keyA, frame: frame)
                #expect(entered["result"] == "ok" && entered["invite"]?["id"] == .string(ada.id))
                #expect(try await Self.scan(client, event: event, key: env.keyA, frame: frame)["reason"] == "already_checked_in")
                let ledger = try await client.call(.get, "/events/\(event)/checkins", key: env.keyA).json["items"]?.arrayValue ?? []
                #expect(ledger.first?["code"] == .string(ada.code) && ledger.first?["method"] == "qr", "the ledger has the code read")
                #expect(ledger.count == 2)

                // A frame of nothing, and a frame with two people's codes: answered, not scans.
                let empty = try await Self.scan(client, event: event, key: env.keyA, frame: try await CameraFrames.frame(codes: []))
                #expect(empty == ["result": "refused", "reason": "no_code", "invite": nil, "checked_in_at": nil, "checked_in_gate": nil])
                let two = try await CameraFrames.frame(codes: [.init(text: ada.code, x: 20, y: 20), .init(text: bob.code, x: 380, y: 240)])
                #expect(try await Self.scan(client, event: event, key: env.keyA, frame: two)["reason"] == "ambiguous_code")
                #expect(try await Self.ledgerCount(client, event: event, key: env.keyA) == 2, "frames without one code are not in the ledger")

                // Another account's code in a frame is unknown here; bytes that are no picture are refused.
                let bad = try await client.call(.post, "/events/\(event)/checkins", key: env.keyA, body: #"{"image":"bm90IGEgcGljdHVyZQ=="}"#)
                #expect(bad.status == .unprocessableContent && bad.json == ["detail": "The image is not a JPEG or PNG that can be read"])
                let unknown = try await CameraFrames.frame(codes: [.init(text: "NOTANYCODE12")])
                #expect(try await Self.scan(client, event: event, key: env.keyA, frame: unknown)["reason"] == "unknown_code")
            }
        }
    }

    @Test(.enabled(if: FaceFixtures.available), arguments: StoreBackend.available)
    func oneLookChecksTheCodeAndTheFace(_ backend: StoreBackend) async throws {
        try await FaceTests.environment(backend) { env in
            try await env.withClient { client in
                let event = try await DoorTests.openEvent(client, key: env.keyA)
                let biden = try await DoorTests.guest(client, event: event, key: env.keyA, email: "biden@x.io", authentication: "Both")
                let obama = try await DoorTests.guest(client, event: event, key: env.keyA, email: "obama@x.io", authentication: "Biometric")
                try await client.upload(.put, "/invites/\(biden.id)/face", key: env.keyA, photo: FaceFixtures.photo("biden.jpg"))
                try await client.upload(.put, "/invites/\(obama.id)/face", key: env.keyA, photo: FaceFixtures.photo("obama.jpg"))
                // Biden's code held up beside someone else's face: refused; beside his own: in, by code and face.
                let wrongFace = try await CameraFrames.frame(
                    photo: "obama2.jpg", codes: [.init(text: biden.code, side: 150, x: 320, y: 470)], width: 480, height: 640
                )
                #expect(try await Self.scan(client, event: event, key: env.keyA, frame: wrongFace)["reason"] == "face_mismatch")
                let own = try await CameraFrames.frame(
                    photo: "biden.jpg", codes: [.init(text: biden.code, side: 150, x: 320, y: 470)], width: 480, height: 640
                )
                let both = try await Self.scan(client, event: event, key: env.keyA, frame: own)
                #expect(both["result"] == "ok" && both["invite"]?["id"] == .string(biden.id), "\(both)")
                // A Biometric invite needs no code: the face in the frame is enough.
                let face = try await CameraFrames.frame(photo: "obama3.jpg", codes: [], width: 480, height: 640)
                let faceIn = try await Self.scan(client, event: event, key: env.keyA, frame: face)
                #expect(faceIn["result"] == "ok" && faceIn["invite"]?["id"] == .string(obama.id), "\(faceIn)")
                // Neither code nor face, with faces on: still not a scan.
                #expect(try await Self.scan(client, event: event, key: env.keyA, frame: try await CameraFrames.frame(codes: []))["reason"] == "no_code")
                let methods = try await Self.ledger(client, event: event, key: env.keyA)
                #expect(methods == ["qr_face face_mismatch", "qr_face ok", "face ok"])
            }
        }
    }

    @Test(.enabled(if: FaceFixtures.available), arguments: StoreBackend.available)
    func aCodeWhoseFaceIsStillToComeAndPassersByAreNotScans(_ backend: StoreBackend) async throws {
        try await FaceTests.environment(backend) { env in
            try await env.withClient { client in
                let event = try await DoorTests.openEvent(client, key: env.keyA)
                let biden = try await DoorTests.guest(client, event: event, key: env.keyA, email: "biden@x.io", authentication: "Both")
                let pending = try await DoorTests.guest(
                    client, event: event, key: env.keyA, email: "carol@x.io", status: "pending", authentication: "Both"
                )
                try await client.upload(.put, "/invites/\(biden.id)/face", key: env.keyA, photo: FaceFixtures.photo("biden.jpg"))
                // Biden's code alone: the door waits for his face, and nothing is in the ledger yet.
                let codeOnly = try await Self.scan(client, event: event, key: env.keyA, frame: try await CameraFrames.frame(codes: [.init(text: biden.code)]))
                #expect(codeOnly["reason"] == "no_face" && codeOnly["invite"]?["id"] == .string(biden.id), "\(codeOnly)")
                #expect(try await Self.ledgerCount(client, event: event, key: env.keyA) == 0)
                // The face step: the code read before, and a frame with his face (no code in it).
                let face = try await CameraFrames.frame(photo: "biden.jpg", codes: [], width: 480, height: 640)
                let step = try await client.call(
                    .post, "/events/\(event)/checkins", key: env.keyA,
                    body: #"{"code":"\#(biden.code)","image":"\#(face.base64EncodedString())"}"#
                )
                #expect(step.json["result"] == "ok" && step.json["invite"]?["id"] == .string(biden.id), "\(step.json)")
                // A code refused for something else is a scan, face or not.
                let notAccepted = try await Self.scan(client, event: event, key: env.keyA, frame: try await CameraFrames.frame(codes: [.init(text: pending.code)]))
                #expect(notAccepted["reason"] == "not_accepted")
                let methods = try await Self.ledger(client, event: event, key: env.keyA)
                #expect(methods == ["qr_face ok", "qr_face not_accepted"])

                // An event with no enrolled face: a face alone is a passer-by, not a refusal.
                let plain = try await DoorTests.openEvent(client, key: env.keyA)
                let passerBy = try await Self.scan(client, event: plain, key: env.keyA, frame: face)
                #expect(passerBy["reason"] == "no_code")
                #expect(try await Self.ledgerCount(client, event: plain, key: env.keyA) == 0)
            }
        }
    }

    @Test func eachDeviceSendsAtMostItsAllowanceOfFrames() async throws {
        try await TestEnvironment.with(.sqlite) { env in
            try await env.withClient { client in
                let event = try await DoorTests.openEvent(client, key: env.keyA)
                let frame = try await CameraFrames.frame(codes: [])
                let body = #"{"image":"\#(frame.base64EncodedString())"}"#
                var statuses: [Int] = []
                for _ in 0..<11 {
                    statuses.append(Int(try await client.call(.post, "/events/\(event)/checkins", key: env.keyA, body: body).status.code))
                }
                #expect(statuses == Array(repeating: 200, count: 10) + [429], "a burst of ten, then refused")
                let refused = try await client.call(.post, "/events/\(event)/checkins", key: env.keyA, body: body)
                #expect(refused.headers[.retryAfter] == "1")
                #expect(refused.json == ["detail": "Too many camera frames from this key; send fewer a second"])
                // Codes typed or scanned are not frames: they are not counted.
                #expect(try await client.call(.post, "/events/\(event)/checkins", key: env.keyA, body: #"{"code":"NOTANYCODE12"}"#).status == .ok)
                // Another device has its own allowance; this one's comes back at five frames a second.
                let other = try await DoorTests.openEvent(client, key: env.keyB)
                #expect(try await client.call(.post, "/events/\(other)/checkins", key: env.keyB, body: body).status == .ok)
                env.time.advance(by: 1)
                for _ in 0..<5 {
                    #expect(try await client.call(.post, "/events/\(event)/checkins", key: env.keyA, body: body).status == .ok)
                }
                #expect(try await client.call(.post, "/events/\(event)/checkins", key: env.keyA, body: body).status == .tooManyRequests)
            }
        }
    }
}
