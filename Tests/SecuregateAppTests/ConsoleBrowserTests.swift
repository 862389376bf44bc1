import Foundation
import SecuregateAPI
import SecuregateStore
import Testing

/// The console in Chromium, against the real server: refused with a door's key, signed in with an admin key,
/// the events grouped, an event refused with the API's error next to its field and then created, axe's WCAG 2
/// A and AA rules clean, and signed out for good.
struct ConsoleBrowserTests {
    @Test func signInSeeTheEventsAndSignOutInABrowser() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-console-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = DatabaseURL.sqlite(path: directory.appendingPathComponent("console.db").path)
        let server = try await ServerProcess(database: url.description)
        defer { server.process.terminate() }
        let admin = try await ServerProcess.createKey(account: "org", database: url.description)
        let door = try await ServerProcess.createKey(account: "org", scope: "checkin", database: url.description)
        let (openDay, code) = try await blocking { () -> (String, String) in
            let connection = try RawConnection(port: server.port)
            let now = Int(Date().timeIntervalSince1970)
            var ids: [String] = []
            for (title, start, end) in [("Spring gala", now + 86_400, now + 90_000), ("Open day", now - 600, now + 3600), ("Winter ball", now - 9000, now - 7200)] {
                let made = try connection.request("POST", "/events", key: admin, body: Payload.event(title: title, start: start, end: end))
                ids.append(try PythonJSONParser.parse(Array(made.body.utf8))["id"]?.stringValue ?? "")
            }
            let invites = try connection.request("POST", "/events/\(ids[1])/invites?notify=0", key: admin, body: Payload.invites(["ada@x.io"]))
            let invite = try PythonJSONParser.parse(Array(invites.body.utf8)).arrayValue[0]
            _ = try connection.request("PUT", "/events/\(ids[1])/invites/\(invite["id"]?.stringValue ?? "")", key: admin, body: #"{"status":"accepted"}"#)
            return (ids[1], invite["session_code"]?.stringValue ?? "")
        }
        let seen = try await InviteePageBrowserTests.drive(
            "console_page", ["http://127.0.0.1:\(server.port)", admin, door, InviteePageBrowserTests.screenshots.path, openDay, code]
        )
        #expect(seen["first_h1"] == ["Sign in"] && seen["focused"] == "key")
        #expect(seen["door_key"]?["error"]?.arrayValue.first?.stringValue?.hasPrefix("That is a door's key") == true, "\(seen["door_key"] ?? .null)")
        #expect(seen["door_key"]?["described"] == "key-error", "the error is tied to its field")
        #expect(seen["signed_in"]?["h1"] == ["Events"] && seen["signed_in"]?["groups"] == ["Ongoing", "Upcoming", "Ended"])
        #expect(seen["signed_in"]?["events"] == ["Open day", "Spring gala", "Winter ball"])
        #expect(seen["signed_in"]?["cookie_visible_to_script"] == "")
        #expect(seen["cookie"]?["httpOnly"] == true && seen["cookie"]?["sameSite"] == "Strict" && seen["cookie"]?["path"] == "/console")
        #expect(seen["form_h1"] == ["New event"])
        #expect(seen["refused_event"]?["starts"] == ["Field required"] && seen["refused_event"]?["title"] == "Harvest fair", "\(seen["refused_event"] ?? .null)")
        #expect(seen["created"]?["notice"] == ["“Harvest fair” was created."], "\(seen["created"] ?? .null)")
        #expect(seen["created"]?["events"]?.arrayValue.contains("Harvest fair") == true)
        let listed = try await blocking { try RawConnection(port: server.port).request("GET", "/events", key: admin) }
        #expect(listed.body.contains(#""title":"Harvest fair""#), "the API has it")
        #expect(seen["event_page"]?["h1"] == ["Open day"] && seen["event_page"]?["inside"] == "0")
        #expect(seen["event_page"]?["inside_after_scan"] == "1", "the page's counter follows a scan: \(seen["event_page"] ?? .null)")
        #expect(seen["archived"]?.arrayValue.first?.stringValue?.hasPrefix("This event is archived") == true, "\(seen["archived"] ?? .null)")
        #expect(seen["after_sign_out"] == ["Sign in"] && seen["old_cookie"] == ["Sign in"])
        for page in ["sign_in", "refused", "events", "event_form", "event_page"] {
            #expect(seen["accessibility"]?[page] == [], "\(page): \(seen["accessibility"]?[page] ?? .null)")
            #expect(seen["overflow_320"]?[page] == false, "\(page) fits 320 px")
        }
        try await server.stop(with: SIGTERM)
    }
}
