import Foundation
import SecuregateAPI
import Testing

/// `--log-format json`: every line the real server writes is one JSON object, requests carry their id, route
/// and status, and no line holds a key's secret or an invite's session code.
struct JSONLogTests {
    @Test func everyLineIsAJSONObjectWithoutSecrets() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pipe = Pipe()
        let server = try await ServerProcess(database: "sqlite:\(directory.path)/log.db", logPipe: pipe, arguments: ["--log-format", "json"])
        let port = server.port
        let (key, code, early) = try await blocking { () -> (String, String, String) in
            // The first key is printed once on standard output, which shares the pipe here.
            var text = ""
            while !text.contains("sg_") { text += String(decoding: pipe.fileHandleForReading.availableData, as: UTF8.self) }
            let key = String(text.split(separator: "\n").first { $0.hasPrefix("sg_") } ?? "")
            let connection = try RawConnection(port: port)
            let event = try connection.request("POST", "/events", key: key, body: #"{"title":"Log","location":{},"start_timestamp":1,"end_timestamp":2}"#)
            let eventID = try PythonJSONParser.parse(Array(event.body.utf8))["id"]?.stringValue ?? ""
            let invite = try connection.request("POST", "/events/\(eventID)/invites?notify=0", key: key, body: #"{"invites":[{"first_name":"A","last_name":"B","email":"a@x.io","country_code":"1","mobile_number":"5550100","authentication_method":"QR Code"}]}"#)
            let code = try PythonJSONParser.parse(Array(invite.body.utf8)).arrayValue.first?["session_code"]?.stringValue ?? ""
            _ = try connection.request("GET", "/events/\(eventID)/codes/\(code)", key: key)
            _ = try connection.request("GET", "/events", key: "sg_wrong_key")
            return (key, code, text)
        }
        try await server.stop(with: SIGTERM)
        try? pipe.fileHandleForWriting.close()
        let text = early + String(decoding: try await blocking { pipe.fileHandleForReading.readDataToEndOfFile() }, as: UTF8.self)
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("sg_") && !$0.hasPrefix("No API key") && !$0.isEmpty }
        let objects = lines.compactMap { try? PythonJSONParser.parse(Array($0.utf8)) }
        #expect(objects.count == lines.count && !objects.isEmpty, "every line parses: \(lines.filter { (try? PythonJSONParser.parse(Array($0.utf8))) == nil })")
        #expect(objects.allSatisfy { $0["timestamp"] != nil && $0["level"] != nil && $0["message"] != nil })
        let requests = objects.filter { $0["message"] == "Request" }
        // The start's health probe, and the four requests above.
        #expect(requests.map { $0["status"]?.stringValue ?? "" } == ["200", "200", "200", "200", "401"])
        #expect(requests.contains { $0["path"]?.stringValue?.hasSuffix("/codes/{code}") == true && $0["status"] == "200" })
        #expect(requests.allSatisfy { $0["hb.request.id"] != nil })
        #expect(!key.isEmpty && code.count >= 8)
        let secret = String(key.split(separator: "_").last ?? "")
        #expect(!lines.contains { $0.contains(secret) || $0.contains(code) }, "no key secret, no session code")
    }
}
