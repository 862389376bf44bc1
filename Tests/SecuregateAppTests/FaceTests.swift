import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecuregateAPI
import SecuregateApp
import SecuregateCore
import SecuregateTestSupport
import Testing

/// Faces through the real app, with the real models and photos: enrollment, identification, privacy.
@Suite(.enabled(if: FaceFixtures.available))
struct FaceTests {
    static func environment<T>(
        _ backend: StoreBackend, allowPrivateImageURLs: Bool = false, _ body: (TestEnvironment) async throws -> T
    ) async throws -> T {
        let engine = try #require(FacePhotos.engine)
        return try await TestEnvironment.with(backend, faceEngine: engine, allowPrivateImageURLs: allowPrivateImageURLs, body)
    }

    /// Creates an event with one invite per email; returns the event id and the invite ids in order.
    static func invitees(_ client: any TestClientProtocol, key: String, emails: [String], authentication: String = "Biometric") async throws -> (String, [String]) {
        let now = Int(TestEnvironment.start.timeIntervalSince1970)
        let event = try await client.createEvent(key: key, start: now + 1800, end: now + 7200)
        let invites = try await client.call(
            .post, "/events/\(event)/invites?notify=0", key: key, body: Payload.invites(emails, authentication: authentication)
        ).json.arrayValue
        return (event, invites.map { $0["id"]?.stringValue ?? "" })
    }

    @Test func imageBombsAreRefusedWithA422() async throws {
        try await Self.environment(.sqlite) { env in
            try await env.withClient { client in
                let (event, _) = try await Self.invitees(client, key: env.keyA, emails: ["obama@x.io"])
                let bomb = ImageBombs.png(width: 20_000, height: 20_000)
                let refused = try await client.upload(.post, "/identity?event_id=\(event)", key: env.keyA, photo: bomb, contentType: "image/png")
                #expect(refused.status == .unprocessableContent)
                #expect(refused.json == ["detail": "The image is 20000x20000 pixels; at most 50000000 pixels are accepted"])
            }
        }
    }

    /// An engine whose workers are all busy, with a full line in front of them.
    struct BusyEngine: FaceEngine {
        func faces(in image: Data) async throws -> [DetectedFace] { throw FaceEngineError.busy }
    }

    @Test func aFullFaceQueueIsA503WithRetryAfter() async throws {
        try await TestEnvironment.with(.sqlite, faceEngine: BusyEngine()) { env in
            try await env.withClient { client in
                let (event, _) = try await Self.invitees(client, key: env.keyA, emails: ["obama@x.io"])
                let busy = try await client.upload(.post, "/identity?event_id=\(event)", key: env.keyA, photo: FaceFixtures.photo("obama2.jpg"))
                #expect(busy.status == .serviceUnavailable)
                #expect(busy.headers[.retryAfter] == "1")
                #expect(busy.json == ["detail": "Face identification is busy; retry shortly"])
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func enrollmentNeedsExactlyOneFace(_ backend: StoreBackend) async throws {
        try await Self.environment(backend) { env in
            try await env.withClient { client in
                let (_, ids) = try await Self.invitees(client, key: env.keyA, emails: ["obama@x.io"])
                let uri = "/invites/\(ids[0])/face"
                let enrolled = try await client.upload(.put, uri, key: env.keyA, photo: FaceFixtures.photo("obama.jpg"))
                #expect(enrolled.status == .ok)
                #expect(enrolled.json == [
                    "invite_id": .string(ids[0]), "event_id": enrolled.json["event_id"] ?? .null, "source": "upload",
                    "enrolled_at": "2026-01-01T00:00:00Z", "photo_kept": false,
                ])
                // A QR code has no face in it.
                let qr = try await client.call(.get, "/invites/\(ids[0])/qr", key: env.keyA)
                let noFace = try await client.upload(.put, uri, key: env.keyA, photo: Data(qr.body.readableBytesView), contentType: "image/png")
                #expect(noFace.status == .unprocessableContent)
                #expect(noFace.json == ["detail": "No face found in the image"])
                let two = try await client.upload(.put, uri, key: env.keyA, photo: FacePhotos.twoPeople(), contentType: "image/png")
                #expect(two.status == .unprocessableContent)
                #expect(two.json == ["detail": "Found 2 faces in the image; a reference photo must show exactly one"])
                let garbage = try await client.upload(.put, uri, key: env.keyA, photo: Data("GIF89a not really".utf8))
                #expect(garbage.status == .unprocessableContent)
                #expect(garbage.json == ["detail": "The image is not a JPEG or PNG that can be read"])
                let none = try await client.call(.put, uri, key: env.keyA)
                #expect(none.status == .unprocessableContent)
                #expect(none.json == ["detail": "Send a JPEG or PNG photo as the body, or set the invite's image URL"])
                // The failed attempts left the first enrollment as it was.
                let kept = try await client.call(.get, uri, key: env.keyA)
                #expect(kept.status == .ok)
                #expect(kept.json["source"] == "upload")
                // Another account sees nothing of it.
                #expect(try await client.call(.get, uri, key: env.keyB).json == ["detail": "Invite not found"])
                #expect(try await client.upload(.put, uri, key: env.keyB, photo: FaceFixtures.photo("obama.jpg")).status == .notFound)
                #expect(try await client.call(.delete, uri, key: env.keyB).status == .notFound)
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func identifiesTheRightPersonAmongSeveral(_ backend: StoreBackend) async throws {
        try await Self.environment(backend) { env in
            try await env.withClient { client in
                let (event, ids) = try await Self.invitees(client, key: env.keyA, emails: ["obama@x.io", "biden@x.io"])
                try await client.upload(.put, "/invites/\(ids[0])/face", key: env.keyA, photo: FaceFixtures.photo("obama.jpg"))
                try await client.upload(.put, "/invites/\(ids[1])/face", key: env.keyA, photo: FaceFixtures.photo("biden.jpg"))
                env.time.advance(by: 60)
                let found = try await client.upload(.post, "/identity?event_id=\(event)", key: env.keyA, photo: FaceFixtures.photo("obama2.jpg"))
                #expect(found.status == .ok)
                let session = found.json
                #expect(session["userInfo"] == [
                    "email": "obama@x.io", "userId": .string(ids[0]), "name": "First0 Last", "phone": "77009000", "countryCode": "+44",
                ])
                #expect(session.objectValue?.members.map(\.key) == ["userInfo", "authentication", "kyc", "status", "qrId", "activities", "metadata", "visitedOrder"])
                let step = session["authentication"]?.arrayValue.first
                #expect(step?["data"]?["actionId"] == "facialRecognition")
                #expect(step?["data"]?["status"] == "completed")
                let distance = try #require(step?["data"]?["data"]?["distance"]?.doubleValue)
                #expect(distance > 0.2 && distance < 0.6)
                let invite = try await client.call(.get, "/invites/\(ids[0])", key: env.keyA).json
                #expect(session["qrId"] == invite["session_code"])
                #expect(invite["last_seen"] == "2026-01-01T00:01:00Z")
                // Biden's photo finds Biden.
                let biden = try await client.upload(.post, "/identity?event_id=\(event)", key: env.keyA, photo: FaceFixtures.photo("biden.jpg"))
                #expect(biden.json["userInfo"]?["userId"] == .string(ids[1]))
                // Descriptors never leave the server.
                #expect(!String(buffer: found.body).contains("descriptor"))
                // Another account's event is not found, even with a matching face.
                let other = try await client.upload(.post, "/identity?event_id=\(event)", key: env.keyB, photo: FaceFixtures.photo("obama2.jpg"))
                #expect(other.json == ["detail": "Event not found"])
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func noMatchNoFaceAndErasure(_ backend: StoreBackend) async throws {
        try await Self.environment(backend) { env in
            try await env.withClient { client in
                let (event, ids) = try await Self.invitees(client, key: env.keyA, emails: ["biden@x.io", "obama@x.io"])
                try await client.upload(.put, "/invites/\(ids[0])/face", key: env.keyA, photo: FaceFixtures.photo("biden.jpg"))
                let uri = "/identity?event_id=\(event)"
                let stranger = try await client.upload(.post, uri, key: env.keyA, photo: FaceFixtures.photo("obama2.jpg"))
                #expect(stranger.status == .notFound)
                #expect(stranger.json == ["detail": "No matching invitee"])
                let qr = try await client.call(.get, "/invites/\(ids[0])/qr", key: env.keyA)
                let faceless = try await client.upload(.post, uri, key: env.keyA, photo: Data(qr.body.readableBytesView), contentType: "image/png")
                #expect(faceless.status == .unprocessableContent)
                #expect(faceless.json == ["detail": "No face found in the image"])
                // Enrolling Obama now makes his photo match: the in-memory index follows the store.
                try await client.upload(.put, "/invites/\(ids[1])/face", key: env.keyA, photo: FaceFixtures.photo("obama.jpg"))
                #expect(try await client.upload(.post, uri, key: env.keyA, photo: FaceFixtures.photo("obama2.jpg")).status == .ok)
                // Erased, he is a stranger again; erasing twice is not an error.
                let erased = try await client.call(.delete, "/invites/\(ids[1])/face", key: env.keyA)
                #expect(erased.json == ["invite_id": .string(ids[1]), "erased": true])
                #expect(try await client.call(.delete, "/invites/\(ids[1])/face", key: env.keyA).json["erased"] == false)
                #expect(try await client.call(.get, "/invites/\(ids[1])/face", key: env.keyA).json == ["detail": "Face not enrolled"])
                #expect(try await client.upload(.post, uri, key: env.keyA, photo: FaceFixtures.photo("obama2.jpg")).status == .notFound)
                // Without a photo, the vendor's required `image_url` is reported as pydantic does.
                let missing = try await client.call(.post, uri, key: env.keyA)
                #expect(missing.status == .unprocessableContent)
                #expect(missing.json == ["detail": [["type": "missing", "loc": ["query", "image_url"], "msg": "Field required", "input": .null]]])
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func deletedEventsLoseTheirFacesAfterTheRetention(_ backend: StoreBackend) async throws {
        let engine = try #require(FacePhotos.engine)
        try await TestEnvironment.with(backend, faceEngine: engine, faceSettings: FaceSettings(retentionAfterDelete: 3600)) { env in
            try await env.withClient { client in
                let (event, ids) = try await Self.invitees(client, key: env.keyA, emails: ["obama@x.io"])
                let (_, keptIDs) = try await Self.invitees(client, key: env.keyA, emails: ["obama@x.io"])
                try await client.upload(.put, "/invites/\(ids[0])/face", key: env.keyA, photo: FaceFixtures.photo("obama.jpg"))
                try await client.upload(.put, "/invites/\(keptIDs[0])/face", key: env.keyA, photo: FaceFixtures.photo("obama.jpg"))
                try await client.call(.delete, "/events/\(event)", key: env.keyA)
                // An archived event takes no new faces.
                let late = try await client.upload(.put, "/invites/\(ids[0])/face", key: env.keyA, photo: FaceFixtures.photo("obama.jpg"))
                #expect(late.json == ["detail": "Event is archived"])
                env.time.advance(by: 3599)
                #expect(try await env.services.faces.eraseExpired() == 0)
                env.time.advance(by: 1)
                #expect(try await env.services.faces.eraseExpired() == 1)
                #expect(try await client.call(.get, "/invites/\(ids[0])/face", key: env.keyA).json == ["detail": "Face not enrolled"])
                #expect(try await client.call(.get, "/invites/\(keptIDs[0])/face", key: env.keyA).status == .ok)
            }
        }
    }
}

/// A server without face models: runs whether or not the models are installed here.
struct FaceWithoutModelsTests {
    @Test("without models every face operation answers 503")
    func notConfigured() async throws {
        try await TestEnvironment.with(.sqlite) { env in
            try await env.withClient { client in
                let (event, ids) = try await FaceTests.invitees(client, key: env.keyA, emails: ["obama@x.io"])
                let photo = Data([0xFF, 0xD8, 0xFF])
                for response in [
                    try await client.upload(.put, "/invites/\(ids[0])/face", key: env.keyA, photo: photo),
                    try await client.upload(.post, "/identity?event_id=\(event)", key: env.keyA, photo: photo),
                    try await client.call(.post, "/identity?event_id=\(event)&image_url=https://example.com/a.jpg", key: env.keyA),
                ] {
                    #expect(response.status == .serviceUnavailable)
                    #expect(response.json == ["detail": "Face identification is not configured"])
                }
            }
        }
    }
}

extension JSONValue {
    var doubleValue: Double? {
        switch self {
        case .float(let value): value
        case .int(let value): Double(value)
        default: nil
        }
    }
}
