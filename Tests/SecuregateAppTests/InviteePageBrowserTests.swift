import Foundation
import SecuregateAPI
import SecuregateApp
import SecuregateCore
import SecuregateStore
import SecuregateTestSupport
import Testing

/// The invitee's journey in a real browser (Chromium driven by Selenium, `Fixtures/browser/invitee_page.py`)
/// against the real server: the link from a delivered email, Accept, the QR code read off a screenshot, the
/// calendar file, Decline and Accept again, a form from another origin. Screenshots at phone and desktop widths
/// go to `.build-screenshots/` for a person to look at.
@Suite(.enabled(if: TestMailServer.python != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")))
struct InviteePageBrowserTests {
    /// Where the screenshots go: an ignored folder of the package.
    static let screenshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build-screenshots")

    @Test func theInviteeAnswersFromTheEmailsLinkAndCarriesThePass() async throws {
        let mail = try TestMailServer()
        try await StoreBackend.sqlite.withStore { store, url in
            let services = try SecuregateServices(store: store, time: SystemTimeSource(), ids: RandomIDGenerator(), hasher: SHA256SecretHasher())
            let key = try await services.keys.issue(accountName: "A").token.text
            let principal = try await services.keys.authenticate(key)
            let now = Int(Date().timeIntervalSince1970)
            let event = try await services.events.create(
                EventDraft(
                    title: "Spring Launch", description: "Talks, demos, then drinks on the terrace.",
                    instructions: "Bring a photo ID.", location: Location(address: "1 Rue de Rivoli", city: "Paris", country: "France"),
                    startTimestamp: now + 30 * 86_400, endTimestamp: now + 30 * 86_400 + 4 * 3600
                ),
                by: principal
            )
            let invite = try await services.invites.createBatch(
                [InviteDraft(firstName: "Ada", lastName: "Lovelace", email: "ada@x.io")], eventID: event.id, notify: .email,
                flow: .onlyAuth, by: principal
            )[0]
            let port = try ServerProcess.freePort()
            let server = try await ServerProcess(
                database: DurabilityTests.databaseArgument(url), port: port,
                arguments: ["--smtp-url", mail.url(), "--mail-from", "Events <events@example.org>", "--public-url", "http://127.0.0.1:\(port)"]
            )
            // The link, from the email as it arrived.
            let deadline = Date().addingTimeInterval(30)
            while try mail.receivedFiles().isEmpty, Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
            let text = try #require(try mail.received().first?["text"]?.stringValue)
            let link = try #require(text.firstMatch(of: #/http://127\.0\.0\.1:\d+/i/[0-9a-z]+/#).map { String($0.output) })

            let seen = try await Self.drive(link: link)
            let history = try await blocking {
                try RawConnection(port: port).request("GET", "/events/\(event.id)/invites/\(invite.id)/history", key: key)
            }
            try await server.stop(with: SIGTERM)

            #expect(seen["lang"] == "en" && seen["title"] == "Spring Launch: your invitation")
            #expect(seen["buttons_before"] == ["Accept", "Decline"])
            #expect(seen["after_accept_url"] == .string(link), "posted, then sent back to the page")
            #expect(seen["h2_after_accept"] == ["Your entry pass"])
            #expect(seen["code"] == [.string(invite.sessionCode)])
            #expect(seen["qr"] == .string(invite.sessionCode), "the QR code on the screen reads back to the entry code")
            #expect(seen["buttons_after_accept"] == ["Decline"])
            #expect(seen["calendar_type"] == "text/calendar; charset=utf-8")
            #expect(seen["calendar"]?["uid"] == .string("\(invite.id)@securegate") && seen["calendar"]?["summary"] == "Spring Launch")
            #expect(seen["h2_after_decline"] == ["You declined"] && seen["buttons_after_decline"] == ["Accept"])
            #expect(seen["h2_after_accepting_again"] == ["Your entry pass"])
            #expect(seen["cross_site_h1"] == ["Not allowed"])
            #expect(seen["h2_after_cross_site"] == ["Your entry pass"], "the form from elsewhere changed nothing")
            Self.expectAccessible(seen, pages: ["invited", "accepted", "declined", "refused"])
            let sources = try PythonJSONParser.parse(Array(history.body.utf8)).arrayValue.map { $0["source"] }
            #expect(sources == ["api", "delivery", "invitee", "invitee", "invitee"])
        }
    }

    @Test(.enabled(if: FaceFixtures.available))
    func theInviteeEnrollsAFaceByFileAndByCameraAndRemovesIt() async throws {
        try await StoreBackend.sqlite.withStore { store, url in
            let port = try ServerProcess.freePort()
            let services = try SecuregateServices(
                store: store, time: SystemTimeSource(), ids: RandomIDGenerator(), hasher: SHA256SecretHasher(),
                publicURL: "http://127.0.0.1:\(port)"
            )
            let key = try await services.keys.issue(accountName: "A").token.text
            let principal = try await services.keys.authenticate(key)
            let now = Int(Date().timeIntervalSince1970)
            let event = try await services.events.create(
                EventDraft(title: "Gala", location: Location(city: "Paris"), startTimestamp: now + 86_400, endTimestamp: now + 90_000),
                by: principal
            )
            let invite = try await services.invites.createBatch(
                [InviteDraft(firstName: "Barack", lastName: "Obama", email: "b@x.io", authenticationMethod: .biometric)],
                eventID: event.id, notify: .none, flow: .onlyAuth, by: principal
            )[0]
            let link = try await services.invitees.link(inviteID: invite.id, for: principal).url
            // The fake camera's video: one of the photos, as Chromium reads it (YUV 4:2:0, even sides).
            let camera = FileManager.default.temporaryDirectory.appendingPathComponent("camera-\(UUID().uuidString).y4m")
            defer { try? FileManager.default.removeItem(at: camera) }
            let photo = FaceFixtures.imagesDirectory.appendingPathComponent("obama.jpg").path
            try await ChildProcess.check("/usr/bin/ffmpeg", ["-loglevel", "error", "-y", "-loop", "1", "-i", photo, "-t", "1", "-r", "10",
                                                   "-vf", "scale=640:-2,format=yuv420p", camera.path])
            let server = try await ServerProcess(
                database: DurabilityTests.databaseArgument(url), port: port, arguments: ["--face-models", FaceFixtures.modelsDirectory]
            )
            let seen = try await Self.drive("invitee_face", [
                link, Self.screenshots.path, camera.path, photo, FaceFixtures.imagesDirectory.appendingPathComponent("obama2.jpg").path,
                "http://127.0.0.1:\(port)", key, event.id,
            ])
            try await server.stop(with: SIGTERM)

            #expect(seen["face_title"] == ["Your face at the door"] && seen["upload_label"] == "Upload a photo")
            #expect(seen["privacy"]?.stringValue?.contains("The photo itself is not kept.") == true)
            #expect(seen["identified_before"] == "HTTP 404")
            #expect(seen["blocked_without_consent"] == true, "the consent box must be ticked")
            #expect(seen["after_file"] == ["Your face is enrolled."] && seen["remove_button"] == ["Remove my face"])
            #expect(seen["identified_after_file"] == .string(invite.id), "another photo of the same person finds the invite")
            #expect(seen["after_remove"] == ["Your face was removed."] && seen["identified_after_remove"] == "HTTP 404")
            #expect(seen["after_camera"] == ["Your face is enrolled."])
            #expect(seen["identified_after_camera"] == .string(invite.id))
            #expect(try await store.face(inviteID: invite.id, accountID: principal.accountID)?.source == .invitee)
            Self.expectAccessible(seen, pages: ["face step", "face enrolled"])
        }
    }

    /// Each page passed axe-core's WCAG 2 A and AA rules and fits 320 px without scrolling sideways.
    static func expectAccessible(_ seen: JSONValue, pages: [String]) {
        for page in pages {
            #expect(seen["accessibility"]?[page] == .array([]), "accessibility of \(page): \(seen["accessibility"]?[page] ?? .null)")
            if case .int(let passed)? = seen["rules_passed"]?[page] {
                #expect(passed > 3, "axe ran its rules on \(page)")
            } else {
                Issue.record("axe did not run on \(page)")
            }
            #expect(seen["overflow_320"]?[page] == false, "\(page) fits 320 px")
        }
    }

    /// Runs the browser script on `link`; returns what it saw.
    static func drive(link: String) async throws -> JSONValue {
        try await drive("invitee_page", [link, screenshots.path])
    }

    /// Runs the browser script `name` with `arguments`; returns what it saw.
    static func drive(_ name: String, _ arguments: [String]) async throws -> JSONValue {
        try await ChildProcess.python(name, arguments, in: "Fixtures/browser")
    }
}
