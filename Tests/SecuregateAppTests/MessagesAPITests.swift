import Foundation
import HummingbirdTesting
import SecuregateAPI
import SecuregateCore
import SecuregateTestSupport
import Testing

/// What the organizer sees of an invite's notifications, and sending an invitation again.
struct MessagesAPITests {
    @Test(arguments: StoreBackend.available)
    func anInvitesMessagesShowWhereTheyAreAndCanBeSentAgain(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let invite = try await client.invite(["ada@x.io"], to: event, key: env.keyA, query: "notify=2")[0]
                let id = invite["id"]?.stringValue ?? ""
                let queued = try await client.call(.get, "/invites/\(id)/messages", key: env.keyA).json.arrayValue
                #expect(queued.map { $0["channel"] } == ["email", "sms"])
                #expect(queued[0] == [
                    "id": queued[0]["id"] ?? .null, "invite_id": .string(id), "channel": "email", "recipient": "ada@x.io",
                    "state": "queued", "attempts": 0, "last_error": .null, "created_at": "2026-01-01T00:00:00Z",
                    "delivered_at": .null, "failed_at": .null,
                ])
                // The email is refused for good, the SMS goes through.
                let transport = RecordingTransport()
                transport.fail(with: .permanent("550 5.1.1 no such user"))
                let dispatcher = OutboxDispatcher(store: env.store, transport: transport, time: env.time)
                env.time.advance(by: 5)
                let first = try await dispatcher.runOnce()
                #expect(first.failed + first.delivered == 2)
                transport.fail(with: nil)
                let after = try await client.call(.get, "/invites/\(id)/messages", key: env.keyA).json.arrayValue
                #expect(after.map { $0["state"] } == ["failed", "failed"])
                #expect(after[0]["last_error"] == "550 5.1.1 no such user" && after[0]["failed_at"] == "2026-01-01T00:00:05Z")
                // Sent again by email: a new message, queued, then delivered; the invite is sent.
                let again = try await client.call(.post, "/invites/\(id)/messages", key: env.keyA, body: #"{"channel":"email"}"#)
                #expect(again.status == .ok)
                #expect(again.json["state"] == "queued" && again.json["recipient"] == "ada@x.io")
                #expect(try await dispatcher.runOnce() == OutboxDispatcher.Outcome(delivered: 1))
                let all = try await client.call(.get, "/invites/\(id)/messages", key: env.keyA).json.arrayValue
                #expect(all.map { $0["state"] } == ["failed", "failed", "delivered"])
                #expect(try await client.call(.get, "/invites/\(id)", key: env.keyA).json["status"] == "sent")
                #expect(transport.messages.map(\.recipient) == ["ada@x.io"])
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func sendingAgainIsRefusedForArchivedEventsBadChannelsAndOtherAccounts(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let id = try await client.invite(["ada@x.io"], to: event, key: env.keyA)[0]["id"]?.stringValue ?? ""
                let bad = try await client.call(.post, "/invites/\(id)/messages", key: env.keyA, body: #"{"channel":"fax"}"#)
                #expect(bad.status == .unprocessableContent)
                #expect(bad.json["detail"]?.arrayValue.first?["msg"] == "Input should be 'email' or 'sms'")
                #expect(try await client.call(.get, "/invites/\(id)/messages", key: env.keyB).json == ["detail": "Invite not found"])
                let other = try await client.call(.post, "/invites/\(id)/messages", key: env.keyB, body: #"{"channel":"sms"}"#)
                #expect(other.status == .notFound)
                try await client.call(.delete, "/events/\(event)", key: env.keyA)
                let archived = try await client.call(.post, "/invites/\(id)/messages", key: env.keyA, body: #"{"channel":"sms"}"#)
                #expect(archived.status == .conflict)
                #expect(archived.json == ["detail": "Event is archived"])
                // None of the refused requests queued anything (the invite was made with notify=0).
                #expect(try await client.call(.get, "/invites/\(id)/messages", key: env.keyA).json.arrayValue.isEmpty)
            }
        }
    }
}
