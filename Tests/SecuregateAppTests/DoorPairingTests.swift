import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecuregateAPI
import SecuregateStore
import SecuregateTestSupport
import Testing

/// Pairing a door device from its one-time link, scanning with the `/door` form as that device, and revoking it.
struct DoorPairingTests {
    /// Sends a page request, with the device's cookie when it has one and the browser's `Sec-Fetch-Site`.
    static func page(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, cookie: String? = nil, form: String? = nil,
        body: ByteBuffer? = nil, json: Bool = false
    ) async throws -> TestResponse {
        var headers: HTTPFields = [HTTPField.Name("Sec-Fetch-Site")!: "same-origin"]
        if let cookie { headers[.cookie] = cookie }
        if form != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        if json { headers[.accept] = "application/json" }
        return try await client.execute(uri: path, method: method, headers: headers, body: body ?? form.map { ByteBuffer(string: $0) }) { $0 }
    }

    @Test(arguments: StoreBackend.available)
    func aDeviceIsPairedOnceScansAsItsDoorAndIsRevoked(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await DoorTests.openEvent(client, key: env.keyA)
                let ada = try await DoorTests.guest(client, event: event, key: env.keyA, email: "ada@x.io")
                let made = try await client.call(.post, "/events/\(event)/doors", key: env.keyA, body: #"{"gate":" north "}"#)
                #expect(made.status == .ok && made.json["gate"] == "north" && made.json["paired_at"] == .null)
                let url = try #require(made.json["pairing_url"]?.stringValue)
                #expect(url.hasPrefix("http://127.0.0.1:8080/door/pair/"))
                #expect(made.json["pairing_qr_svg"]?.stringValue?.hasPrefix("<svg") == true)
                let path = String(url.dropFirst("http://127.0.0.1:8080".count))

                // Opening the link shows a button; pressing it pairs and sets the cookie, once.
                let offer = try await Self.page(client, .get, path)
                #expect(offer.status == .ok && String(buffer: offer.body).contains(">Pair this device</button>"))
                let paired = try await Self.page(client, .post, path)
                #expect(paired.status == .seeOther && paired.headers[.location] == "/door")
                let setCookie = try #require(paired.headers[.setCookie])
                for attribute in ["HttpOnly", "SameSite=Strict", "Path=/door"] { #expect(setCookie.contains(attribute), "\(attribute)") }
                let cookie = String(setCookie.split(separator: ";")[0])
                let again = try await Self.page(client, .post, path)
                #expect(again.status == .notFound && String(buffer: again.body).contains("Pairing link used or expired"))

                // The door page, then a code typed and Enter: green with the name; again: red, already checked in.
                let door = try await Self.page(client, .get, "/door", cookie: cookie)
                #expect(door.status == .ok && String(buffer: door.body).contains("Gate north"))
                #expect(String(buffer: door.body).contains("Inside <strong data-inside>0</strong> · accepted <strong data-accepted>1</strong>"))
                let nonce = String(buffer: door.body).firstMatch(of: /name="nonce" value="([^"]+)"/).map { String($0.1) } ?? ""
                let entered = try await Self.page(client, .post, "/door/scan", cookie: cookie, form: "nonce=\(nonce)&code=\(ada.code)&type=entry")
                let html = String(buffer: entered.body)
                #expect(entered.status == .ok && html.contains("answer-ok") && html.contains("First0 Last"), "\(html)")
                #expect(html.contains("Inside <strong>1</strong> · accepted <strong>1</strong>"), "the counts after the entry")
                #expect(html.contains(#"<noscript><meta http-equiv="refresh" content="2;url=/door?type=entry"></noscript>"#))
                #expect(html.contains(#"data-back="/door?type=entry""#))
                let repeated = try await Self.page(client, .post, "/door/scan", cookie: cookie, form: "nonce=other&code=\(ada.code)&type=entry")
                #expect(String(buffer: repeated.body).contains(", north gate."), "\(String(buffer: repeated.body))")
                // The same form sent twice (a double tap) is the same scan: its first answer, nothing new in the ledger.
                let twice = try await Self.page(client, .post, "/door/scan", cookie: cookie, form: "nonce=\(nonce)&code=\(ada.code)&type=entry")
                #expect(String(buffer: twice.body).contains("answer-ok"))
                let ledger = try await client.call(.get, "/events/\(event)/checkins", key: env.keyA).json["items"]?.arrayValue ?? []
                #expect(ledger.count == 2 && ledger.allSatisfy { $0["gate"] == "north" })

                // The page's script asks for JSON: the state, the invite, and the answer's HTML from the same template.
                let scripted = try await Self.page(client, .post, "/door/scan", cookie: cookie, form: "nonce=js1&code=\(ada.code)&type=entry", json: true)
                let answer = try PythonJSONParser.parse(Array(scripted.body.readableBytesView))
                #expect(scripted.headers[.contentType] == "application/json")
                #expect(answer["state"] == "refused" && answer["invite_id"] == .string(ada.id) && answer["code"] == .null)
                #expect(answer["html"]?.stringValue?.contains("Already checked in at ") == true, "\(answer)")
                // A camera frame as the body: a frame of nothing is no scan and says nothing; one with a code leaves.
                let nothing = try await Self.page(client, .post, "/door/frame?type=entry&nonce=f1", cookie: cookie, body: ByteBuffer(bytes: try await CameraFrames.frame(codes: [])))
                #expect(try PythonJSONParser.parse(Array(nothing.body.readableBytesView)) == ["state": "none", "invite_id": nil, "code": nil, "html": ""])
                let exit = try await CameraFrames.frame(codes: [.init(text: ada.code, angle: 15)])
                let left = try await Self.page(client, .post, "/door/frame?type=exit&nonce=f2", cookie: cookie, body: ByteBuffer(bytes: exit))
                let leftAnswer = try PythonJSONParser.parse(Array(left.body.readableBytesView))
                #expect(leftAnswer["state"] == "ok" && leftAnswer["html"]?.stringValue?.contains("Goodbye") == true, "\(leftAnswer)")
                let junk = try await Self.page(client, .post, "/door/frame?type=entry", cookie: cookie, body: ByteBuffer(string: "not a picture"))
                #expect(junk.status == .unprocessableContent)
                let foreign = try await client.execute(
                    uri: "/door/frame", method: .post, headers: [.cookie: cookie, HTTPField.Name("Sec-Fetch-Site")!: "cross-site"], body: ByteBuffer(bytes: exit)
                ) { $0 }
                #expect(foreign.status == .forbidden, "another site's script cannot scan as this door")
                #expect(try await Self.page(client, .post, "/door/frame", body: ByteBuffer(bytes: exit)).status == .unauthorized)
                #expect(try await client.call(.get, "/events/\(event)/checkins", key: env.keyA).json["items"]?.arrayValue.count == 4)

                // The organizer sees the device paired and seen; the device's key is a door key; revoked, it must pair again.
                let listed = try await client.call(.get, "/events/\(event)/doors", key: env.keyA).json.arrayValue
                #expect(listed.count == 1 && listed[0]["paired_at"] != .null && listed[0]["last_seen_at"] != .null)
                let doorID = listed[0]["id"]?.stringValue ?? ""
                // A page load is not a write each time: the last sighting moves once a minute at most.
                let firstSeen = listed[0]["last_seen_at"]
                env.time.advance(by: 30)
                _ = try await Self.page(client, .get, "/door", cookie: cookie)
                #expect(try await client.call(.get, "/events/\(event)/doors", key: env.keyA).json.arrayValue[0]["last_seen_at"] == firstSeen)
                env.time.advance(by: 31)
                _ = try await Self.page(client, .get, "/door", cookie: cookie)
                let later = try await client.call(.get, "/events/\(event)/doors", key: env.keyA).json.arrayValue[0]["last_seen_at"]
                #expect(later != firstSeen && later != .null, "seen again after a minute")
                let deviceKey = String(cookie.dropFirst("securegate_door=".count))
                #expect(try await client.call(.get, "/events", key: deviceKey).status == .forbidden, "a checkin key")
                #expect(try await client.call(.delete, "/events/\(event)/doors/\(doorID)", key: env.keyB).status == .notFound)
                #expect(try await client.call(.get, "/events/\(event)/doors", key: env.keyB).status == .notFound)
                let revoked = try await client.call(.delete, "/events/\(event)/doors/\(doorID)", key: env.keyA)
                #expect(revoked.status == .ok && revoked.json["revoked_at"] != .null)
                let gone = try await Self.page(client, .get, "/door", cookie: cookie)
                #expect(gone.status == .unauthorized && String(buffer: gone.body).contains("This device is not a door"))
                #expect(try await client.call(.get, "/events/\(event)/checkins", key: deviceKey).status == .unauthorized)
                #expect(try await Self.page(client, .get, "/door").status == .unauthorized, "no cookie, no door")
            }
        }
    }

    @Test func anExpiredLinkAGateThatIsNotOneAndAnotherSitesForm() async throws {
        try await TestEnvironment.with(.sqlite) { env in
            try await env.withClient { client in
                let event = try await DoorTests.openEvent(client, key: env.keyA)
                let made = try await client.call(.post, "/events/\(event)/doors", key: env.keyA, body: #"{"gate":"east"}"#)
                let path = String((made.json["pairing_url"]?.stringValue ?? "").dropFirst("http://127.0.0.1:8080".count))
                let blank = try await client.call(.post, "/events/\(event)/doors", key: env.keyA, body: #"{"gate":"  "}"#)
                #expect(blank.status == .unprocessableContent && blank.json == ["detail": "gate must be 1 to 64 characters"])
                #expect(try await client.call(.post, "/events/evt_none/doors", key: env.keyA, body: #"{"gate":"a"}"#).status == .notFound)
                let foreign = try await client.execute(
                    uri: path, method: .post, headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"], body: nil
                ) { $0 }
                #expect(foreign.status == .forbidden, "another site cannot pair a device")
                env.time.advance(by: 15 * 60 + 1)
                let late = try await Self.page(client, .post, path)
                #expect(late.status == .notFound && late.headers[.setCookie] == nil, "the link lasts 15 minutes")
                #expect(try await client.call(.get, "/events/\(event)/doors", key: env.keyA).json.arrayValue.first?["paired_at"] == .null)
            }
        }
    }
}

/// The door page in Chromium: paired from its link; a code typed with Enter (as a scanner types it) answers
/// green with the name in place, the page comes back by itself, and the same code again answers red; the fake
/// camera playing a video of a QR code drawn by Debian's qrencode answers green, and so does a `Both` invite
/// whose code and enrolled face are in one frame; a scan by another device through the API moves the page's
/// counter within two seconds; a revoked device is sent back to pairing.
struct DoorPageBrowserTests {
    /// What the script is given: the links, codes, videos and keys of the scenes it plays.
    struct Scene: Encodable {
        var pairing: [String]
        var codes: [String: String]
        var videos: [String]
        var server: String
        var admin: String
        var device: String
        var event: String
        var shots: String
    }

    @Test(.enabled(if: FaceFixtures.available))
    func pairScanWithTheKeyboardAndTheCameraInABrowser() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-door-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = DatabaseURL.sqlite(path: directory.appendingPathComponent("door.db").path)
        let server = try await ServerProcess(database: url.description, arguments: ["--face-models", FaceFixtures.modelsDirectory])
        defer { server.process.terminate() }
        let admin = try await ServerProcess.createKey(account: "door", database: url.description)
        let device = try await ServerProcess.createKey(account: "door", scope: "checkin", database: url.description)
        let portrait = try FaceFixtures.photo("biden.jpg")
        let (event, codes, pairing) = try await blocking { () -> (String, [String: String], [String]) in
            let connection = try RawConnection(port: server.port)
            let now = Int(Date().timeIntervalSince1970)
            let event = try connection.request("POST", "/events", key: admin, body: Payload.event(start: now + 600, end: now + 7200))
            let eventID = try PythonJSONParser.parse(Array(event.body.utf8))["id"]?.stringValue ?? ""
            var codes: [String: String] = [:]
            for (name, method) in [("ada", "QR Code"), ("cam", "QR Code"), ("eve", "QR Code"), ("biden", "Both")] {
                let invites = try connection.request(
                    "POST", "/events/\(eventID)/invites?notify=0", key: admin, body: Payload.invites(["\(name)@x.io"], authentication: method)
                )
                let invite = try PythonJSONParser.parse(Array(invites.body.utf8)).arrayValue[0]
                let id = invite["id"]?.stringValue ?? ""
                _ = try connection.request("PUT", "/events/\(eventID)/invites/\(id)", key: admin, body: #"{"status":"accepted"}"#)
                if name == "biden" {
                    let enrolled = try connection.request("PUT", "/invites/\(id)/face", key: admin, data: portrait, contentType: "image/jpeg")
                    guard enrolled.status == 200 else { throw RawConnectionError.failed("enrolment: \(enrolled.body)") }
                }
                codes[name] = invite["session_code"]?.stringValue ?? ""
            }
            let links = try ["north", "south"].map { gate in
                let door = try connection.request("POST", "/events/\(eventID)/doors", key: admin, body: #"{"gate":"\#(gate)"}"#)
                return try PythonJSONParser.parse(Array(door.body.utf8))["pairing_url"]?.stringValue ?? ""
            }
            return (eventID, codes, links)
        }
        // The cameras' videos: cam's code drawn by qrencode on a plain scene; Biden's code in his own portrait.
        let qrVideo = directory.appendingPathComponent("qr.y4m")
        try await CameraFrames.video(
            of: try await CameraFrames.frame(codes: [.init(text: codes["cam"] ?? "", side: 200, angle: 8, x: 220, y: 140)], encoder: .qrencode), at: qrVideo
        )
        let bothVideo = directory.appendingPathComponent("both.y4m")
        try await CameraFrames.video(
            of: try await CameraFrames.frame(
                photo: "biden.jpg", codes: [.init(text: codes["biden"] ?? "", side: 150, x: 320, y: 470)], width: 480, height: 640, encoder: .qrencode
            ),
            at: bothVideo
        )
        let scene = Scene(
            pairing: pairing, codes: codes, videos: [qrVideo.path, bothVideo.path], server: "http://127.0.0.1:\(server.port)", admin: admin,
            device: device, event: event, shots: InviteePageBrowserTests.screenshots.path
        )
        let seen = try await InviteePageBrowserTests.drive("door_page", [String(decoding: try JSONEncoder().encode(scene), as: UTF8.self)])
        #expect(seen["after_pairing"] == "door" && seen["h1"] == ["Gate north"])
        #expect(seen["focused"] == "code", "the code field holds the focus")
        #expect(seen["cookie_visible_to_script"] == "", "the key is in an HTTP-only cookie")
        #expect(seen["first"]?["class"]?.stringValue?.contains("answer-ok") == true, "\(seen["first"] ?? .null)")
        #expect(seen["first"]?["text"]?.stringValue?.contains("First0 Last") == true, "\(seen["first"] ?? .null)")
        #expect(seen["first"]?["page_stayed"] == true, "answered in place")
        #expect((seen["back_after_seconds"]?.doubleValue ?? 0) >= 1.5 && (seen["back_after_seconds"]?.doubleValue ?? 99) < 4)
        #expect(seen["second"]?["class"]?.stringValue?.contains("answer-refused") == true)
        #expect(seen["escape_dismissed"] == true, "Escape dismisses the answer at once")
        #expect(seen["second"]?["text"]?.stringValue?.contains(", north gate.") == true, "\(seen["second"] ?? .null)")
        #expect(seen["signals"]?["vibrations"] == [80, [150, 80, 150]] && seen["signals"]?["tones"] == 3, "a short buzz and two rising tones, then a long one and a low tone")
        #expect(seen["camera"]?["class"]?.stringValue?.contains("answer-ok") == true, "\(seen["camera"] ?? .null)")
        #expect(seen["camera"]?["text"]?.stringValue?.contains("Recognised by their QR code.") == true, "\(seen["camera"] ?? .null)")
        #expect(seen["both"]?["class"]?.stringValue?.contains("answer-ok") == true, "\(seen["both"] ?? .null)")
        #expect(seen["both"]?["text"]?.stringValue?.contains("Recognised by their QR code and their face.") == true, "\(seen["both"] ?? .null)")
        let latency = seen["counter_latency_ms"]?.doubleValue ?? .infinity
        #expect(seen["counter_moved"] == true && latency < 2000, "the counter moved \(latency) ms after the API's answer")
        #expect(seen["revoked_h1"] == ["This device is not a door"], "\(seen["revoked_h1"] ?? .null)")
        #expect(seen["link_again"] == ["Pairing link used or expired"])
        for page in ["pair", "door", "answer", "camera"] {
            #expect(seen["accessibility"]?[page] == [], "\(page): \(seen["accessibility"]?[page] ?? .null)")
            #expect(seen["overflow_320"]?[page] == false, "\(page) fits 320 px")
        }
        print("door page: scan to counter \(Int(latency)) ms; camera code read in \(seen["camera"]?["seconds"]?.doubleValue ?? -1) s, code and face in \(seen["both"]?["seconds"]?.doubleValue ?? -1) s")
        try await server.stop(with: SIGTERM)
    }
}
