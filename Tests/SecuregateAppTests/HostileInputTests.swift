import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecuregateAPI
import SecuregateApp
import SecuregateTestSupport
import Testing

/// Malicious and malformed input gets a 4xx in the contract's shape: never a 5xx, never a hang.
struct HostileInputTests {
    @Test(arguments: StoreBackend.available)
    func hostileBodiesGetPydanticShaped422s(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let invite = try await client.invite(["a@x.io"], to: event, key: env.keyA)[0]["id"]?.stringValue ?? ""
                func create(_ body: String) async throws -> JSONValue {
                    let response = try await client.call(.post, "/events", key: env.keyA, body: body)
                    #expect(response.status == .unprocessableContent, "\(body.prefix(80))")
                    return response.json["detail"]?.arrayValue.first ?? .null
                }
                let big = try await create(#"{"title":"t","location":{},"start_timestamp":123456789012345678901234567890,"end_timestamp":1}"#)
                #expect(big["type"] == "int_parsing_size")
                #expect(big["input"] == .bigInt("123456789012345678901234567890"))
                let huge = try await create(#"{"title":"t","location":{},"start_timestamp":1e400,"end_timestamp":1}"#)
                #expect(huge["type"] == "finite_number")
                #expect(huge["input"] == .null)
                let surrogate = try await create(#"{"title":"\ud800","location":{},"start_timestamp":1,"end_timestamp":1}"#)
                #expect(surrogate["ctx"] == ["error": "Lone surrogate in string"])
                let deep = try await create(String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000))
                #expect(deep["ctx"] == ["error": "Maximum nesting depth exceeded"])

                let invalidUTF8 = try await client.execute(
                    uri: "/events", method: .post, headers: [HTTPField.Name("x-api-key")!: env.keyA, .contentType: "application/json"],
                    body: ByteBuffer(bytes: Array(#"{"title":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8))
                ) { $0 }
                #expect(invalidUTF8.status == .unprocessableContent)
                #expect(invalidUTF8.json["detail"]?.arrayValue.first?["loc"] == ["body", 10])

                // Duplicate keys: the last one counts, as in Python.
                let duplicate = try await client.call(.put, "/events/\(event)/invites/\(invite)", key: env.keyA, body: #"{"status":"nope","status":"accepted"}"#)
                #expect(duplicate.status == .ok)
                #expect(duplicate.json["status"] == "accepted")
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func hostileIdsAreJustUnknownIds(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let long = String(repeating: "x", count: 100_000)
                for id in [long, "x'%20OR%20'1'='1", "1;DROP%20TABLE%20events;--", "..%2F..%2Fetc%2Fpasswd", "%25%27%22%5C"] {
                    let response = try await client.call(.get, "/events/\(id)", key: env.keyA)
                    #expect(response.status == .notFound, "\(id.prefix(40))")
                    #expect(response.json == ["detail": "Event not found"])
                    #expect(try await client.call(.get, "/invites/\(id)", key: env.keyA).json == ["detail": "Invite not found"])
                }
                let injected = try await client.call(.get, "/invites?email=%27%20OR%201%3D1--&event_id=\(event)%27--", key: env.keyA)
                #expect(injected.json == ["detail": "Event not found"])
                let listed = try await client.call(.get, "/events/\(event)/invites?status=accepted%27%20OR%20%271", key: env.keyA)
                #expect(listed.status == .unprocessableContent)
                // Nothing was harmed.
                #expect(try await client.call(.get, "/events/\(event)", key: env.keyA).status == .ok)
            }
        }
    }

    @Test func malformedHTTPIsAnsweredAndSlowClientsBlockNoOne() async throws {
        try await TestEnvironment.with(.sqlite) { env in
            // Long enough that a loaded CI machine serves a complete head in time, short enough to wait for.
            try await env.withLiveClient(configure: { $0.headerReadTimeout = .seconds(5) }) { client in
                let port = try #require(client.port)

                // 50 clients that never finish their request head.
                let stalled = try (0..<50).map { _ in
                    let connection = try RawConnection(port: port)
                    try connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n")
                    return connection
                }
                // Each check on a connection of its own: the test client's idle connection is cut off too.
                @Sendable func health() async throws -> String {
                    try await blocking {
                        let connection = try RawConnection(port: port)
                        try connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                        let answer = connection.readUntilClosed(timeout: 10)
                        return "\(answer.closed) \(answer.text)"
                    }
                }
                let first = try await health()
                #expect(first.contains("HTTP/1.1 200"), "\(first)")

                // A URI of 100 000 characters and a flood of header fields get a 400 in the contract's shape.
                let longURI = try RawConnection(port: port)
                try longURI.send("GET /events/\(String(repeating: "x", count: 100_000)) HTTP/1.1\r\nHost: x\r\nx-api-key: \(env.keyA)\r\n\r\n")
                let longAnswer = try await blocking { longURI.readUntilClosed(timeout: 10) }
                #expect(longAnswer.text.hasPrefix("HTTP/1.1 400"))
                #expect(longAnswer.text.hasSuffix(#"{"detail":"Invalid HTTP request"}"#))
                let flood = try RawConnection(port: port)
                let fields = (0..<500).map { "x-flood-\($0): \($0)\r\n" }.joined()
                try flood.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\(fields)\r\n")
                #expect(try await blocking { flood.readUntilClosed(timeout: 10) }.text.hasSuffix(#"{"detail":"Invalid HTTP request"}"#))

                // A body announced over the limit is refused at once, before it is sent.
                let oversized = try RawConnection(port: port)
                try oversized.send("POST /events HTTP/1.1\r\nHost: x\r\nx-api-key: \(env.keyA)\r\ncontent-type: application/json\r\ncontent-length: 100000000\r\n\r\n{")
                let refused = try await blocking { oversized.readUntilClosed(timeout: 10) }.text
                #expect(refused.hasPrefix("HTTP/1.1 413"))
                #expect(refused.contains(#"{"detail":"Request body too large"}"#))

                // The stalled clients are cut off once the head timeout passes.
                for connection in stalled {
                    #expect(try await blocking { connection.readUntilClosed(timeout: 10) }.closed)
                }
                let last = try await health()
                #expect(last.contains("HTTP/1.1 200"), "\(last)")
            }
        }
    }

    @Test func keptAliveConnectionsWaitForTheirNextHeadOnlyAsLongAsTheTimeout() async throws {
        try await TestEnvironment.with(.sqlite) { env in
            try await env.withLiveClient(configure: { $0.headerReadTimeout = .seconds(1) }) { client in
                let port = try #require(client.port)
                try await blocking {
                    // Requests 0.4 s apart for 2.8 s: the connection's timer fires between them and must not close it.
                    let busy = try RawConnection(port: port)
                    for _ in 0..<8 {
                        #expect(try busy.request("GET", "/healthz").status == 200)
                        Thread.sleep(forTimeInterval: 0.4)
                    }
                    // Served once, then silent: closed once the timeout has passed since the response.
                    let quiet = try RawConnection(port: port)
                    #expect(try quiet.request("GET", "/healthz").status == 200)
                    let served = Date()
                    #expect(quiet.readUntilClosed(timeout: 5).closed)
                    let waited = Date().timeIntervalSince(served)
                    #expect(waited >= 0.9 && waited < 4, "closed after \(waited) s")
                }
            }
        }
    }
}
