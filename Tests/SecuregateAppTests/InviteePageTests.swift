import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecuregateAPI
import SecuregateApp
import SecuregateCore
import SecuregateStore
import SecuregateTestSupport
import Testing

/// The invitee's page through the real router: the personal link and its replacement, the answer recorded as
/// the invitee's, the pass and its files, the headers, cross-site forms, and when answers close.
struct InviteePageTests {
    /// Posts the answer form as the page's own form is posted by a browser.
    static func answer(
        _ client: any TestClientProtocol, _ path: String, _ value: String, headers: HTTPFields = [HTTPField.Name("Sec-Fetch-Site")!: "same-origin"]
    ) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await client.execute(uri: "\(path)/answer", method: .post, headers: headers, body: ByteBuffer(string: "answer=\(value)")) { $0 }
    }

    /// The path of an invite's link.
    static func linkPath(_ client: any TestClientProtocol, invite: String, key: String, method: HTTPRequest.Method = .get) async throws -> String {
        let url = try await client.call(method, "/invites/\(invite)/link", key: key).string("url") ?? ""
        return String(url.dropFirst("http://127.0.0.1:8080".count))
    }

    @Test(arguments: StoreBackend.available)
    func theLinkOpensThePageAndTheAnswerIsTheInvitees(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.call(.post, "/events", key: env.keyA, body: SMTPDeliveryTests.event).string("id") ?? ""
                let invite = try await client.invite(["ada@x.io"], to: event, key: env.keyA)[0]
                let id = invite["id"]?.stringValue ?? ""
                let link = try await client.call(.get, "/invites/\(id)/link", key: env.keyA)
                #expect(link.status == .ok && link.json["invite_id"] == .string(id))
                let path = try await Self.linkPath(client, invite: id, key: env.keyA)
                #expect(path.hasPrefix("/i/") && link.string("url") == "http://127.0.0.1:8080\(path)", "the same link twice")
                #expect(try await client.call(.get, "/invites/\(id)/link", key: env.keyB).status == .notFound, "another account's invite")

                let page = try await client.call(.get, path, key: nil)
                #expect(page.status == .ok && page.headers[.contentType] == "text/html; charset=utf-8")
                let html = String(buffer: page.body)
                for text in ["<html lang=\"en\">", "Lancement à Paris", "First0 Last", "Sunday 17 March 2030, 18:00 to 21:30",
                             "1 Rue de Rivoli, Paris, France", ">Accept</button>", ">Decline</button>"] {
                    #expect(html.contains(text), "the page lacks \(text)")
                }
                #expect(!html.contains(invite["session_code"]?.stringValue ?? "?"), "no entry code before accepting")
                #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
                #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer" && page.headers[.cacheControl] == "no-store")
                #expect(page.headers[HTTPField.Name("X-Robots-Tag")!] == "noindex, nofollow")
                let stylesheet = try #require(html.firstMatch(of: #/href="(/assets/site\.[0-9a-f]{16}\.css)"/#)?.output.1)
                let css = try await client.call(.get, String(stylesheet), key: nil)
                #expect(css.status == .ok && css.headers[.contentType] == "text/css")
                #expect(css.headers[.cacheControl]?.contains("max-age=31536000") == true)

                let accepted = try await Self.answer(client, path, "accept")
                #expect(accepted.status == .seeOther && accepted.headers[.location] == path)
                #expect(try await client.call(.get, "/invites/\(id)", key: env.keyA).json["status"] == "accepted")
                let pass = String(buffer: try await client.call(.get, path, key: nil).body)
                #expect(pass.contains("Your entry pass") && pass.contains(invite["session_code"]?.stringValue ?? "?"))
                let qr = try await client.call(.get, "\(path)/qr.png", key: nil)
                #expect(qr.status == .ok && qr.headers[.contentType] == "image/png")
                let calendar = try await client.call(.get, "\(path)/invitation.ics", key: nil)
                #expect(calendar.headers[.contentDisposition] == "attachment; filename=\"invitation.ics\"")
                #expect(String(buffer: calendar.body).contains("UID:\(id)@securegate\r\n"))

                #expect(try await Self.answer(client, path, "decline").status == .seeOther)
                #expect(try await client.call(.get, "/invites/\(id)", key: env.keyA).json["status"] == "rejected")
                #expect(try await client.call(.get, "\(path)/qr.png", key: nil).status == .notFound, "no pass once declined")
                let history = try await client.call(.get, "/events/\(event)/invites/\(id)/history", key: env.keyA).json.arrayValue
                #expect(history.map { $0["source"] } == ["api", "invitee", "invitee"])
                #expect(history.map { $0["key_id"] == .null } == [false, true, true])

                // Forms from elsewhere change nothing.
                for headers: HTTPFields in [
                    [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"], [HTTPField.Name("Sec-Fetch-Site")!: "same-site"],
                    [.origin: "https://evil.example"],
                ] {
                    let refused = try await Self.answer(client, path, "accept", headers: headers)
                    #expect(refused.status == .forbidden && String(buffer: refused.body).contains("Not allowed"), "\(headers)")
                }
                // Chromium's own form post under no-referrer: Origin null, Sec-Fetch-Site same-origin.
                let own: HTTPFields = [.origin: "null", HTTPField.Name("Sec-Fetch-Site")!: "same-origin"]
                #expect(try await Self.answer(client, path, "accept", headers: own).status == .seeOther)
                #expect(try await Self.answer(client, path, "maybe").status == .badRequest)

                // A replaced link stops working at once; the new one works.
                let replaced = try await Self.linkPath(client, invite: id, key: env.keyA, method: .post)
                #expect(replaced != path && replaced.hasPrefix("/i/"))
                for gone in [path, "\(path)/qr.png", "\(path)/invitation.ics", "/i/nonexistent0000", "/i/%3Cscript%3E"] {
                    let answer = try await client.call(.get, gone, key: nil)
                    #expect(answer.status == .notFound && String(buffer: answer.body).contains("<h1>Not found</h1>"), "\(gone)")
                }
                #expect(try await Self.answer(client, path, "accept").status == .notFound)
                #expect(try await client.call(.get, replaced, key: nil).status == .ok)
            }
        }
    }

    @Test func answersCloseWhenTheEventStartsAndThePageSaysWhy() async throws {
        try await TestEnvironment.with(.sqlite) { env in
            try await env.withClient { client in
                let now = Int(env.time.now().timeIntervalSince1970)
                let event = try await client.createEvent(key: env.keyA, start: now + 100, end: now + 200)
                let invites = try await client.invite(["a@x.io", "b@x.io"], to: event, key: env.keyA)
                let paths = [
                    try await Self.linkPath(client, invite: invites[0]["id"]?.stringValue ?? "", key: env.keyA),
                    try await Self.linkPath(client, invite: invites[1]["id"]?.stringValue ?? "", key: env.keyA),
                ]
                #expect(try await Self.answer(client, paths[0], "accept").status == .seeOther)
                env.time.advance(by: 150)
                let closed = try await Self.answer(client, paths[1], "accept")
                #expect(closed.status == .conflict && String(buffer: closed.body).contains("Answers are closed"))
                let underway = String(buffer: try await client.call(.get, paths[1], key: nil).body)
                #expect(underway.contains("The event has started") && !underway.contains("<form"))
                let pass = String(buffer: try await client.call(.get, paths[0], key: nil).body)
                #expect(pass.contains("Your entry pass") && !pass.contains("<form"), "the pass is shown while the event runs")
                env.time.advance(by: 100)
                for path in paths {
                    let over = String(buffer: try await client.call(.get, path, key: nil).body)
                    #expect(over.contains("This event is over") && !over.contains("<form") && !over.contains("entry pass"))
                }
            }
        }
    }

    @Test func anArchivedEventIsOverAndAnswersAreLimitedPerLink() async throws {
        try await TestEnvironment.with(.sqlite) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let id = try await client.invite(["a@x.io"], to: event, key: env.keyA)[0]["id"]?.stringValue ?? ""
                let path = try await Self.linkPath(client, invite: id, key: env.keyA)
                var statuses: [HTTPResponse.Status] = []
                for index in 0..<11 { statuses.append(try await Self.answer(client, path, index.isMultiple(of: 2) ? "accept" : "decline").status) }
                #expect(statuses.prefix(10).allSatisfy { $0 == .seeOther } && statuses.last == .tooManyRequests)
                #expect(try await client.call(.delete, "/events/\(event)", key: env.keyA).status == .ok)
                let over = String(buffer: try await client.call(.get, path, key: nil).body)
                #expect(over.contains("This event is over"))
            }
        }
    }

    /// A face form as the page posts it: the consent box and the photo, `multipart/form-data`.
    static func faceForm(_ client: any TestClientProtocol, _ path: String, photo: Data, consent: Bool, site: String = "same-origin") async throws -> TestResponse {
        let boundary = "----securegate-test"
        var body = Data()
        if consent { body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"consent\"\r\n\r\nyes\r\n".utf8) }
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"me.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8)
        body += photo + Data("\r\n--\(boundary)--\r\n".utf8)
        let headers: HTTPFields = [
            .contentType: "multipart/form-data; boundary=\(boundary)", HTTPField.Name("Sec-Fetch-Site")!: site,
        ]
        return try await client.execute(uri: "\(path)/face", method: .post, headers: headers, body: ByteBuffer(bytes: body)) { $0 }
    }

    @Test(.enabled(if: FaceFixtures.available))
    func theFaceStepIsOfferedOnlyWhereItIsAskedAndSaysWhatWentWrong() async throws {
        try await TestEnvironment.with(.sqlite, faceEngine: FacePhotos.engine) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let qr = try await client.invite(["q@x.io"], to: event, key: env.keyA)[0]["id"]?.stringValue ?? ""
                let bio = try await client.call(
                    .post, "/events/\(event)/invites?notify=0", key: env.keyA, body: Payload.invites(["b@x.io"], authentication: "Biometric")
                ).json.arrayValue[0]["id"]?.stringValue ?? ""
                let qrPath = try await Self.linkPath(client, invite: qr, key: env.keyA)
                let path = try await Self.linkPath(client, invite: bio, key: env.keyA)
                let obama = try FaceFixtures.photo("obama.jpg")
                for invitePath in [qrPath, path] { _ = try await Self.answer(client, invitePath, "accept") }
                #expect(!String(buffer: try await client.call(.get, qrPath, key: nil).body).contains("Your face at the door"))
                #expect(try await Self.faceForm(client, qrPath, photo: obama, consent: true).status == .conflict, "a QR Code invite gives no face")

                let page = String(buffer: try await client.call(.get, path, key: nil).body)
                #expect(page.contains("Your face at the door") && page.contains("Upload a photo") && page.contains("/assets/camera."))
                let outcomes: [(Data, Bool, String)] = [
                    (obama, false, "consent"), (try FacePhotos.twoPeople(), true, "several_faces"), (Data("not a photo".utf8), true, "unreadable"),
                    (obama, true, "enrolled"),
                ]
                for (photo, consent, result) in outcomes {
                    let answer = try await Self.faceForm(client, path, photo: photo, consent: consent)
                    #expect(answer.status == .seeOther && answer.headers[.location] == "\(path)?face=\(result)#face", "\(result)")
                }
                #expect(try await client.call(.get, "/invites/\(bio)/face", key: env.keyA).json["source"] == "invitee")
                let notice = String(buffer: try await client.call(.get, "\(path)?face=enrolled", key: nil).body)
                #expect(notice.contains("Your face is enrolled.") && notice.contains(">Remove my face</button>"))
                #expect(try await Self.faceForm(client, path, photo: obama, consent: true, site: "cross-site").status == .forbidden)

                var headers: HTTPFields = [HTTPField.Name("Sec-Fetch-Site")!: "same-origin"]
                headers[.contentType] = "application/x-www-form-urlencoded"
                let removed = try await client.execute(uri: "\(path)/face/remove", method: .post, headers: headers, body: ByteBuffer()) { $0 }
                #expect(removed.status == .seeOther && removed.headers[.location] == "\(path)?face=removed#face")
                #expect(try await client.call(.get, "/invites/\(bio)/face", key: env.keyA).status == .notFound)
                // Declined: the step closes, and nothing can be enrolled.
                _ = try await Self.answer(client, path, "decline")
                #expect(!String(buffer: try await client.call(.get, path, key: nil).body).contains("Your face at the door"))
                #expect(try await Self.faceForm(client, path, photo: obama, consent: true).status == .conflict)
            }
        }
    }

    /// Images by URL, as a remote server would give them.
    struct StubFetcher: ImageFetcher {
        let images: [String: Data]

        func fetch(_ url: String) async throws -> Data {
            guard let image = images[url] else { throw SecuregateError.imageFetchFailed("HTTP 404") }
            return image
        }
    }

    @Test func theEventsImageComesThroughTheServerOnlyWhenItIsAPicture() async throws {
        let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]) + Data("JFIF".utf8)
        let fetcher = StubFetcher(images: ["https://img.example/a.jpg": jpeg, "https://img.example/page": Data("<html>".utf8)])
        try await StoreBackend.sqlite.withStore { store, _ in
            let services = try SecuregateServices(
                store: store, time: SystemTimeSource(), ids: SequentialIDGenerator(), hasher: SHA256SecretHasher(), imageFetcher: fetcher
            )
            let key = try await services.keys.issue(accountName: "A").token.text
            let app = Application(router: buildRouter(services: services), logger: TestEnvironment.quietLogger)
            try await app.test(.router) { client in
                var paths: [String] = []
                for image in ["https://img.example/a.jpg", "https://img.example/page"] {
                    let body = #"{"title":"T","imageUrl":"\#(image)","location":{},"start_timestamp":1900000000,"end_timestamp":1900003600}"#
                    let event = try await client.call(.post, "/events", key: key, body: body).string("id") ?? ""
                    let id = try await client.invite(["a@x.io"], to: event, key: key)[0]["id"]?.stringValue ?? ""
                    paths.append(try await Self.linkPath(client, invite: id, key: key))
                }
                #expect(String(buffer: try await client.call(.get, paths[0], key: nil).body).contains("<img class=\"event-image\" src=\"\(paths[0])/event-image\""))
                let image = try await client.call(.get, "\(paths[0])/event-image", key: nil)
                #expect(image.status == .ok && image.headers[.contentType] == "image/jpeg" && Data(image.body.readableBytesView) == jpeg)
                // Not a picture: never served, and the page stops asking for it.
                #expect(try await client.call(.get, "\(paths[1])/event-image", key: nil).status == .notFound)
                #expect(!String(buffer: try await client.call(.get, paths[1], key: nil).body).contains("event-image"))
            }
        }
    }
}
