import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecuregateAPI
import SecuregateCore
@testable import SecuregatePages
import SecuregateTestSupport
import Testing

/// The console's CSV import and export: a file as spreadsheets save it (BOM or not, commas or semicolons,
/// quoted fields), a preview naming every bad row's line and reason, an import in batches that creates
/// nothing twice, and an export that is the API's list.
struct ConsoleImportTests {
    /// A multipart form with the file `csv` and `notify`.
    static func upload(_ client: any TestClientProtocol, event: String, cookie: String, csv: [UInt8], name: String = "guests.csv", notify: Int = 0) async throws -> TestResponse {
        let boundary = "----securegate-import"
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"notify\"\r\n\r\n\(notify)\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: text/csv\r\n\r\n".utf8)
        body += csv + Array("\r\n--\(boundary)--\r\n".utf8)
        return try await client.execute(
            uri: "/console/events/\(event)/import", method: .post,
            headers: [.contentType: "multipart/form-data; boundary=\(boundary)", HTTPField.Name("Sec-Fetch-Site")!: "same-origin", .cookie: cookie],
            body: ByteBuffer(bytes: body)
        ) { $0 }
    }

    @Test func aSpreadsheetsFileIsReadWithItsLines() throws {
        // A BOM, semicolons, a quoted field holding the separator, a doubled quote and a line break, CRLF ends,
        // an empty line: records keep the line they start on.
        let text = "\u{FEFF}First name;email\r\n\"Ada; Countess\";ada@x.io\r\n\r\n\"Grace \"\"Amazing\"\"\nHopper\";grace@x.io\r\nAlan;alan@x.io"
        let table = try CSVTable(Array(text.utf8))
        #expect(table.separator == ";" && table.header == ["First name", "email"])
        #expect(table.records == [
            .init(line: 2, fields: ["Ada; Countess", "ada@x.io"]),
            .init(line: 4, fields: ["Grace \"Amazing\"\nHopper", "grace@x.io"]),
            .init(line: 6, fields: ["Alan", "alan@x.io"]),
        ])
        #expect(try CSVTable(Array("email,first_name\nada@x.io,Ada\n".utf8)).separator == ",")
        #expect(throws: CSVTable.Failure.notUTF8) { try CSVTable([0x65, 0x6D, 0xFF, 0x0A]) }
        #expect(throws: CSVTable.Failure.empty) { try CSVTable(Array("\n\n".utf8)) }
        // What is written is read back, formulas defused.
        let line = CSVWriter.line(["Ada, \"the\" first", "=HYPERLINK(1)", "-3", "+447700900123", "plain"])
        #expect(line == "\"Ada, \"\"the\"\" first\",'=HYPERLINK(1),-3,+447700900123,plain\r\n")
        #expect(try CSVTable(Array(("a,b,c,d,e\r\n" + line).utf8)).records[0].fields == ["Ada, \"the\" first", "'=HYPERLINK(1)", "-3", "+447700900123", "plain"])
    }

    @Test func badRowsAreNamedWithTheirLineAndReason() throws {
        let text = """
            email,first_name,country_code,mobile_number,authentication_method,status
            ada@x.io,Ada,44,7700900001,QR Code,accepted
            ,Nobody,,,,
            grace,Grace,,,,
            alan@x.io,Alan,33,,,
            kat@x.io,Kat,,5550100,,
            lin@x.io,Lin,,,Retina,
            mo@x.io,Mo,,,,,,surplus
            """
        let read = try InviteImport(bytes: Array(text.utf8))
        #expect(read.rows.map(\.line) == [2])
        #expect(read.rows[0].draft == InviteDraft(firstName: "Ada", email: "ada@x.io", countryCode: .unitedKingdom, mobileNumber: "7700900001"))
        #expect(read.ignoredColumns == ["status"])
        #expect(read.refusals == [
            .init(line: 3, reason: "It has no email."),
            .init(line: 4, reason: "“grace” is not an email address."),
            .init(line: 5, reason: "country_code: Input should be '1', '44', '1', '61', '91' or '345'."),
            .init(line: 6, reason: "The mobile number 5550100 has no country code."),
            .init(line: 7, reason: "authentication_method: Input should be 'QR Code', 'Biometric' or 'Both'."),
            .init(line: 8, reason: "It has 8 values, but the header row names 6 columns."),
        ])
        #expect(throws: InviteImport.FileProblem.noEmailColumn(found: ["name", "mail"])) { try InviteImport(bytes: Array("name,mail\nAda,ada@x.io\n".utf8)) }
    }

    @Test(arguments: StoreBackend.available)
    func aFileIsPreviewedImportedInBatchesAndAgainCreatesNothing(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let cookie = try await ConsoleGuestListTests.session(client, key: env.keyA)
                // 250 guests, one already invited through the API, one named twice, two bad rows.
                _ = try await client.invite(["guest007@example.org"], to: event, key: env.keyA)
                var lines = ["first_name;last_name;email;country_code;mobile_number;authentication_method"]
                lines += (0..<250).map { String(format: "Guest;N%03d;guest%03d@example.org;44;;QR Code", $0, $0) }
                lines.insert("Bad;Row;not-an-email;;;", at: 101)
                lines.insert("Again;Twice;GUEST000@example.org;;;", at: 201)
                lines.insert("Odd;Country;odd@example.org;7;;", at: 3)
                let csv = Array("\u{FEFF}".utf8) + Array(lines.joined(separator: "\r\n").utf8)

                let read = try await Self.upload(client, event: event, cookie: cookie, csv: csv)
                #expect(read.status == .seeOther)
                let location = try #require(read.headers[.location])
                let preview = String(buffer: try await DoorPairingTests.page(client, .get, location, cookie: cookie).body)
                #expect(preview.contains("<h1>Import guests.csv</h1>") && preview.contains("251 rows will be imported, without sending invitations yet."))
                // The preview's first five rows are the first five good ones: line 4, refused, is not among them.
                let firstRows = try #require(preview.range(of: "<h2>First rows</h2>").flatMap { start in
                    preview.range(of: "<h2>Rows not imported", range: start.upperBound..<preview.endIndex).map { preview[start.upperBound..<$0.lowerBound] }
                })
                #expect(firstRows.matches(of: /<tr><td>(\d+)<\/td>/).map { Int($0.1) } == [2, 3, 5, 6, 7])
                #expect(preview.contains("<tr><td>4</td><td>country_code: Input should be"))
                #expect(preview.contains("<tr><td>103</td><td>“not-an-email” is not an email address.</td></tr>"))
                #expect(preview.contains("<tr><td>2</td><td>Guest</td><td>N000</td><td>guest000@example.org</td><td>44</td><td>—</td><td>QR Code</td></tr>"))
                #expect(try await client.call(.get, "/events/\(event)/invites", key: env.keyA).json.arrayValue.count == 1, "nothing imported yet")

                // The page's script imports batch by batch; each answer says how far it is.
                var answers: [JSONValue] = []
                repeat {
                    let batch = try await DoorPairingTests.page(client, .post, location, cookie: cookie, json: true)
                    #expect(batch.status == .ok)
                    answers.append(batch.json)
                } while answers.last?["finished"] != .bool(true) && answers.count < 10
                #expect(answers.map { $0["done"] } == [.int(100), .int(200), .int(251)])
                #expect(answers.last?["created"] == .int(249) && answers.last?["already_invited"] == .int(2))
                let summary = String(buffer: try await DoorPairingTests.page(client, .get, location, cookie: cookie).body)
                #expect(summary.contains("<dt>Created</dt><dd data-created>249</dd>") && summary.contains("<dt>Refused</dt><dd>2</dd>"))
                let listed = try await client.call(.get, "/events/\(event)/invites", key: env.keyA).json.arrayValue
                #expect(listed.count == 250)
                let history = try await client.call(.get, "/events/\(event)/invites/\(listed[1]["id"]?.stringValue ?? "")/history", key: env.keyA).json
                #expect(history.arrayValue.first?["source"] == "console")
                // Posting again (a second click) imports nothing more.
                #expect(try await DoorPairingTests.page(client, .post, location, cookie: cookie, json: true).json["created"] == .int(249))

                // The same file again, as a plain form (no script): nothing created twice.
                let second = try #require(try await Self.upload(client, event: event, cookie: cookie, csv: csv).headers[.location])
                #expect(second != location)
                let plain = try await DoorPairingTests.page(client, .post, second, cookie: cookie, form: "")
                #expect(plain.status == .seeOther && plain.headers[.location] == second)
                let again = String(buffer: try await DoorPairingTests.page(client, .get, second, cookie: cookie).body)
                #expect(again.contains("<dd data-created>0</dd>") && again.contains("<dd data-already>251</dd>"))
                #expect(try await client.call(.get, "/events/\(event)/invites", key: env.keyA).json.arrayValue.count == 250)

                // A file nobody can read is said so; another account cannot see or run this one.
                let noEmail = try await Self.upload(client, event: event, cookie: cookie, csv: Array("name,phone\nAda,1\n".utf8))
                #expect(noEmail.status == .unprocessableContent && String(buffer: noEmail.body).contains("It names: name, phone."))
                let latin1 = try await Self.upload(client, event: event, cookie: cookie, csv: [0x65, 0x6D, 0x61, 0x69, 0x6C, 0x0A, 0xE9, 0x40, 0x78, 0x2E, 0x69, 0x6F])
                #expect(latin1.status == .unprocessableContent && String(buffer: latin1.body).contains("The file is not UTF-8 text."))
                let other = try await ConsoleGuestListTests.session(client, key: env.keyB)
                #expect(try await DoorPairingTests.page(client, .get, location, cookie: other).status == .notFound)
                #expect(try await DoorPairingTests.page(client, .post, second, cookie: other, json: true).status == .notFound)
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func theExportIsTheAPIsList(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let emails = (0..<1_234).map { "person\($0)@example.org" }
                let invites = try await client.invite(emails, to: event, key: env.keyA)
                let update = try await client.call(.put, "/events/\(event)/invites/\(invites[5]["id"]?.stringValue ?? "")", key: env.keyA, body: #"{"status":"accepted"}"#)
                #expect(update.status == .ok)
                let cookie = try await ConsoleGuestListTests.session(client, key: env.keyA)
                let export = try await DoorPairingTests.page(client, .get, "/console/events/\(event)/guests.csv", cookie: cookie)
                #expect(export.status == .ok && export.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(export.headers[.contentDisposition] == "attachment; filename=\"guests-\(event).csv\"")
                let table = try CSVTable(Array(export.body.readableBytesView))
                #expect(table.header == InviteImport.columns + ["status", "entry_code", "last_seen", "created_at", "id"])
                let api = try await client.call(.get, "/events/\(event)/invites", key: env.keyA).json.arrayValue
                #expect(table.records.count == api.count && api.count == 1_234)
                for (record, invite) in zip(table.records, api) {
                    let expected = ["first_name", "last_name", "email", "country_code", "mobile_number", "authentication_method", "status", "session_code"]
                        .map { invite[$0]?.stringValue ?? "" } + ["", record.fields[9], invite["id"]?.stringValue ?? ""]
                    #expect(record.fields == expected)
                }
                // With the list's filter: only the accepted one.
                let accepted = try CSVTable(Array(try await DoorPairingTests.page(client, .get, "/console/events/\(event)/guests.csv?status=accepted", cookie: cookie).body.readableBytesView))
                #expect(accepted.records.map { $0.fields[2] } == ["person5@example.org"])
            }
        }
    }
}
