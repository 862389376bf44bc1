import Foundation
import SecuregateAPI
import SecuregateStore
import Testing
@testable import SecuregatePages

/// The console's guest list in Chromium, against the real server: a CSV file of 500 rows, 3 of them bad,
/// previewed (the bad rows' lines and reasons), imported with its progress bar reaching the end, 497 invites
/// through the API; the same file again creating nothing; a search, a filter, guests accepted together, a
/// status changed with its history line; the export compared with the API's list; a door paired and listed,
/// a scan appearing in its ledger without a reload; signed out.
struct ConsoleGuestsBrowserTests {
    @Test func importFilterChangeAndExportTheGuestListInABrowser() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-guests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = DatabaseURL.sqlite(path: directory.appendingPathComponent("console.db").path)
        let server = try await ServerProcess(database: url.description)
        defer { server.process.terminate() }
        let admin = try await ServerProcess.createKey(account: "org", database: url.description)
        // A spreadsheet's export: semicolons, a BOM, CRLF, a name with the separator in quotes; 3 rows bad.
        var lines = ["First name;Last name;Email;Country code;Mobile number;Authentication method"]
        lines += (1...500).map { String(format: "Guest;N%04d;guest%04d@example.org;44;;QR Code", $0, $0) }
        lines[10] = "\"Grace; Admiral\";Hopper;grace@example.org;1;5550100;Both"
        lines[42] = "No;Email;;44;;"
        lines[250] = "Not;An address;guest0250-at-example.org;44;;"
        lines[400] = "Wrong;Country;guest0400@example.org;33;;"
        let file = directory.appendingPathComponent("guests.csv")
        try Data(("\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: file)
        let event = try await blocking { () -> String in
            let connection = try RawConnection(port: server.port)
            let now = Int(Date().timeIntervalSince1970)
            let made = try connection.request("POST", "/events", key: admin, body: Payload.event(title: "Spring gala", start: now - 600, end: now + 86_400))
            return try PythonJSONParser.parse(Array(made.body.utf8))["id"]?.stringValue ?? ""
        }
        let seen = try await InviteePageBrowserTests.drive(
            "console_guests", ["http://127.0.0.1:\(server.port)", admin, InviteePageBrowserTests.screenshots.path, event, file.path]
        )
        #expect(seen["empty"] == ["Nobody is invited yet."], "\(seen["empty"] ?? .null)")
        let preview = seen["first_preview"]
        #expect(preview?["h1"] == ["Import guests.csv"])
        #expect(preview?["refused"] == [
            ["43", "It has no email."], ["251", "“guest0250-at-example.org” is not an email address."],
            ["401", "country_code: Input should be '1', '44', '1', '61', '91' or '345'."],
        ], "\(preview?["refused"] ?? .null)")
        #expect(preview?["summary"]?.stringValue?.hasPrefix("497 rows will be imported, without sending invitations yet. 3 cannot be") == true)
        #expect(preview?["first_rows"] == .int(5) && preview?["button"] == "Import 497 guests")
        let progress: [Int] = seen["first_summary"]?["progress"]?.arrayValue.compactMap { value -> Int? in if case .int(let n) = value { n } else { nil } } ?? []
        #expect(progress.last == 497 && progress == progress.sorted() && progress.count >= 4, "the bar moves batch by batch to the end: \(progress)")
        #expect(seen["first_summary"]?["facts"] == ["497", "0", "3"])
        #expect(seen["list"]?["rows"] == .int(50) && seen["list"]?["next"] == true)
        #expect(seen["second_summary"]?["facts"] == ["0", "497", "3"], "the same file again creates nothing")

        let api = try await blocking { try RawConnection(port: server.port).request("GET", "/events/\(event)/invites", key: admin) }
        let invites = try PythonJSONParser.parse(Array(api.body.utf8)).arrayValue
        #expect(invites.count == 497)
        #expect(invites.contains { $0["first_name"] == "Grace; Admiral" && $0["authentication_method"] == "Both" && $0["mobile_number"] == "5550100" })

        #expect(seen["search_email"] == ["guest0043@example.org"] && seen["search_name"] == ["grace@example.org"], "\(seen["search_email"] ?? .null) \(seen["search_name"] ?? .null)")
        #expect(seen["accepted_notice"] == ["2 invites accepted."])
        #expect(seen["filter_accepted"]?.arrayValue.count == 2)
        #expect(seen["invite_h1"]?.arrayValue.count == 1 && seen["status_notice"] == ["The status is now Rejected."])
        let history = seen["history"]?.arrayValue.compactMap(\.stringValue) ?? []
        #expect(history.first?.contains("Accepted → Rejected, by the console (key key_") == true, "\(history)")
        #expect(history.count == 3 && history.last?.contains(": Pending, by the console") == true)
        #expect(seen["qr_loaded"] == true)

        // The export is the API's list, row for row.
        let export = try CSVTable(Array((seen["export"]?.stringValue ?? "").utf8))
        #expect(export.records.count == invites.count)
        for (record, invite) in zip(export.records, invites) {
            let columns = ["first_name", "last_name", "email", "country_code", "mobile_number", "authentication_method", "status", "session_code"]
            #expect(Array(record.fields.prefix(8)) == columns.map { invite[$0]?.stringValue ?? "" } && record.fields.last == invite["id"]?.stringValue)
        }
        #expect(seen["pairing"]?["h2"] == ["Pair the door at north"] && seen["pairing"]?["qr"] == true, "\(seen["pairing"] ?? .null)")
        #expect(seen["pairing"]?["listed"]?.arrayValue.first?.stringValue?.contains("Waiting to be paired") == true)
        #expect(seen["paired"]?.arrayValue.first?.stringValue?.contains("Paired ") == true, "\(seen["paired"] ?? .null)")
        let ledger = seen["ledger"]?.arrayValue.compactMap(\.stringValue) ?? []
        #expect(ledger.count == 1 && ledger[0].contains("Let in") && ledger[0].contains("north"), "the ledger follows the scan: \(ledger)")
        let madeKey = seen["made_key"]?.stringValue ?? ""
        let listed = try await blocking { try RawConnection(port: server.port).request("GET", "/events", key: madeKey) }
        #expect(madeKey.hasPrefix("sg_") && listed.status == 200, "the key made in the console works at once")
        #expect(seen["webhook_secret"]?.stringValue?.hasPrefix("whsec_") == true)
        #expect(seen["webhook_deliveries"]?.arrayValue.first?.stringValue?.hasPrefix("webhook.test") == true, "\(seen["webhook_deliveries"] ?? .null)")
        #expect(seen["after_sign_out"] == ["Sign in"] && seen["list_after_sign_out"] == ["Sign in"])
        for page in ["first_preview", "first_summary", "guests", "invite", "guest_form", "door", "keys", "webhook", "webhooks"] {
            #expect(seen["accessibility"]?[page] == [], "\(page): \(seen["accessibility"]?[page] ?? .null)")
            #expect(seen["overflow_320"]?[page] == false, "\(page) fits 320 px")
        }
        try await server.stop(with: SIGTERM)
    }
}
