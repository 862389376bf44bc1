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
            // No connection may time out meanwhile, however slow the machine.
            try await env.withLiveClient(configure: { $0.maxConnections = 3; $0.headerReadTimeout = .seconds(600) }) { client in
                let port = try #require(client.port)
                try await blocking {
                    // The test client may hold one connection of the three: five more are tried, one at a time.
                    var served: [RawConnection] = []
                    var refused = 0
                    for _ in 0..<5 {
                        let connection = try RawConnection(port: port)
                        if (try? connection.request("GET", "/healthz", timeout: 5).status) == 200 {
                            served.append(connection)
                        } else {
                            refused += 1
                        }
                    }
                    #expect((2...3).contains(served.count), "served \(served.count)")
                    #expect(refused == 5 - served.count)
                    // One leaves: the server notices within moments, then a new connection is served.
                    served[0].closeNow()
                    var again = false
                    for _ in 0..<50 where !again {
                        again = (try? RawConnection(port: port).request("GET", "/healthz", timeout: 5).status) == 200
                        if !again { Thread.sleep(forTimeInterval: 0.1) }
                    }
                    #expect(again)
                }
            }
        }
    }
}
