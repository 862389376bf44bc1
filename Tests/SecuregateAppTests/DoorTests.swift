import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecuregateAPI
import SecuregateTestSupport
import Testing

/// The door: every refusal reason, exactly-once entry, nonces, the ledger, door keys and QR codes.
struct DoorTests {
    static let now = Int(TestEnvironment.start.timeIntervalSince1970)

    /// An event starting in 30 minutes (its doors open an hour before) and ending in two hours.
    static func openEvent(_ client: any TestClientProtocol, key: String) async throws -> String {
        try await client.createEvent(key: key, start: now + 1800, end: now + 7200)
    }

    /// Invites `email` with `authentication` and sets its status; returns its session code and id.
    static func guest(
        _ client: any TestClientProtocol, event: String, key: String, email: String, status: String = "accepted",
        authentication: String = "QR Code"
    ) async throws -> (code: String, id: String) {
        let invite = try await client.call(
            .post, "/events/\(event)/invites?notify=0", key: key, body: Payload.invites([email], authentication: authentication)
        ).json.arrayValue[0]
        let id = invite["id"]?.stringValue ?? ""
        try await client.call(.put, "/events/\(event)/invites/\(id)", key: key, body: #"{"status":"\#(status)"}"#)
        return (invite["session_code"]?.stringValue ?? "", id)
    }

    /// Scans at the north gate: a code, a test photo (`face_image`), or both.
    static func scan(
        _ client: any TestClientProtocol, event: String, key: String, code: String = "", type: String = "entry",
        nonce: String? = nil, photo: String? = nil
    ) async throws -> JSONValue {
        var fields = [#""type":"\#(type)""#, #""gate":"north""#]
        if !code.isEmpty { fields.insert(#""code":"\#(code)""#, at: 0) }
        if let nonce { fields.append(#""nonce":"\#(nonce)""#) }
        if let photo { fields.append(#""face_image":"\#(try FaceFixtures.photo(photo).base64EncodedString())""#) }
        let response = try await client.call(
            .post, "/events/\(event)/checkins", key: key, body: "{" + fields.joined(separator: ",") + "}"
        )
        #expect(response.status == .ok)
        return response.json
    }

    @Test(arguments: StoreBackend.available)
    func everyReasonEntryExitAndReentry(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await Self.openEvent(client, key: env.keyA)
                let other = try await Self.openEvent(client, key: env.keyA)
                let ada = try await Self.guest(client, event: event, key: env.keyA, email: "ada@x.io")
                let pending = try await Self.guest(client, event: event, key: env.keyA, email: "pen@x.io", status: "pending")
                let face = try await Self.guest(client, event: event, key: env.keyA, email: "face@x.io", authentication: "Biometric")
                let both = try await Self.guest(client, event: event, key: env.keyA, email: "both@x.io", authentication: "Both")
                let elsewhere = try await Self.guest(client, event: other, key: env.keyA, email: "else@x.io")
                func reason(_ code: String, _ type: String = "entry") async throws -> JSONValue? {
                    try await Self.scan(client, event: event, key: env.keyA, code: code, type: type)["reason"]
                }
                #expect(try await reason("NOPE") == "unknown_code")
                #expect(try await Self.scan(client, event: event, key: env.keyA, code: "NOPE")["invite"] == .null)
                #expect(try await reason(elsewhere.code) == "wrong_event")
                #expect(try await reason(pending.code) == "not_accepted")
                #expect(try await reason(face.code) == "biometric_required")
                #expect(try await reason(both.code) == "biometric_required")

                env.time.advance(by: 60)
                let entered = try await Self.scan(client, event: event, key: env.keyA, code: ada.code)
                #expect(entered.objectValue?.members.map(\.key) == ["result", "reason", "invite", "checked_in_at", "checked_in_gate"])
                #expect(entered["checked_in_gate"] == .null, "only a refused second entry names the first one's gate")
                #expect(entered["result"] == "ok")
                #expect(entered["reason"] == .null)
                #expect(entered["checked_in_at"] == "2026-01-01T00:01:00Z")
                #expect(entered["invite"]?["last_seen"] == "2026-01-01T00:01:00Z")
                env.time.advance(by: 60)
                let again = try await Self.scan(client, event: event, key: env.keyA, code: ada.code)
                #expect(again["result"] == "refused")
                #expect(again["reason"] == "already_checked_in")
                #expect(again["checked_in_at"] == "2026-01-01T00:01:00Z" && again["checked_in_gate"] == "north")
                #expect(try await client.call(.get, "/events/\(event)", key: env.keyA).json["invite_stats"]?["checked_in"] == 1)

                #expect(try await Self.scan(client, event: event, key: env.keyA, code: ada.code, type: "exit")["result"] == "ok")
                #expect(try await reason(ada.code, "exit") == "not_checked_in")
                #expect(try await Self.scan(client, event: event, key: env.keyA, code: ada.code)["result"] == "ok")

                // Outside the window: before the doors open, after the end.
                let early = try await client.createEvent(key: env.keyA, start: Self.now + 10_000, end: Self.now + 20_000)
                let early1 = try await Self.guest(client, event: early, key: env.keyA, email: "early@x.io")
                #expect(try await Self.scan(client, event: early, key: env.keyA, code: early1.code)["reason"] == "outside_window")
                env.time.set(TestEnvironment.start.addingTimeInterval(20_000))
                #expect(try await Self.scan(client, event: early, key: env.keyA, code: early1.code)["reason"] == "outside_window")
                env.time.set(TestEnvironment.start.addingTimeInterval(10_000 - 3600))
                #expect(try await Self.scan(client, event: early, key: env.keyA, code: early1.code)["result"] == "ok")

                try await client.call(.delete, "/events/\(early)", key: env.keyA)
                let archivedGuest = try await Self.scan(client, event: early, key: env.keyA, code: early1.code, type: "exit")
                #expect(archivedGuest["result"] == "ok")
                #expect(try await Self.scan(client, event: early, key: env.keyA, code: early1.code)["reason"] == "event_archived")

                // Every scan is in the ledger, newest first, a page at a time.
                let first = try await client.call(.get, "/events/\(event)/checkins?limit=4", key: env.keyA).json
                #expect(first["items"]?.arrayValue.count == 4)
                #expect(first["items"]?.arrayValue.first?["type"] == "entry")
                #expect(first["items"]?.arrayValue.first?["result"] == "ok")
                #expect(first["items"]?.arrayValue.first?["gate"] == "north")
                var seen = first["items"]?.arrayValue.count ?? 0
                var cursor = first["next_cursor"]?.stringValue
                while let next = cursor {
                    let page = try await client.call(.get, "/events/\(event)/checkins?limit=4&cursor=\(next)", key: env.keyA).json
                    seen += page["items"]?.arrayValue.count ?? 0
                    cursor = page["next_cursor"]?.stringValue
                }
                #expect(seen == 11)
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func fiftySimultaneousScansLetOnePersonInOnce(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let hook = #"{"url":"https://hooks.example/door","events":["checkin.*"]}"#
                let endpoint = try #require(try await client.call(.post, "/webhooks", key: env.keyA, body: hook).string("id"))
                let event = try await Self.openEvent(client, key: env.keyA)
                let ada = try await Self.guest(client, event: event, key: env.keyA, email: "ada@x.io")
                let results = try await withThrowingTaskGroup(of: JSONValue.self) { group in
                    for _ in 0..<50 {
                        group.addTask { try await Self.scan(client, event: event, key: env.keyA, code: ada.code) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(results.filter { $0["result"] == "ok" }.count == 1)
                #expect(results.filter { $0["reason"] == "already_checked_in" }.count == 49)
                let ledger = try await client.call(.get, "/events/\(event)/checkins?limit=500", key: env.keyA).json
                #expect(ledger["items"]?.arrayValue.count == 50)
                // Each scan left one webhook event, written in its own transaction, waiting for its endpoint.
                let deliveries = try await client.call(.get, "/webhooks/\(endpoint)/deliveries?limit=500", key: env.keyA).json
                let events = deliveries["items"]?.arrayValue ?? []
                #expect(events.filter { $0["type"] == "checkin.ok" }.count == 1)
                #expect(events.filter { $0["type"] == "checkin.refused" && $0["data"]?["reason"] == "already_checked_in" }.count == 49)
                #expect(events.allSatisfy { $0["state"] == "pending" && $0["data"]?["invite_id"]?.stringValue == ada.id })
                let ledgerIDs = Set(ledger["items"]?.arrayValue.compactMap { $0["id"]?.stringValue } ?? [])
                #expect(Set(events.compactMap { $0["data"]?["checkin_id"]?.stringValue }) == ledgerIDs)
                #expect(try await client.call(.get, "/events/\(event)", key: env.keyA).json["invite_stats"]?["checked_in"] == 1)
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func aRepeatedNonceReplaysTheFirstAnswer(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            let door = try await env.services.keys.issue(accountName: "A", scope: .checkin).token.text
            try await env.withClient { client in
                let event = try await Self.openEvent(client, key: env.keyA)
                let ada = try await Self.guest(client, event: event, key: env.keyA, email: "ada@x.io")
                let answers = try await withThrowingTaskGroup(of: JSONValue.self) { group in
                    for _ in 0..<10 {
                        group.addTask { try await Self.scan(client, event: event, key: door, code: ada.code, nonce: "scan-1") }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(answers.allSatisfy { $0["result"] == "ok" && $0["checked_in_at"] == answers[0]["checked_in_at"] })
                // A new nonce is a new scan; the same nonce from another key is that key's own.
                #expect(try await Self.scan(client, event: event, key: door, code: ada.code, nonce: "scan-2")["reason"] == "already_checked_in")
                #expect(try await Self.scan(client, event: event, key: env.keyA, code: ada.code, nonce: "scan-1")["reason"] == "already_checked_in")
                #expect(try await Self.scan(client, event: event, key: door, code: ada.code, nonce: "scan-1")["result"] == "ok")
                let ledger = try await client.call(.get, "/events/\(event)/checkins", key: door).json
                #expect(ledger["items"]?.arrayValue.count == 3)
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func aNonceReusedWithAnotherScanIsRefusedAndRecordsNothing(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            let door = try await env.services.keys.issue(accountName: "A", scope: .checkin).token.text
            try await env.withClient { client in
                let event = try await Self.openEvent(client, key: env.keyA)
                let other = try await Self.openEvent(client, key: env.keyA)
                let ada = try await Self.guest(client, event: event, key: env.keyA, email: "ada@x.io")
                let bob = try await Self.guest(client, event: event, key: env.keyA, email: "bob@x.io")
                let first = try await Self.scan(client, event: event, key: door, code: ada.code, nonce: "n-1")
                #expect(first["result"] == "ok")
                // Another code, another type, another event: each is a different scan, never Ada's answer.
                let reuses = [
                    (event, #"{"code":"\#(bob.code)","type":"entry","gate":"north","nonce":"n-1"}"#),
                    (event, #"{"code":"\#(ada.code)","type":"exit","gate":"north","nonce":"n-1"}"#),
                    (other, #"{"code":"\#(ada.code)","type":"entry","gate":"north","nonce":"n-1"}"#),
                ]
                for (target, body) in reuses {
                    let response = try await client.call(.post, "/events/\(target)/checkins", key: door, body: body)
                    #expect(response.status == .conflict)
                    #expect(String(buffer: response.body) == #"{"detail":"Nonce reused with a different scan"}"#)
                }
                // Nothing of the refused reuses was recorded: Bob is not inside, Ada still is, one scan in the ledger.
                #expect(try await Self.scan(client, event: event, key: door, code: bob.code, nonce: "n-2")["result"] == "ok")
                #expect(try await Self.scan(client, event: event, key: door, code: ada.code, nonce: "n-1") == first)
                let ledger = try await client.call(.get, "/events/\(event)/checkins", key: door).json
                #expect(ledger["items"]?.arrayValue.count == 2)
                #expect(try await client.call(.get, "/events/\(other)/checkins", key: door).json["items"]?.arrayValue.count == 0)
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func noncesExpireAfterTheirLifetimeAndAreForgotten(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            let door = try await env.services.keys.issue(accountName: "A", scope: .checkin).token.text
            let lifetime = env.services.checkins.rules.nonceLifetime
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA, start: Self.now + 1800, end: Self.now + Int(lifetime) * 2)
                let ada = try await Self.guest(client, event: event, key: env.keyA, email: "ada@x.io")
                let bob = try await Self.guest(client, event: event, key: env.keyA, email: "bob@x.io")
                #expect(try await Self.scan(client, event: event, key: door, code: ada.code, nonce: "n-1")["result"] == "ok")
                #expect(try await Self.scan(client, event: event, key: door, code: bob.code, nonce: "n-2")["result"] == "ok")
                // One second short of the lifetime the nonce still binds its scan.
                env.time.advance(by: lifetime - 1)
                #expect(try await client.call(.post, "/events/\(event)/checkins", key: door, body: #"{"code":"\#(bob.code)","nonce":"n-1"}"#).status == .conflict)
                #expect(try await env.services.checkins.forgetExpiredNonces() == 0)
                // At the lifetime it is free again: a new scan, answered for itself.
                env.time.advance(by: 1)
                let reused = try await Self.scan(client, event: event, key: door, code: bob.code, type: "exit", nonce: "n-1")
                #expect(reused["result"] == "ok" && reused["invite"]?["id"]?.stringValue == bob.id)
                // The pass forgets the one left expired (n-2), not the one just claimed again.
                #expect(try await env.services.checkins.forgetExpiredNonces() == 1)
                #expect(try await Self.scan(client, event: event, key: door, code: bob.code, type: "exit", nonce: "n-1") == reused)
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func doorKeysMayOnlyScanReadTheLedgerAndLookUpCodes(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            let door = try await env.services.keys.issue(accountName: "A", scope: .checkin).token.text
            try await env.withClient { client in
                let event = try await Self.openEvent(client, key: env.keyA)
                let ada = try await Self.guest(client, event: event, key: env.keyA, email: "ada@x.io")
                let forbidden: [(HTTPRequest.Method, String, String?)] = [
                    (.get, "/events", nil), (.post, "/events", Payload.event(start: 1, end: 2)), (.get, "/events/\(event)", nil),
                    (.delete, "/events/\(event)", nil), (.post, "/events/\(event)/invites", Payload.invites(["b@x.io"])),
                    (.get, "/events/\(event)/invites", nil), (.put, "/events/\(event)/invites/\(ada.id)", #"{"status":"rejected"}"#),
                    (.get, "/events/\(event)/invites/\(ada.id)/history", nil), (.get, "/invites/\(ada.id)", nil),
                    (.get, "/invites?email=ada@x.io", nil), (.get, "/invites-with-event?invite_id=\(ada.id)", nil),
                    (.get, "/invites/\(ada.id)/qr", nil), (.put, "/invites/\(ada.id)/face", nil),
                    (.get, "/invites/\(ada.id)/face", nil), (.delete, "/invites/\(ada.id)/face", nil),
                    // Webhooks are the organizer's: a door key can neither see nor make them.
                    (.get, "/webhooks", nil), (.post, "/webhooks", #"{"url":"https://hooks.example/door"}"#),
                    (.get, "/webhooks/ep_1", nil), (.post, "/webhooks/ep_1/test", nil), (.get, "/webhooks/ep_1/deliveries", nil),
                    (.post, "/webhooks/ep_1/deliveries/dlv_1/retry", nil),
                ]
                for (method, uri, body) in forbidden {
                    let response = try await client.call(method, uri, key: door, body: body)
                    #expect(response.status == .forbidden, "\(method) \(uri)")
                    #expect(response.json == ["detail": "Not allowed for this key"], "\(method) \(uri)")
                }
                #expect(try await Self.scan(client, event: event, key: door, code: ada.code)["result"] == "ok")
                #expect(try await client.call(.get, "/events/\(event)/checkins", key: door).status == .ok)
                let found = try await client.call(.get, "/events/\(event)/codes/\(ada.code)", key: door)
                #expect(found.json["id"] == .string(ada.id))
                #expect(try await client.call(.get, "/events/\(event)/codes/NOPE", key: door).json == ["detail": "Invite not found"])
                // Identification is the door's too: past the key's scope, this server without models answers 503.
                let identify = try await client.call(.post, "/identity?event_id=\(event)&image_url=https://example.com/a.jpg", key: door)
                #expect(identify.json == ["detail": "Face identification is not configured"])
                // Another account's door key sees nothing of this event.
                let otherDoor = try await env.services.keys.issue(accountName: "B", scope: .checkin).token.text
                #expect(try await client.call(.post, "/events/\(event)/checkins", key: otherDoor, body: #"{"code":"\#(ada.code)"}"#).status == .notFound)
            }
        }
    }

    @Test func qrCodesCarryTheSessionCode() async throws {
        let zbarimg = "/usr/bin/zbarimg"
        #expect(FileManager.default.isExecutableFile(atPath: zbarimg), "zbar-tools must be installed (scripts/install-system-packages)")
        try await TestEnvironment.with(.sqlite) { env in
            try await env.withClient { client in
                let event = try await Self.openEvent(client, key: env.keyA)
                let ada = try await Self.guest(client, event: event, key: env.keyA, email: "ada@x.io")
                let png = try await client.call(.get, "/invites/\(ada.id)/qr", key: env.keyA)
                #expect(png.status == .ok)
                #expect(png.headers[.contentType] == "image/png")
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).png")
                try Data(png.body.readableBytesView).write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }
                let path = file.path
                let decoded = try await blocking {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: zbarimg)
                    process.arguments = ["--raw", "-q", path]
                    let output = Pipe()
                    process.standardOutput = output
                    try process.run()
                    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    process.waitUntilExit()
                    return text
                }
                #expect(decoded.trimmingCharacters(in: .whitespacesAndNewlines) == ada.code)

                let svg = try await client.call(.get, "/invites/\(ada.id)/qr?format=svg", key: env.keyA)
                #expect(svg.headers[.contentType] == "image/svg+xml")
                #expect(String(buffer: svg.body).hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
                #expect(try await client.call(.get, "/invites/\(ada.id)/qr?format=gif", key: env.keyA).status == .unprocessableContent)
                #expect(try await client.call(.get, "/invites/inv_nope/qr", key: env.keyA).status == .notFound)
            }
        }
    }
}
