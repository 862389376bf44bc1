import Foundation
import HummingbirdTesting
import SecuregateTestSupport
import Testing

/// Clients that ask before sending a large body (`Expect: 100-continue`, as curl does above 1 MiB) are told
/// to go on at once, instead of waiting a second for an answer.
struct ExpectContinueTests {
    @Test func aBodyAnnouncedWithExpectIsAskedForAtOnce() async throws {
        try await TestEnvironment.with(.sqlite) { env in
            let key = env.keyA
            try await env.withLiveClient { client in
                let port = try #require(client.port)
                try await blocking {
                    let connection = try RawConnection(port: port)
                    let body = Payload.event(start: 1_893_456_000, end: 1_893_470_400)
                    try connection.send(
                        "POST /events HTTP/1.1\r\nHost: test\r\nx-api-key: \(key)\r\ncontent-type: application/json\r\n"
                            + "content-length: \(body.utf8.count)\r\nExpect: 100-continue\r\n\r\n"
                    )
                    // The interim answer comes before any of the body is sent.
                    let interim = connection.readUntilClosed(timeout: 0.5)
                    #expect(interim.text.hasPrefix("HTTP/1.1 100 Continue\r\n"), "\(interim.text)")
                    try connection.send(body)
                    #expect(try connection.readResponse(timeout: 10).status == 200)
                }
            }
        }
    }
}
