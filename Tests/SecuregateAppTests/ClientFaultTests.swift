import Foundation
import SecuregateTestSupport
import Testing

/// What clients do wrong is answered as theirs: broken bodies are 400s, stalled bodies 408s, clients that leave
/// are not errors of ours; and the head timeout is for clients slow to send a head, never for requests served.
struct ClientFaultTests {
    /// Runs `body` against the live server with a body-read timeout of one second, and returns the log's
    /// error-level lines.
    static func withServer(
        _ body: @escaping @Sendable (_ port: Int, _ key: String) throws -> Void
    ) async throws -> [String] {
        let capture = LogCapture()
        try await TestEnvironment.with(.sqlite) { env in
            try await env.withLiveClient(configure: { $0.bodyReadTimeout = .seconds(1) }, logger: capture.logger(level: .info)) { client in
                let port = try #require(client.port)
                let key = env.keyA
                try await blocking {
                    try body(port, key)
                    // Still serving.
                    #expect(try RawConnection(port: port).request("GET", "/healthz").status == 200)
                }
            }
        }
        return capture.all.filter { $0.level >= .error }.map(\.text)
    }

    @Test func aMalformedChunkIsABadRequestNotAServerError() async throws {
        let errors = try await Self.withServer { port, key in
            let connection = try RawConnection(port: port)
            try connection.send(
                RawConnection.postEventHead(key: key)
                    + "transfer-encoding: chunked\r\n\r\nzz\r\n"
            )
            let answer = connection.readUntilClosed(timeout: 5)
            #expect(answer.text.hasPrefix("HTTP/1.1 400"), "\(answer.text)")
            #expect(answer.text.hasSuffix(#"{"detail":"Invalid HTTP request"}"#))
            #expect(answer.closed)
        }
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func aBodyThatStopsArrivingIsGivenUpAfterTheBodyTimeout() async throws {
        let errors = try await Self.withServer { port, key in
            let connection = try RawConnection(port: port)
            try connection.send(
                RawConnection.postEventHead(key: key)
                    + "content-length: 100\r\n\r\n{\"title\":"
            )
            let sent = Date()
            let answer = connection.readUntilClosed(timeout: 10)
            let waited = Date().timeIntervalSince(sent)
            #expect(answer.text.hasPrefix("HTTP/1.1 408"), "\(answer.text)")
            #expect(answer.text.hasSuffix(#"{"detail":"Request body timed out"}"#))
            #expect(answer.closed)
            #expect(waited >= 0.9 && waited < 5, "answered after \(waited) s")
        }
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func aClientThatLeavesMidBodyIsNotAnError() async throws {
        let errors = try await Self.withServer { port, key in
            for ending in ["content-length: 100\r\n\r\n{\"title\":", "transfer-encoding: chunked\r\n\r\n5\r\n{\"tit"] {
                let connection = try RawConnection(port: port)
                try connection.send(
                    RawConnection.postEventHead(key: key) + ending
                )
                Thread.sleep(forTimeInterval: 0.2)
                connection.closeNow()
            }
            Thread.sleep(forTimeInterval: 0.5)
        }
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func aPipelinedRequestStillBeingServedIsNotCutOffByTheHeadTimeout() async throws {
        try await TestEnvironment.with(.sqlite) { env in
            try await env.withLiveClient(configure: { $0.headerReadTimeout = .seconds(1) }) { client in
                let port = try #require(client.port)
                let body = Payload.event(start: 1_900_000_000, end: 1_900_003_600)
                let half = body.utf8.count / 2
                try await blocking {
                    // Two requests in one write: the second's head is read while the first is answered, and its
                    // body comes in two parts, the second well after the head timeout.
                    let connection = try RawConnection(port: port)
                    try connection.send(
                        "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                            + RawConnection.postEventHead(key: env.keyA)
                            + "content-length: \(body.utf8.count)\r\n\r\n" + String(body.prefix(half))
                    )
                    #expect(try connection.readResponse(timeout: 5).status == 200)
                    Thread.sleep(forTimeInterval: 2.5)
                    try connection.send(String(body.dropFirst(half)))
                    let created = try connection.readResponse(timeout: 5)
                    #expect(created.status == 200, "\(created.head)")
                    #expect(created.body.contains(#""title":"Launch""#))
                    // Once everything is answered, the wait for the next head starts again.
                    #expect(connection.readUntilClosed(timeout: 5).closed)
                }
            }
        }
    }
}
