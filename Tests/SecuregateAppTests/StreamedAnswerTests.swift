import Foundation
import HummingbirdTesting
import SecuregateAPI
import SecuregateTestSupport
import Testing

/// Long arrays are sent in pieces while they are written; short answers keep their content length.
struct StreamedAnswerTests {
    @Test func longArraysAreSentInPiecesAndShortOnesWhole() async throws {
        try await TestEnvironment.with(.sqlite) { env in
            try await env.withLiveClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let port = try #require(client.port)
                try await blocking {
                    let connection = try RawConnection(port: port)
                    let emails = (0..<600).map { "guest\($0)@example.com" }
                    // About 290 KB of JSON, so several pieces of 64 KiB.
                    let created = try connection.request(
                        "POST", "/events/\(event)/invites?notify=0", key: env.keyA, body: Payload.invites(emails)
                    )
                    #expect(created.status == 200)
                    #expect(created.head.lowercased().contains("transfer-encoding: chunked"))
                    let createdIDs = try PythonJSONParser.parse(Array(created.body.utf8)).arrayValue.compactMap { $0["id"]?.stringValue }
                    #expect(createdIDs.count == 600)

                    let listed = try connection.request("GET", "/events/\(event)/invites", key: env.keyA)
                    #expect(listed.head.lowercased().contains("transfer-encoding: chunked"))
                    #expect(!listed.head.lowercased().contains("content-length"))
                    let invites = try PythonJSONParser.parse(Array(listed.body.utf8)).arrayValue
                    #expect(invites.compactMap { $0["id"]?.stringValue } == createdIDs.sorted())
                    #expect(Set(invites.compactMap { $0["email"]?.stringValue }) == Set(emails))

                    // One piece: sent whole, with its length, as FastAPI sends every answer.
                    let few = try connection.request("GET", "/events/\(event)/invites?status=accepted", key: env.keyA)
                    #expect(few.body == "[]")
                    #expect(few.head.lowercased().contains("content-length: 2"))
                }
            }
        }
    }
}
