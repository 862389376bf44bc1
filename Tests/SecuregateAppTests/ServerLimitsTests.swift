import Foundation
import SecuregateTestSupport
import Testing

/// What bounds the whole server: the request body bytes it holds at once, and the connections it serves.
struct ServerLimitsTests {
    /// An event whose body is exactly `size` bytes, padded with a field the API ignores.
    static func paddedEvent(size: Int) -> String {
        let start = #"{"title":"T","location":{"city":"P"},"start_timestamp":1,"end_timestamp":2,"pad":""#
        return start + String(repeating: "x", count: size - start.utf8.count - 2) + #""}"#
    }

    static func post(_ body: String, key: String, sending count: Int? = nil) -> String {
        RawConnection.postEventHead(key: key)
            + "content-length: \(body.utf8.count)\r\n\r\n" + String(body.prefix(count ?? body.utf8.count))
    }

    @Test func bodiesBeyondTheBufferedBudgetWaitThenGetA503() async throws {
        try await TestEnvironment.with(.sqlite) { env in
            try await env.withLiveClient(configure: { $0.maxBufferedBodyBytes = 100_000 }) { client in
                let port = try #require(client.port)
                let key = env.keyA
                let body = Self.paddedEvent(size: 80_000)
                try await blocking {
                    // The first holds 80 000 of the 100 000 bytes while its body is still coming.
                    let first = try RawConnection(port: port)
                    try first.send(Self.post(body, key: key, sending: 1_000))
                    Thread.sleep(forTimeInterval: 0.3)
                    let second = try RawConnection(port: port)
                    let asked = Date()
                    try second.send(Self.post(body, key: key))
                    let refused = try second.readResponse(timeout: 10)
                    #expect(refused.status == 503)
                    #expect(refused.head.lowercased().contains("retry-after: 1"))
                    #expect(refused.body == #"{"detail":"Server is busy; retry shortly"}"#)
                    // It waited a moment for room before it was refused.
                    #expect(Date().timeIntervalSince(asked) >= 1.5)
                    try first.send(String(body.dropFirst(1_000)))
                    #expect(try first.readResponse(timeout: 10).status == 200)
                    // The first's bytes are returned: the budget has room again.
                    #expect(try RawConnection(port: port).request("POST", "/events", key: key, body: body).status == 200)
                }
            }
        }
    }

    @Test func connectionsBeyondTheLimitAreClosedAsTheyCome() async throws {
        try await TestEnvironment.with(.sqlite) { env in
            try await env.withLiveClient(configure: { $0.maxConnections = 3 }) { client in
                let port = try #require(client.port)
                try await blocking {
                    // The test client holds one connection already: two more make three.
                    let open = try (0..<2).map { _ in try RawConnection(port: port) }
                    for connection in open { #expect(try connection.request("GET", "/healthz").status == 200) }
                    let refused = try RawConnection(port: port)
                    try? refused.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                    let answer = refused.readUntilClosed(timeout: 5)
                    #expect(answer.closed && answer.text.isEmpty)
                    // One leaves: a new connection is served.
                    open[0].closeNow()
                    // The server notices the close within moments; then a new connection is served.
                    var served = false
                    for _ in 0..<50 where !served {
                        served = (try? RawConnection(port: port).request("GET", "/healthz").status) == 200
                        if !served { Thread.sleep(forTimeInterval: 0.1) }
                    }
                    #expect(served)
                }
            }
        }
    }
}
