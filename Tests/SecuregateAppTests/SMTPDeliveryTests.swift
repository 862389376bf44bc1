import Foundation
import SecuregateAPI
import SecuregateApp
import SecuregateCore
import SecuregateStore
import SecuregateTestSupport
import Testing

/// Invitations by email, through a real mail server on loopback: STARTTLS, AUTH, a refused recipient, and
/// what the message holds as Python's `email` package reads it.
@Suite(.enabled(if: TestMailServer.python != nil))
struct SMTPDeliveryTests {
    static let from = MailAddress(name: "Securegate Événements", address: "invites@example.org")

    @Test(arguments: StoreBackend.available)
    func invitationsReachTheMailServerAndOnlyThoseMakeInvitesSent(_ backend: StoreBackend) async throws {
        let server = try TestMailServer(refused: ["nobody@x.io"])
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let invites = try await client.invite(["ada@x.io", "nobody@x.io"], to: event, key: env.keyA, query: "notify=1")
                let settings = try #require(SMTPSettings(url: server.url(), from: Self.from))
                let dispatcher = OutboxDispatcher(store: env.store, transport: SMTPTransport(settings: settings, time: env.time), time: env.time)
                #expect(try await dispatcher.runOnce() == OutboxDispatcher.Outcome(delivered: 1, failed: 1))
                let ada = invites[0]["id"]?.stringValue ?? "", nobody = invites[1]["id"]?.stringValue ?? ""
                #expect(try await client.call(.get, "/invites/\(ada)", key: env.keyA).json["status"] == "sent")
                #expect(try await client.call(.get, "/invites/\(nobody)", key: env.keyA).json["status"] == "pending")
                let refused = try await client.call(.get, "/invites/\(nobody)/messages", key: env.keyA).json.arrayValue
                #expect(refused.first?["state"] == "failed")
                #expect(refused.first?["last_error"]?.stringValue?.hasPrefix("SMTP 550") == true)

                let received = try server.received()
                try #require(received.count == 1)
                let mail = received[0]
                let messageID = try await env.store.messages(inviteID: ada)[0].id
                #expect(mail["from"] == "Securegate Événements <invites@example.org>")
                #expect(mail["to"] == "ada@x.io")
                #expect(mail["subject"] == "You are invited to Launch")
                #expect(mail["message_id"] == .string("<\(messageID)@example.org>"))
                #expect(mail["date"] == "Thu, 01 Jan 2026 00:00:00 +0000")
                #expect(mail["auto_submitted"] == "auto-generated")
                #expect(mail["content_type"] == "multipart/alternative")
                let parts = mail["parts"]?.arrayValue ?? []
                #expect(parts.map { $0["type"] } == ["text/plain", "text/html"])
                let code = invites[0]["session_code"]?.stringValue ?? "?"
                #expect(parts.allSatisfy { $0["text"]?.stringValue?.contains(code) == true })
            }
        }
    }

    @Test func wrongCredentialsAndAnUntrustedCertificateAreRetriedNotFailed() async throws {
        let server = try TestMailServer()
        try await TestEnvironment.with(.sqlite) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let invite = try await client.invite(["ada@x.io"], to: event, key: env.keyA, query: "notify=1")[0]
                let id = invite["id"]?.stringValue ?? ""
                // The certificate is verified by default: without its CA the connection is refused, for now.
                let untrusted = "smtp://user:secret@127.0.0.1:\(server.port)"
                for url in [untrusted, server.url(password: "wrong")] {
                    let settings = try #require(SMTPSettings(url: url, from: Self.from))
                    let dispatcher = OutboxDispatcher(store: env.store, transport: SMTPTransport(settings: settings, time: env.time), time: env.time)
                    #expect(try await dispatcher.runOnce() == OutboxDispatcher.Outcome(retrying: 1), "\(url)")
                    env.time.advance(by: 3600)
                }
                let message = try #require(try await env.store.messages(inviteID: id).first)
                #expect(message.state == .queued && message.attempts == 2)
                #expect(message.lastError?.hasPrefix("the mail server refused the credentials") == true)
                #expect(try server.received().isEmpty)
                // Put right, the next attempt goes through.
                let settings = try #require(SMTPSettings(url: server.url(), from: Self.from))
                let dispatcher = OutboxDispatcher(store: env.store, transport: SMTPTransport(settings: settings, time: env.time), time: env.time)
                #expect(try await dispatcher.runOnce() == OutboxDispatcher.Outcome(delivered: 1))
                #expect(try server.received().count == 1)
            }
        }
    }

    @Test func aMailServerThatIsDownAndComesBackGetsEveryMessageOnce() async throws {
        let port = try ServerProcess.freePort()
        try await TestEnvironment.with(.sqlite) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let emails = (0..<20).map { "guest\($0)@x.io" }
                _ = try await client.invite(emails, to: event, key: env.keyA, query: "notify=1")
                // Nobody listens on the port yet: every message is retried, none failed.
                let down = try #require(SMTPSettings(url: "smtp://user:secret@127.0.0.1:\(port)", from: Self.from))
                let first = OutboxDispatcher(store: env.store, transport: SMTPTransport(settings: down, time: env.time), time: env.time)
                #expect(try await first.runOnce() == OutboxDispatcher.Outcome(retrying: 20))
                let server = try TestMailServer(port: port)
                let up = try #require(SMTPSettings(url: server.url(), from: Self.from))
                let second = OutboxDispatcher(store: env.store, transport: SMTPTransport(settings: up, time: env.time), time: env.time)
                env.time.advance(by: 3600)
                #expect(try await second.runOnce() == OutboxDispatcher.Outcome(delivered: 20))
                env.time.advance(by: 86_400)
                #expect(try await second.runOnce() == OutboxDispatcher.Outcome())
                let received = try server.received().compactMap { $0["to"]?.stringValue }
                #expect(received.sorted() == emails.sorted())
            }
        }
    }

    @Test func aServerKilledMidDeliveryLosesNoMessageAndRepeatsOnlyWithTheSameMessageID() async throws {
        let mail = try TestMailServer()
        try await StoreBackend.sqlite.withStore { store, url in
            let services = try SecuregateServices(store: store, time: SystemTimeSource(), ids: RandomIDGenerator(), hasher: SHA256SecretHasher())
            let principal = try await services.keys.authenticate(try await services.keys.issue(accountName: "A").token.text)
            let event = try await services.events.create(EventDraft(title: "Crash", startTimestamp: 1, endTimestamp: 2), by: principal)
            let emails = (0..<300).map { "guest\($0)@x.io" }
            let invites = try await services.invites.createBatch(
                emails.map { InviteDraft(email: $0) }, eventID: event.id, notify: .email, flow: .onlyAuth, by: principal
            )
            let arguments = ["--smtp-url", mail.url(), "--mail-from", "Crash <crash@example.org>", "--delivery-lease", "3"]
            let first = try await ServerProcess(database: DurabilityTests.databaseArgument(url), arguments: arguments)
            // Killed while it sends: some messages are in the mail server, others claimed and not finished.
            try await blocking {
                while (try mail.receivedFiles().count) < 30 { usleep(5_000) }
            }
            try await first.stop(with: SIGKILL)
            let atKill = try mail.receivedFiles().count
            let second = try await ServerProcess(database: DurabilityTests.databaseArgument(url), arguments: arguments)
            let deadline = Date().addingTimeInterval(60)
            var sent = 0
            while Date() < deadline {
                sent = try await store.invites(eventID: event.id, accountID: principal.accountID, status: .sent).count
                if sent == invites.count { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            try await second.stop(with: SIGTERM)
            #expect(atKill < emails.count, "the kill came before the last message")
            #expect(sent == invites.count)
            // Every invitee got the invitation; one sent twice (delivered, then killed before it was recorded)
            // carries the same Message-ID both times, so a mailbox keeps one.
            var idsByRecipient: [String: Set<String>] = [:]
            for file in try mail.receivedFiles() {
                let head = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\r\n\r\n")[0]
                let fields = Dictionary(head.components(separatedBy: "\r\n").compactMap { line -> (String, String)? in
                    guard let colon = line.firstIndex(of: ":") else { return nil }
                    return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                }) { first, _ in first }
                idsByRecipient[fields["To"] ?? "?", default: []].insert(fields["Message-ID"] ?? "?")
            }
            #expect(Set(idsByRecipient.keys) == Set(emails.map { "<\($0)>" }))
            #expect(idsByRecipient.values.allSatisfy { $0.count == 1 })
        }
    }

    @Test func smtpURLsAndAddresses() throws {
        let relay = try #require(SMTPSettings(url: "smtp://relay.local:25?starttls=off", from: Self.from))
        #expect(!relay.requireTLS && relay.port == 25 && relay.username == nil)
        let hosted = try #require(SMTPSettings(url: "smtps://u%40x:p%25w%3A@mail.example.org", from: Self.from))
        #expect(hosted.implicitTLS && hosted.port == 465 && hosted.username == "u@x" && hosted.password == "p%w:")
        #expect(hosted.description == "smtps://u@x@mail.example.org:465")
        #expect(SMTPSettings(url: "smtp://mail.example.org", from: Self.from)?.port == 587)
        #expect(SMTPSettings(url: "http://mail.example.org", from: Self.from) == nil)
        #expect(SMTPSettings(url: "smtp://mail.example.org?starttls=maybe", from: Self.from) == nil)
        #expect(MailAddress("Securegate <invites@example.org>") == MailAddress(name: "Securegate", address: "invites@example.org"))
        #expect(MailAddress("invites@example.org") == MailAddress(address: "invites@example.org"))
        #expect(MailAddress("not an address") == nil)
    }
}
