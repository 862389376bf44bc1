import Foundation
import SecuregateAPI
import SecuregateStore
import SecuregateTestSupport
import Testing

/// The door page's live counts across server instances: a device paired on one instance watches
/// `/door/counts` there while scans arrive through the API on another instance over the same database; each
/// scan reaches the watching page within two seconds, and a stopping server ends the stream. The figures are
/// printed (BENCHMARKS.md records them).
struct DoorLiveCountsTests {
    @Test(arguments: StoreBackend.available)
    func aScanOnAnotherInstanceReachesTheDoorPage(_ backend: StoreBackend) async throws {
        try await backend.withStore { _, url in
            let database = DurabilityTests.databaseArgument(url)
            let watched = try await ServerProcess(database: database)
            let scanning = try await ServerProcess(database: database)
            defer {
                watched.process.terminate()
                scanning.process.terminate()
            }
            let admin = try await ServerProcess.createKey(account: "live", database: database)
            let scans = 10
            let latencies = try await blocking { () -> [Double] in
                let api = try RawConnection(port: scanning.port)
                let now = Int(Date().timeIntervalSince1970)
                let event = try PythonJSONParser.parse(Array(try api.request("POST", "/events", key: admin, body: Payload.event(start: now + 600, end: now + 7200)).body.utf8))
                let eventID = event["id"]?.stringValue ?? ""
                let emails = (0..<scans).map { "guest\($0)@x.io" }
                let invites = try PythonJSONParser.parse(Array(try api.request("POST", "/events/\(eventID)/invites?notify=0", key: admin, body: Payload.invites(emails)).body.utf8)).arrayValue
                for invite in invites {
                    _ = try api.request("PUT", "/events/\(eventID)/invites/\(invite["id"]?.stringValue ?? "")", key: admin, body: #"{"status":"accepted"}"#)
                }
                // The device is paired on the watched instance, and listens there.
                let door = try PythonJSONParser.parse(Array(try api.request("POST", "/events/\(eventID)/doors", key: admin, body: #"{"gate":"north"}"#).body.utf8))
                let token = String((door["pairing_url"]?.stringValue ?? "").split(separator: "/").last ?? "")
                let paired = try RawConnection(port: watched.port).request("POST", "/door/pair/\(token)")
                guard let cookie = paired.head.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("set-cookie:") })?
                    .dropFirst("set-cookie:".count).split(separator: ";").first?.trimmingCharacters(in: .whitespaces)
                else { throw RawConnectionError.failed("no cookie: \(paired.head)") }
                let stream = try RawConnection(port: watched.port)
                try stream.send("GET /door/counts HTTP/1.1\r\nHost: test\r\nCookie: \(cookie)\r\nAccept: text/event-stream\r\n\r\n")
                let first = try stream.read(until: "\"accepted\":\(scans)}", timeout: 5)
                guard first.contains("text/event-stream"), first.contains(#"data: {"inside":0,"accepted":\#(scans)}"#) else {
                    throw RawConnectionError.failed("first event: \(first)")
                }
                var latencies: [Double] = []
                for (index, invite) in invites.enumerated() {
                    // Scans come when they come, not in step with the page's reads.
                    Thread.sleep(forTimeInterval: Double.random(in: 0..<1))
                    let code = invite["session_code"]?.stringValue ?? ""
                    let answer = try api.request("POST", "/events/\(eventID)/checkins", key: admin, body: #"{"code":"\#(code)","gate":"east"}"#)
                    let answered = Date()
                    guard answer.body.contains(#""result":"ok""#) else { throw RawConnectionError.failed("scan: \(answer.body)") }
                    _ = try stream.read(until: #"{"inside":\#(index + 1),"accepted":\#(scans)}"#, timeout: 2)
                    latencies.append(Date().timeIntervalSince(answered) * 1000)
                }
                // A stopping server ends its streams rather than waiting for the pages to go.
                let stopping = Date()
                kill(watched.process.processIdentifier, SIGTERM)
                _ = try? stream.read(until: "0\r\n\r\n", timeout: 10)
                guard Date().timeIntervalSince(stopping) < 5 else { throw RawConnectionError.failed("the stream outlived the stop") }
                return latencies
            }
            try await ChildProcess.waitForExit(watched.process, within: .seconds(10))
            #expect(watched.process.terminationStatus == 0)
            #expect(latencies.count == scans, "every scan reached the other instance's page within two seconds")
            let sorted = latencies.sorted()
            print("door counts across instances [\(backend)]: \(scans) scans, scan to page p50 \(Int(sorted[scans / 2])) ms, max \(Int(sorted.last ?? 0)) ms")
        }
    }
}
