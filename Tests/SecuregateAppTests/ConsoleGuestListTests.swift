import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecuregateAPI
import SecuregateCore
import SecuregateTestSupport
import Testing

/// The console's guest list: pages read from a place in the list (filters kept), a status filter, a search
/// of names and emails, the selected guests accepted, rejected or invited again, one guest added by form,
/// an invite's page with its status control and history, and the list exported as CSV.
struct ConsoleGuestListTests {
    /// A signed-in console's cookie for `key`.
    static func session(_ client: any TestClientProtocol, key: String) async throws -> String {
        try #require(ConsoleTests.cookie(try await ConsoleTests.signIn(client, key: key)))
    }

    /// The invite ids of a guest list page, in the order shown.
    static func rows(_ page: String) -> [String] {
        page.components(separatedBy: #"name="invite" value=""#).dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// The address of a page's link with `rel`, its `&amp;` read back.
    static func link(_ page: String, rel: String) -> String? {
        guard let range = page.range(of: #"href="[^"]*" rel="\#(rel)""#, options: .regularExpression) else { return nil }
        return String(page[range].dropFirst(6).prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test(arguments: StoreBackend.available)
    func pagesFiltersAndSearchKeepTheirPlace(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let emails = (0..<120).map { String(format: "guest%03d@example.org", $0) } + ["ada_lovelace@example.org"]
                let invites = try await client.invite(emails, to: event, key: env.keyA)
                let ids = invites.compactMap { $0["id"]?.stringValue }
                let cookie = try await Self.session(client, key: env.keyA)

                // Three pages of 50, 50 and 21, in creation order; Previous goes back.
                let first = String(buffer: try await DoorPairingTests.page(client, .get, "/console/events/\(event)/guests", cookie: cookie).body)
                #expect(Self.rows(first) == Array(ids[0..<50]) && Self.link(first, rel: "prev") == nil)
                let secondURL = try #require(Self.link(first, rel: "next"))
                let second = String(buffer: try await DoorPairingTests.page(client, .get, secondURL, cookie: cookie).body)
                #expect(Self.rows(second) == Array(ids[50..<100]))
                let third = String(buffer: try await DoorPairingTests.page(client, .get, try #require(Self.link(second, rel: "next")), cookie: cookie).body)
                #expect(Self.rows(third) == Array(ids[100...]) && Self.link(third, rel: "next") == nil)
                let back = String(buffer: try await DoorPairingTests.page(client, .get, try #require(Self.link(third, rel: "prev")), cookie: cookie).body)
                #expect(Self.rows(back) == Array(ids[50..<100]))
                let backToFirst = String(buffer: try await DoorPairingTests.page(client, .get, try #require(Self.link(back, rel: "prev")), cookie: cookie).body)
                #expect(Self.rows(backToFirst) == Array(ids[0..<50]) && Self.link(backToFirst, rel: "prev") == nil)

                // The selected guests accepted: the list says so, and the status filter finds them.
                let picked = [ids[3], ids[70], ids[119]]
                let form = (picked.map { "invite=\($0)" } + ["action=accept", "back=/console/events/\(event)/guests"]).joined(separator: "&")
                let done = try await DoorPairingTests.page(client, .post, "/console/events/\(event)/guests/actions", cookie: cookie, form: form)
                #expect(done.status == .seeOther && done.headers[.location] == "/console/events/\(event)/guests?done=accept&count=3")
                let notice = String(buffer: try await DoorPairingTests.page(client, .get, try #require(done.headers[.location]), cookie: cookie).body)
                #expect(notice.contains("3 invites accepted."))
                let accepted = String(buffer: try await DoorPairingTests.page(client, .get, "/console/events/\(event)/guests?status=accepted", cookie: cookie).body)
                #expect(Self.rows(accepted) == picked && accepted.contains(#"<option value="accepted" selected>"#))
                let history = try await client.call(.get, "/events/\(event)/invites/\(ids[70])/history", key: env.keyA).json.arrayValue
                #expect(history.last?["source"] == "console" && history.last?["to_status"] == "accepted" && history.last?["key_id"]?.stringValue?.isEmpty == false)

                // A search finds names and emails, case-insensitive; `_` is itself, not any character.
                let search = String(buffer: try await DoorPairingTests.page(client, .get, "/console/events/\(event)/guests?q=GUEST11", cookie: cookie).body)
                #expect(Self.rows(search) == Array(ids[110..<120]) && search.contains(#"value="GUEST11""#))
                let underscore = String(buffer: try await DoorPairingTests.page(client, .get, "/console/events/\(event)/guests?q=a_l", cookie: cookie).body)
                #expect(Self.rows(underscore) == [ids[120]])
                let names = String(buffer: try await DoorPairingTests.page(client, .get, "/console/events/\(event)/guests?q=first70+last&status=accepted", cookie: cookie).body)
                #expect(Self.rows(names) == [ids[70]], "a full name, with a status")
                // Filters are kept by the page's links.
                let filtered = String(buffer: try await DoorPairingTests.page(client, .get, "/console/events/\(event)/guests?q=example", cookie: cookie).body)
                #expect(Self.link(filtered, rel: "next")?.hasPrefix("/console/events/\(event)/guests?q=example&after=") == true)

                // Another account's console sees none of it.
                let other = try await Self.session(client, key: env.keyB)
                #expect(try await DoorPairingTests.page(client, .get, "/console/events/\(event)/guests", cookie: other).status == .notFound)
                #expect(try await DoorPairingTests.page(client, .get, "/console/events/\(event)/guests/\(ids[0])", cookie: other).status == .notFound)
                let foreign = try await DoorPairingTests.page(client, .post, "/console/events/\(event)/guests/actions", cookie: other, form: "invite=\(ids[0])&action=reject")
                #expect(foreign.status == .notFound)
                #expect(try await client.call(.get, "/invites/\(ids[0])", key: env.keyA).json["status"] == "pending")
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func anInvitesPageChangesItsStatusAndShowsWhoDidIt(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let cookie = try await Self.session(client, key: env.keyA)

                // One guest by form: what the API refuses is said next to its field, what was typed is kept.
                let refused = try await DoorPairingTests.page(
                    client, .post, "/console/events/\(event)/guests", cookie: cookie, form: "first_name=Ada&email=ada.example.org&country_code=33&notify=0"
                )
                let refusedPage = String(buffer: refused.body)
                #expect(refused.status == .unprocessableContent)
                #expect(refusedPage.contains("“ada.example.org” is not an email address.") && refusedPage.contains(#"value="Ada""#))
                // The API's own words (the vendor's enum names `1` twice, and so does its message).
                #expect(refusedPage.contains(#"id="country_code-error">Input should be &#39;1&#39;, &#39;44&#39;, &#39;1&#39;, &#39;61&#39;, &#39;91&#39; or &#39;345&#39;</p>"#))
                let added = try await DoorPairingTests.page(
                    client, .post, "/console/events/\(event)/guests", cookie: cookie,
                    form: "first_name=Ada&last_name=Lovelace&email=ada%40example.org&country_code=44&mobile_number=7700900123&authentication_method=QR+Code&notify=1"
                )
                #expect(added.status == .seeOther)
                let location = try #require(added.headers[.location])
                #expect(location.hasSuffix("?done=added"))
                let inviteID = String(location.split(separator: "/")[4].prefix { $0 != "?" })
                let invite = try await client.call(.get, "/invites/\(inviteID)", key: env.keyA)
                #expect(invite.json["email"] == "ada@example.org" && invite.json["country_code"] == "44" && invite.json["event_id"] == .string(event))
                let again = try await DoorPairingTests.page(client, .post, "/console/events/\(event)/guests", cookie: cookie, form: "email=ADA%40example.org&notify=0")
                #expect(again.status == .seeOther, "\(String(buffer: again.body))")
                #expect(again.headers[.location] == "/console/events/\(event)/guests/\(inviteID)?done=already_invited", "the same person is not invited twice")

                // Its page: details, the queued email, the link and its QR code.
                let page = String(buffer: try await DoorPairingTests.page(client, .get, location, cookie: cookie).body)
                #expect(page.contains("<h1>Ada Lovelace</h1>") && page.contains("Ada Lovelace is invited."))
                #expect(page.contains("Email to ada@example.org") && page.contains("+44 7700900123"))
                #expect(page.contains(">Send again by email</button>") && page.contains(">Send again by SMS</button>"))
                let link = try await client.call(.get, "/invites/\(inviteID)/link", key: env.keyA).json["url"]?.stringValue
                #expect(link.map { page.contains(#"value="\#($0)""#) } == true)
                let qr = try await DoorPairingTests.page(client, .get, "/console/events/\(event)/guests/\(inviteID)/qr.png", cookie: cookie)
                #expect(qr.status == .ok && qr.headers[.contentType] == "image/png")

                // The status control: the change is the console's, with the key's id, in the history.
                env.time.advance(by: 60)
                let changed = try await DoorPairingTests.page(client, .post, "/console/events/\(event)/guests/\(inviteID)/status", cookie: cookie, form: "status=rejected")
                #expect(changed.headers[.location] == "/console/events/\(event)/guests/\(inviteID)?done=status")
                let after = String(buffer: try await DoorPairingTests.page(client, .get, try #require(changed.headers[.location]), cookie: cookie).body)
                #expect(after.contains("The status is now Rejected."))
                let keyID = try await env.services.console.signIn(key: env.keyA).keyID
                #expect(after.contains("Pending → Rejected, by the console (key <code>\(keyID)</code>)"))
                #expect(try await client.call(.get, "/invites/\(inviteID)", key: env.keyA).json["status"] == "rejected")

                // Send again: one more message, on the chosen channel.
                let resent = try await DoorPairingTests.page(client, .post, "/console/events/\(event)/guests/\(inviteID)/resend", cookie: cookie, form: "channel=sms")
                #expect(resent.headers[.location]?.hasSuffix("?done=resent") == true)
                let messages = try await client.call(.get, "/invites/\(inviteID)/messages", key: env.keyA).json.arrayValue
                #expect(messages.map { $0["channel"]?.stringValue } == ["email", "sms"])

                // A form from another site changes nothing.
                let foreign = try await client.execute(
                    uri: "/console/events/\(event)/guests/\(inviteID)/status", method: .post,
                    headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site", .contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                    body: ByteBuffer(string: "status=accepted")
                ) { $0 }
                #expect(foreign.status == .forbidden)
                #expect(try await client.call(.get, "/invites/\(inviteID)", key: env.keyA).json["status"] == "rejected")

                // A tab left open on an event archived since: its forms get the console's page, not the API's JSON.
                _ = try await client.call(.delete, "/events/\(event)", key: env.keyA)
                let stale = try await DoorPairingTests.page(client, .post, "/console/events/\(event)/guests/\(inviteID)/status", cookie: cookie, form: "status=accepted")
                #expect(stale.status == .conflict && stale.headers[.contentType] == "text/html; charset=utf-8")
                #expect(String(buffer: stale.body).contains("<h1>This event is archived</h1>") && stale.headers[.contentSecurityPolicy] != nil)
                let bulk = try await DoorPairingTests.page(client, .post, "/console/events/\(event)/guests/actions", cookie: cookie, form: "invite=\(inviteID)&action=resend")
                #expect(bulk.status == .conflict)
                #expect(try await client.call(.get, "/invites/\(inviteID)", key: env.keyA).json["status"] == "rejected")
            }
        }
    }
}
