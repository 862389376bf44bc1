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
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, cookie: String? = nil, form: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [HTTPField.Name("Sec-Fetch-Site")!: "same-origin"]
        if let cookie { headers[.cookie] = cookie }
        if form != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        return try await client.execute(uri: path, method: method, headers: headers, body: form.map { ByteBuffer(string: $0) }) { $0 }
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
                #expect(String(buffer: door.body).contains("Inside <strong>0</strong> · accepted <strong>1</strong>"))
                let nonce = String(buffer: door.body).firstMatch(of: /name="nonce" value="([^"]+)"/).map { String($0.1) } ?? ""
                let entered = try await Self.page(client, .post, "/door/scan", cookie: cookie, form: "nonce=\(nonce)&code=\(ada.code)&type=entry")
                let html = String(buffer: entered.body)
                #expect(entered.status == .ok && html.contains("answer-ok") && html.contains("First0 Last"), "\(html)")
                #expect(html.contains("Inside <strong>1</strong> · accepted <strong>1</strong>"), "the counts after the entry")
                #expect(html.contains(#"<noscript><meta http-equiv="refresh" content="2;url=/door?type=entry"></noscript>"#))
                #expect(html.contains(#"data-back="/door?type=entry""#))
                let repeated = try await Self.page(client, .post, "/door/scan", cookie: cookie, form: "nonce=other&code=\(ada.code)&type=entry")
                #expect(String(buffer: repeated.body).contains("Already checked in at "), "\(String(buffer: repeated.body))")
                // The same form sent twice (a double tap) is the same scan: its first answer, nothing new in the ledger.
                let twice = try await Self.page(client, .post, "/door/scan", cookie: cookie, form: "nonce=\(nonce)&code=\(ada.code)&type=entry")
                #expect(String(buffer: twice.body).contains("answer-ok"))
                let ledger = try await client.call(.get, "/events/\(event)/checkins", key: env.keyA).json["items"]?.arrayValue ?? []
                #expect(ledger.count == 2 && ledger.allSatisfy { $0["gate"] == "north" })

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

/// The door page in Chromium: paired from its link, a code typed with Enter (as a scanner types it) answers
/// green with the name, the page comes back by itself, and the same code again answers red.
struct DoorPageBrowserTests {
    @Test func pairThenScanTwiceInABrowser() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-door-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = DatabaseURL.sqlite(path: directory.appendingPathComponent("door.db").path)
        let server = try await ServerProcess(database: url.description)
        defer { server.process.terminate() }
        let key = try await ChildProcess.run(try ServerProcess.executable, ["keys", "create", "--account", "door", "--database", url.description])
        let admin = String(String(decoding: key.output, as: UTF8.self).split(separator: "\n").last ?? "")
        let (pairing, code) = try await blocking { () -> (String, String) in
            let connection = try RawConnection(port: server.port)
            let now = Int(Date().timeIntervalSince1970)
            let event = try connection.request("POST", "/events", key: admin, body: Payload.event(start: now + 600, end: now + 7200))
            let eventID = try PythonJSONParser.parse(Array(event.body.utf8))["id"]?.stringValue ?? ""
            let invites = try connection.request("POST", "/events/\(eventID)/invites?notify=0", key: admin, body: Payload.invites(["ada@x.io"]))
            let invite = try PythonJSONParser.parse(Array(invites.body.utf8)).arrayValue[0]
            _ = try connection.request("PUT", "/events/\(eventID)/invites/\(invite["id"]?.stringValue ?? "")", key: admin, body: #"{"status":"accepted"}"#)
            let door = try connection.request("POST", "/events/\(eventID)/doors", key: admin, body: #"{"gate":"north"}"#)
            return (try PythonJSONParser.parse(Array(door.body.utf8))["pairing_url"]?.stringValue ?? "", invite["session_code"]?.stringValue ?? "")
        }
        let seen = try await InviteePageBrowserTests.drive("door_page", [pairing, code, InviteePageBrowserTests.screenshots.path])
        #expect(seen["after_pairing"] == "door" && seen["h1"] == ["Gate north"])
        #expect(seen["focused"] == "code", "the code field holds the focus")
        #expect(seen["cookie_visible_to_script"] == "", "the key is in an HTTP-only cookie")
        #expect(seen["first"]?["class"]?.stringValue?.contains("answer-ok") == true, "\(seen["first"] ?? .null)")
        #expect(seen["first"]?["text"]?.arrayValue.first?.stringValue?.contains("First0 Last") == true)
        #expect(seen["second"]?["class"]?.stringValue?.contains("answer-refused") == true)
        #expect(seen["second"]?["text"]?.arrayValue.first?.stringValue?.contains("Already checked in at") == true, "\(seen["second"] ?? .null)")
        #expect(seen["link_again"] == ["Pairing link used or expired"])
        for page in ["pair", "door", "answer"] {
            #expect(seen["accessibility"]?[page] == [], "\(page): \(seen["accessibility"]?[page] ?? .null)")
            #expect(seen["overflow_320"]?[page] == false, "\(page) fits 320 px")
        }
        try await server.stop(with: SIGTERM)
    }
}
