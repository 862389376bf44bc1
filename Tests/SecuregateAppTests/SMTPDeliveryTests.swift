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

    /// The templates the server uses by default, stating times in UTC.
    static func templates() async throws -> MessageTemplates {
        try await MessageTemplates()
    }

    /// An event with every text a message shows, some of it beyond ASCII.
    static let event = #"{"title":"Lancement à Paris","description":"Our spring launch.","instructions":"Bring an ID; doors close at 18:30.","location":{"address":"1 Rue de Rivoli","city":"Paris","country":"France"},"start_timestamp":1900000800,"end_timestamp":1900013400}"#

    @Test(arguments: StoreBackend.available)
    func invitationsReachTheMailServerAndOnlyThoseMakeInvitesSent(_ backend: StoreBackend) async throws {
        let server = try TestMailServer(refused: ["nobody@x.io"])
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.call(.post, "/events", key: env.keyA, body: Self.event).string("id") ?? ""
                let invites = try await client.invite(["ada@x.io", "nobody@x.io"], to: event, key: env.keyA, query: "notify=1")
                let settings = try #require(SMTPSettings(url: server.url(), from: Self.from))
                let transport = SMTPTransport(settings: settings, templates: try await Self.templates(), time: env.time)
                let dispatcher = OutboxDispatcher(store: env.store, transport: transport, time: env.time)
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
                #expect(mail["to"] == "First0 Last <ada@x.io>")
                #expect(mail["subject"] == "Your invitation: Lancement à Paris")
                #expect(mail["message_id"] == .string("<\(messageID)@example.org>"))
                #expect(mail["date"] == "Thu, 01 Jan 2026 00:00:00 +0000")
                #expect(mail["auto_submitted"] == "auto-generated")
                // Text, or HTML with its picture; the calendar file beside them.
                #expect(mail["structure"] == "multipart/mixed(multipart/alternative(text/plain,multipart/related(text/html,image/png)),text/calendar)")
                let code = invites[0]["session_code"]?.stringValue ?? "?"
                for part in ["text", "html"] {
                    let text = mail[part]?.stringValue ?? ""
                    for expected in ["First0", "Lancement à Paris", "Sunday 17 March 2030, 18:00 to 21:30 (UTC+00:00)", code,
                                     "1 Rue de Rivoli, Paris, France", "Our spring launch."] {
                        #expect(text.contains(expected), "\(part) lacks \(expected)")
                    }
                }
                #expect(mail["text"]?.stringValue?.contains("Bring an ID; doors close at 18:30.") == true)
                #expect(mail["html"]?.stringValue?.contains("Bring an ID; doors close at 18:30.") == true)
                // The HTML shows the inline picture by its Content-ID, and the picture is the invite's QR code.
                let image = try #require(mail["image"])
                let contentID = image["content_id"]?.stringValue ?? "?"
                #expect(contentID == "<qr.\(messageID)@example.org>")
                #expect(mail["html"]?.stringValue?.contains("src=\"cid:\(contentID.dropFirst().dropLast())\"") == true)
                #expect(image["disposition"] == "inline")
                #expect(image["qr"] == .string(code))
                // The calendar file: a stable UID per invite, the event's times and place, no secret, no organizer.
                let calendar = try #require(mail["calendar"])
                #expect(calendar["filename"] == "invitation.ics" && calendar["disposition"] == "attachment")
                #expect(calendar["method"] == "PUBLISH" && calendar["events"] == 1)
                #expect(calendar["uid"] == .string("\(ada)@securegate"))
                #expect(calendar["summary"] == "Lancement à Paris")
                #expect(calendar["start"] == "2030-03-17T18:00:00+00:00" && calendar["end"] == "2030-03-17T21:30:00+00:00")
                #expect(calendar["location"] == "1 Rue de Rivoli, Paris, France")
                #expect(calendar["description"] == "Our spring launch.\n\nBring an ID; doors close at 18:30.")
                #expect(calendar["organizer"] == false)
                #expect(!"\(calendar)".contains(code), "the entry code stays out of the calendar")
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
                    let dispatcher = OutboxDispatcher(store: env.store, transport: SMTPTransport(settings: settings, templates: try await Self.templates(), time: env.time), time: env.time)
                    #expect(try await dispatcher.runOnce() == OutboxDispatcher.Outcome(retrying: 1), "\(url)")
                    env.time.advance(by: 3600)
                }
                let message = try #require(try await env.store.messages(inviteID: id).first)
                #expect(message.state == .queued && message.attempts == 2)
                #expect(message.lastError?.hasPrefix("the mail server refused the credentials") == true)
                #expect(try server.received().isEmpty)
                // Put right, the next attempt goes through.
                let settings = try #require(SMTPSettings(url: server.url(), from: Self.from))
                let dispatcher = OutboxDispatcher(store: env.store, transport: SMTPTransport(settings: settings, templates: try await Self.templates(), time: env.time), time: env.time)
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
                let first = OutboxDispatcher(store: env.store, transport: SMTPTransport(settings: down, templates: try await Self.templates(), time: env.time), time: env.time)
                #expect(try await first.runOnce() == OutboxDispatcher.Outcome(retrying: 20))
                let server = try TestMailServer(port: port)
                let up = try #require(SMTPSettings(url: server.url(), from: Self.from))
                let second = OutboxDispatcher(store: env.store, transport: SMTPTransport(settings: up, templates: try await Self.templates(), time: env.time), time: env.time)
                env.time.advance(by: 3600)
                #expect(try await second.runOnce() == OutboxDispatcher.Outcome(delivered: 20))
                env.time.advance(by: 86_400)
                #expect(try await second.runOnce() == OutboxDispatcher.Outcome())
                let received = try server.received().compactMap { $0["to"]?.stringValue.map(Self.address) }
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
                idsByRecipient[Self.address(fields["To"] ?? "?"), default: []].insert(fields["Message-ID"] ?? "?")
            }
            #expect(Set(idsByRecipient.keys) == Set(emails))
            #expect(idsByRecipient.values.allSatisfy { $0.count == 1 })
        }
    }

    @Test(arguments: StoreBackend.available.filter { $0 == .postgres })
    func twoServersOnOnePostgreSQLDatabaseShareTheMailAndSendNoneTwice(_ backend: StoreBackend) async throws {
        let mail = try TestMailServer()
        try await backend.withStore { store, url in
            let services = try SecuregateServices(store: store, time: SystemTimeSource(), ids: RandomIDGenerator(), hasher: SHA256SecretHasher())
            let principal = try await services.keys.authenticate(try await services.keys.issue(accountName: "A").token.text)
            let event = try await services.events.create(EventDraft(title: "Shared", startTimestamp: 1, endTimestamp: 2), by: principal)
            let arguments = ["--smtp-url", mail.url(), "--mail-from", "Shared <shared@example.org>", "--smtp-connections", "2"]
            let servers = [
                try await ServerProcess(database: DurabilityTests.databaseArgument(url), logLevel: "info", arguments: arguments),
                try await ServerProcess(database: DurabilityTests.databaseArgument(url), logLevel: "info", arguments: arguments),
            ]
            // Queued while both run, in batches, so that both workers find work.
            let emails = (0..<400).map { "guest\($0)@x.io" }
            for start in stride(from: 0, to: emails.count, by: 100) {
                _ = try await services.invites.createBatch(
                    emails[start..<start + 100].map { InviteDraft(email: $0) }, eventID: event.id, notify: .email, flow: .onlyAuth, by: principal
                )
            }
            let deadline = Date().addingTimeInterval(90)
            var sent = 0
            while Date() < deadline {
                sent = try await store.invites(eventID: event.id, accountID: principal.accountID, status: .sent).count
                if sent == emails.count { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            // What each instance says it delivered, read before the logs go with the processes.
            let shares = servers.map { server in
                server.log.components(separatedBy: "\n").filter { $0.contains("Outbox pass") }.compactMap { line in
                    line.range(of: "delivered=").flatMap { Int(line[$0.upperBound...].prefix { $0.isNumber }) }
                }.reduce(0, +)
            }
            for server in servers { try await server.stop(with: SIGTERM) }
            #expect(sent == emails.count)
            let received = try mail.receivedFiles().map { file in
                let head = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\r\n\r\n")[0]
                return head.components(separatedBy: "\r\n").first { $0.hasPrefix("To: ") }.map { Self.address($0) } ?? "?"
            }
            #expect(received.count == emails.count, "each message once")
            #expect(Set(received) == Set(emails))
            // Every message delivered by one of the instances, and both took part.
            #expect(shares.reduce(0, +) == emails.count && shares.allSatisfy { $0 > 0 }, "shares: \(shares)")
        }
    }

    /// The address of a `Name <address>` header.
    static func address(_ header: String) -> String {
        guard let open = header.lastIndex(of: "<"), let close = header.lastIndex(of: ">") else { return header }
        return String(header[header.index(after: open)..<close])
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
