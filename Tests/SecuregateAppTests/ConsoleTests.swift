import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecuregateAPI
import SecuregateCore
import SecuregateTestSupport
import Testing

/// The console's sign-in: an admin key begins a server-side session (its cookie HTTP-only, SameSite=Strict,
/// for /console only; the database holds only its digest), a door's key and a wrong key are told why in
/// words, the session lasts 12 idle hours and follows use, ends with its key or on signing out; the events
/// page lists the account's events, grouped, and no other account's.
struct ConsoleTests {
    /// The session cookie a sign-in answer sets, as a request sends it back.
    static func cookie(_ response: TestResponse) -> String? {
        response.headers[values: .setCookie].first { $0.hasPrefix("securegate_console=") }.map { String($0.split(separator: ";")[0]) }
    }

    static func signIn(_ client: any TestClientProtocol, key: String) async throws -> TestResponse {
        let form = "key=" + (key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? key)
        return try await DoorPairingTests.page(client, .post, "/console/sign-in", form: form)
    }

    @Test(arguments: StoreBackend.available)
    func anAdminKeySignsInForTwelveIdleHoursAndSigningOutEndsIt(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let now = Int(TestEnvironment.start.timeIntervalSince1970)
                _ = try await client.call(.post, "/events", key: env.keyA, body: Payload.event(title: "Spring gala", start: now + 86_400, end: now + 90_000))
                _ = try await client.call(.post, "/events", key: env.keyA, body: Payload.event(title: "Open day", start: now - 600, end: now + 3600))
                let archived = try await client.createEvent(key: env.keyA, start: now + 7200, end: now + 9000)
                _ = try await client.call(.delete, "/events/\(archived)", key: env.keyA)
                _ = try await client.call(.post, "/events", key: env.keyB, body: Payload.event(title: "Another account's party", start: now + 600, end: now + 900))

                let signIn = try await DoorPairingTests.page(client, .get, "/console")
                #expect(signIn.status == .ok && String(buffer: signIn.body).contains("<h1>Sign in</h1>"))
                // A door's key and a wrong key are refused, each with its reason next to the field.
                let door = try await env.services.keys.issue(accountName: "A", scope: .checkin).token.text
                let refused = try await Self.signIn(client, key: door)
                #expect(refused.status == .forbidden && String(buffer: refused.body).contains("That is a door's key") && Self.cookie(refused) == nil)
                let wrong = try await Self.signIn(client, key: "sg_nothing")
                #expect(wrong.status == .unauthorized && String(buffer: wrong.body).contains("That key is not valid"))
                let foreign = try await client.execute(
                    uri: "/console/sign-in", method: .post,
                    headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site", .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "key=\(env.keyA)")
                ) { $0 }
                #expect(foreign.status == .forbidden && Self.cookie(foreign) == nil, "another site cannot sign anyone in")

                // An admin key: a session cookie for /console, out of scripts' reach.
                let signedIn = try await Self.signIn(client, key: env.keyA)
                #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/console")
                let setCookie = try #require(signedIn.headers[values: .setCookie].first)
                for attribute in ["HttpOnly", "SameSite=Strict", "Path=/console"] { #expect(setCookie.contains(attribute), "\(attribute): \(setCookie)") }
                let cookie = try #require(Self.cookie(signedIn))
                let sessionID = String(cookie.dropFirst("securegate_console=".count))
                #expect(try await env.store.persistValue(key: "console.\(sessionID)", now: env.time.now()) == nil, "only the digest is stored")

                let events = String(buffer: try await DoorPairingTests.page(client, .get, "/console", cookie: cookie).body)
                #expect(events.contains("<h1>Events</h1>") && events.contains("Signed in with key"))
                let order = ["Ongoing", "Open day", "Upcoming", "Spring gala", "Archived", "Launch"].map { events.range(of: $0)?.lowerBound }
                #expect(order.allSatisfy { $0 != nil } && zip(order, order.dropFirst()).allSatisfy { $0! < $1! }, "grouped as the API groups them")
                #expect(!events.contains("Another account"), "one account never sees another's events")

                // Eleven hours later it is still open, and using it keeps it for twelve more.
                env.time.advance(by: 11 * 3600)
                #expect(String(buffer: try await DoorPairingTests.page(client, .get, "/console", cookie: cookie).body).contains("<h1>Events</h1>"))
                env.time.advance(by: 11 * 3600)
                #expect(String(buffer: try await DoorPairingTests.page(client, .get, "/console", cookie: cookie).body).contains("<h1>Events</h1>"))
                // Twelve idle hours: over.
                env.time.advance(by: 12 * 3600 + 1)
                #expect(String(buffer: try await DoorPairingTests.page(client, .get, "/console", cookie: cookie).body).contains("<h1>Sign in</h1>"))

                // Signing out ends the session: the cookie no longer opens anything.
                let again = try #require(Self.cookie(try await Self.signIn(client, key: env.keyA)))
                let out = try await DoorPairingTests.page(client, .post, "/console/sign-out", cookie: again)
                #expect(out.status == .seeOther)
                #expect(String(buffer: try await DoorPairingTests.page(client, .get, "/console", cookie: again).body).contains("<h1>Sign in</h1>"))

                // Revoking the key ends its sessions.
                let third = try #require(Self.cookie(try await Self.signIn(client, key: env.keyA)))
                #expect(try await env.services.keys.revoke(keyID: (try await env.services.keys.authenticate(env.keyA)).keyID))
                #expect(String(buffer: try await DoorPairingTests.page(client, .get, "/console", cookie: third).body).contains("<h1>Sign in</h1>"))
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func theEventFormShowsTheAPIsErrorsNextToTheirFieldsAndCreatesAsTheKey(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                #expect(try await DoorPairingTests.page(client, .get, "/console/events/new").headers[.location] == "/console", "signed out: to signing in")
                let cookie = try #require(Self.cookie(try await Self.signIn(client, key: env.keyA)))
                let blank = String(buffer: try await DoorPairingTests.page(client, .get, "/console/events/new", cookie: cookie).body)
                #expect(blank.contains("<h1>New event</h1>") && blank.contains("times in UTC"))

                // No start (a browser that skips the form's own checks), an end that is no time: the API's words.
                let refused = try await DoorPairingTests.page(
                    client, .post, "/console/events", cookie: cookie, form: "title=Gala&starts=&ends=next+friday&city=Lyon&type=dated"
                )
                let page = String(buffer: refused.body)
                #expect(refused.status == .unprocessableContent)
                #expect(page.contains(#"<p class="field-error" id="starts-error">Field required</p>"#), "\(page)")
                #expect(page.contains(#"<p class="field-error" id="ends-error">Input should be a valid integer, unable to parse string as an integer</p>"#))
                #expect(page.contains(#"value="Gala""#) && page.contains(#"value="Lyon""#), "what was typed stays")
                #expect(try await client.call(.get, "/events", key: env.keyA).json["up_coming"]?.arrayValue.isEmpty == true, "nothing created")
                let badKind = try await DoorPairingTests.page(
                    client, .post, "/console/events", cookie: cookie, form: "title=Gala&starts=2026-03-01T18%3A00&ends=2026-03-01T23%3A30&type=weekly"
                )
                #expect(String(buffer: badKind.body).contains(#"id="type-error">Input should be &#39;fixed&#39; or &#39;dated&#39;</p>"#), "escaped as HTML")

                // Right: created as the key signed in with, its times read in the server's zone.
                let created = try await DoorPairingTests.page(
                    client, .post, "/console/events", cookie: cookie,
                    form: "title=Spring+gala&description=Dinner&starts=2026-03-01T18%3A00&ends=2026-03-01T23%3A30&city=Lyon&country=France&type=dated"
                )
                #expect(created.status == .seeOther)
                let location = try #require(created.headers[.location])
                let listed = try await client.call(.get, "/events", key: env.keyA).json["up_coming"]?.arrayValue ?? []
                #expect(listed.count == 1 && location == "/console?created=\(listed[0]["id"]?.stringValue ?? "")")
                #expect(listed.first?["title"] == "Spring gala" && listed.first?["location"]?["city"] == "Lyon")
                #expect(listed.first?["start_timestamp"] == 1_772_388_000 && listed.first?["end_timestamp"] == 1_772_407_800)
                #expect(try await client.call(.get, "/events", key: env.keyB).json["up_coming"]?.arrayValue.isEmpty == true)
                let notice = String(buffer: try await DoorPairingTests.page(client, .get, location, cookie: cookie).body)
                #expect(notice.contains("“Spring gala” was created."))
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func anEventsPageCountsItsGuestsAndArchivesAfterAConfirmation(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await DoorTests.openEvent(client, key: env.keyA)
                let ada = try await DoorTests.guest(client, event: event, key: env.keyA, email: "ada@x.io")
                _ = try await DoorTests.guest(client, event: event, key: env.keyA, email: "bob@x.io", status: "pending")
                _ = try await DoorTests.scan(client, event: event, key: env.keyA, code: ada.code)
                let other = try await client.createEvent(key: env.keyB)
                let cookie = try #require(Self.cookie(try await Self.signIn(client, key: env.keyA)))

                let page = String(buffer: try await DoorPairingTests.page(client, .get, "/console/events/\(event)", cookie: cookie).body)
                #expect(page.contains("<h1>Launch</h1>") && page.contains("<dt>Now</dt><dd>Upcoming</dd>"))
                #expect(page.contains("<dt>Where</dt><dd>Paris</dd>"), "no address: the city alone")
                #expect(page.contains("Inside <strong data-inside>1</strong> · accepted <strong data-accepted>1</strong>"), "\(page)")
                #expect(page.contains("<dt>Invited</dt><dd>2</dd>") && page.contains("<dt>Pending</dt><dd>1</dd>"))
                #expect(page.contains(#"data-counts-url="/console/events/\#(event)/counts""#))
                let listed = String(buffer: try await DoorPairingTests.page(client, .get, "/console", cookie: cookie).body)
                #expect(listed.contains(#"<a href="/console/events/\#(event)">Launch</a>"#))
                // Another account's event is not found; signed out, the page asks to sign in.
                #expect(try await DoorPairingTests.page(client, .get, "/console/events/\(other)", cookie: cookie).status == .notFound)
                #expect(try await DoorPairingTests.page(client, .get, "/console/events/\(other)/counts", cookie: cookie).status == .unauthorized)
                #expect(try await DoorPairingTests.page(client, .get, "/console/events/\(event)").headers[.location] == "/console")

                // Archiving asks first; the button archives it, as the API's DELETE does.
                let confirm = String(buffer: try await DoorPairingTests.page(client, .get, "/console/events/\(event)/archive", cookie: cookie).body)
                #expect(confirm.contains("Archive “Launch”?") && confirm.contains(#"action="/console/events/\#(event)/archive""#))
                #expect(try await client.call(.get, "/events/\(event)", key: env.keyA).json["is_deleted"] == false, "asking archives nothing")
                let archived = try await DoorPairingTests.page(client, .post, "/console/events/\(event)/archive", cookie: cookie)
                #expect(archived.status == .seeOther && archived.headers[.location] == "/console/events/\(event)")
                #expect(try await client.call(.get, "/events/\(event)", key: env.keyA).json["is_deleted"] == true)
                let after = String(buffer: try await DoorPairingTests.page(client, .get, "/console/events/\(event)", cookie: cookie).body)
                #expect(after.contains("This event is archived") && !after.contains("Archive this event"))
                #expect(try await DoorPairingTests.page(client, .post, "/console/events/\(other)/archive", cookie: cookie).status == .notFound)
                #expect(try await client.call(.get, "/events/\(other)", key: env.keyB).json["is_deleted"] == false)
            }
        }
    }
}
