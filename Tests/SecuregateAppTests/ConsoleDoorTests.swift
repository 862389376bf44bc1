import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecuregateAPI
import SecuregateCore
import SecuregateTestSupport
import Testing

/// The console's door section: a door made for a gate shows its pairing link and QR code (after the redirect,
/// to its account only), is listed waiting then paired, scans appear newest first with their invitee, a
/// door is revoked with its key; an invite's page lists its scans.
struct ConsoleDoorTests {
    @Test(arguments: StoreBackend.available)
    func aDoorIsPairedListedAndRevokedAndTheLedgerFollowsTheScans(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await DoorTests.openEvent(client, key: env.keyA)
                let ada = try await DoorTests.guest(client, event: event, key: env.keyA, email: "ada@x.io")
                let cookie = try await ConsoleGuestListTests.session(client, key: env.keyA)
                let empty = String(buffer: try await DoorPairingTests.page(client, .get, "/console/events/\(event)/door", cookie: cookie).body)
                #expect(empty.contains("No door is paired yet.") && empty.contains("<td colspan=\"6\">No scan yet.</td>"))

                // A gate with no name is refused next to the field; a named one gets its link and QR code.
                let unnamed = try await DoorPairingTests.page(client, .post, "/console/events/\(event)/door", cookie: cookie, form: "gate=+++")
                let refused = String(buffer: try await DoorPairingTests.page(client, .get, try #require(unnamed.headers[.location]), cookie: cookie).body)
                #expect(refused.contains("Name the gate, in 1 to 64 characters."))
                let made = try await DoorPairingTests.page(client, .post, "/console/events/\(event)/door", cookie: cookie, form: "gate=north")
                let location = try #require(made.headers[.location])
                let page = String(buffer: try await DoorPairingTests.page(client, .get, location, cookie: cookie).body)
                #expect(page.contains("Pair the door at north") && page.contains("<svg") && page.contains("Waiting to be paired, until "))
                let link = try #require(page.firstMatch(of: /id="pairing-link" class="text-input" value="([^"]+)"/).map { String($0.1) })
                #expect(link.hasPrefix("http://127.0.0.1:8080/door/pair/"))
                // Another account, given the address, sees neither the event nor the link.
                let other = try await ConsoleGuestListTests.session(client, key: env.keyB)
                #expect(try await DoorPairingTests.page(client, .get, location, cookie: other).status == .notFound)

                // The device pairs: listed as paired; the link is no longer shown.
                let paired = try await DoorPairingTests.page(client, .post, String(link.dropFirst("http://127.0.0.1:8080".count)))
                let device = String(try #require(paired.headers[.setCookie]).split(separator: ";")[0])
                let listed = String(buffer: try await DoorPairingTests.page(client, .get, location, cookie: cookie).body)
                #expect(listed.contains("Paired ") && !listed.contains("Pair the door at north"))

                // Scans at the door appear newest first, with the invitee's name linking to their page.
                let door = String(buffer: try await DoorPairingTests.page(client, .get, "/door", cookie: device).body)
                let nonce = door.firstMatch(of: /name="nonce" value="([^"]+)"/).map { String($0.1) } ?? ""
                _ = try await DoorPairingTests.page(client, .post, "/door/scan", cookie: device, form: "nonce=\(nonce)&code=\(ada.code)&type=entry")
                env.time.advance(by: 60)
                _ = try await DoorPairingTests.page(client, .post, "/door/scan", cookie: device, form: "nonce=n2&code=\(ada.code)&type=entry")
                _ = try await DoorPairingTests.page(client, .post, "/door/scan", cookie: device, form: "nonce=n3&code=NOSUCHCODE&type=entry")
                let rows = try await DoorPairingTests.page(client, .get, "/console/events/\(event)/door/ledger", cookie: cookie)
                let lines = String(buffer: rows.body).split(separator: "\n").filter { $0.hasPrefix("<tr>") }
                #expect(rows.headers[.contentType] == "text/html; charset=utf-8" && lines.count == 3)
                #expect(lines[0].contains("Unknown") && lines[0].contains("unknown code"))
                #expect(lines[1].contains(#"<a href="/console/events/\#(event)/guests/\#(ada.id)">First0 Last</a>"#) && lines[1].contains("already inside"))
                #expect(lines[2].contains("Let in") && lines[2].contains("<td>north</td>") && lines[2].contains("QR code"))
                #expect(try await DoorPairingTests.page(client, .get, "/console/events/\(event)/door/ledger", cookie: other).status == .unauthorized)
                // The invite's page lists its own scans.
                let invite = String(buffer: try await DoorPairingTests.page(client, .get, "/console/events/\(event)/guests/\(ada.id)", cookie: cookie).body)
                #expect(invite.components(separatedBy: "<td>north</td>").count == 3 && !invite.contains("unknown code"))

                // Revoked: the device can no longer scan; another account cannot revoke.
                let doorID = try #require(listed.firstMatch(of: /door\/(door_[a-z0-9_]+)\/revoke/).map { String($0.1) })
                #expect(try await DoorPairingTests.page(client, .post, "/console/events/\(event)/door/\(doorID)/revoke", cookie: other).status == .notFound)
                let revoked = try await DoorPairingTests.page(client, .post, "/console/events/\(event)/door/\(doorID)/revoke", cookie: cookie)
                let after = String(buffer: try await DoorPairingTests.page(client, .get, try #require(revoked.headers[.location]), cookie: cookie).body)
                #expect(after.contains("The door at north is revoked") && after.contains("Revoked "))
                let refusedScan = try await DoorPairingTests.page(client, .get, "/door", cookie: device)
                #expect(String(buffer: refusedScan.body).contains("This device is not a door"))
            }
        }
    }
}
