import Foundation
import HTTPTypes
import HummingbirdTesting
import SecuregateAPI
import SecuregateApp
import SecuregateCore
import SecuregateTestSupport
import Testing

/// Webhook endpoints through the API: the secret shown only when made, changes, pausing, rotation with a
/// day of overlap, and what a URL and its events may be.
struct WebhookAPITests {
    @Test(arguments: StoreBackend.available)
    func anEndpointIsMadeChangedRotatedAndDeleted(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let body = #"{"url":"https://hooks.example/securegate","events":["invite.accepted","checkin.*","invite.accepted"],"description":"CRM"}"#
                let created = try await client.call(.post, "/webhooks", key: env.keyA, body: body)
                #expect(created.status == .ok)
                let id = try #require(created.string("id"))
                let secret = try #require(created.string("secret"))
                #expect(id.hasPrefix("ep_") && WebhookSigner.Secret(secret) != nil)
                #expect(created.json["events"] == ["invite.accepted", "checkin.*"], "repeats dropped")
                #expect(created.json["enabled"] == true && created.json["description"] == "CRM")
                let fields = created.json.objectValue?.members.map(\.key) ?? []
                #expect(fields == ["id", "url", "events", "description", "enabled", "disabled_at", "disabled_reason",
                                   "failing_since", "previous_secret_expires_at", "created_at", "updated_at", "secret"])

                // The secret is never shown again.
                let listed = try await client.call(.get, "/webhooks", key: env.keyA).json.arrayValue
                #expect(listed.count == 1 && listed[0]["id"] == .string(id) && listed[0]["secret"] == nil)
                #expect(try await client.call(.get, "/webhooks/\(id)", key: env.keyA).json["secret"] == nil)
                #expect(try await client.call(.get, "/webhooks", key: env.keyB).json.arrayValue.isEmpty)

                let paused = try await client.call(.patch, "/webhooks/\(id)", key: env.keyA, body: #"{"enabled":false,"events":["*"]}"#)
                #expect(paused.json["enabled"] == false && paused.json["disabled_reason"] == "paused")
                #expect(paused.json["events"] == ["*"] && paused.json["url"] == "https://hooks.example/securegate", "absent fields stay")
                let resumed = try await client.call(.patch, "/webhooks/\(id)", key: env.keyA, body: #"{"enabled":true}"#)
                #expect(resumed.json["enabled"] == true && resumed.json["disabled_at"] == .null)

                // Rotation: a new secret; the old one signs beside it for a day.
                let rotated = try await client.call(.post, "/webhooks/\(id)/secret", key: env.keyA)
                let newSecret = try #require(rotated.string("secret"))
                #expect(newSecret != secret && rotated.json["previous_secret_expires_at"] == "2026-01-02T00:00:00Z")
                let stored = try #require(try await env.store.webhook(id: id, accountID: try await env.services.keys.authenticate(env.keyA).accountID))
                #expect(stored.signingSecrets(at: env.time.now()) == [newSecret, secret])
                #expect(stored.signingSecrets(at: env.time.now().addingTimeInterval(86_400)) == [newSecret])

                #expect(try await client.call(.delete, "/webhooks/\(id)", key: env.keyB).status == .notFound)
                #expect(try await client.call(.delete, "/webhooks/\(id)", key: env.keyA).json["id"] == .string(id))
                #expect(try await client.call(.get, "/webhooks/\(id)", key: env.keyA).json == ["detail": "Webhook not found"])
            }
        }
    }

    @Test func urlsAndEventsAreChecked() async throws {
        try await TestEnvironment.with(.sqlite) { env in
            try await env.withClient { client in
                let refusals: [(String, String)] = [
                    (#"{"url":"ftp://hooks.example/x"}"#, "url must be an absolute http or https URL"),
                    (#"{"url":"/relative"}"#, "url must be an absolute http or https URL"),
                    (#"{"url":"https://user:pw@hooks.example/x"}"#, "url must not carry credentials or a fragment"),
                    (#"{"url":"https://hooks.example/x","events":["invite.deleted"]}"#, "Unknown event type: invite.deleted"),
                    (#"{"url":"https://hooks.example/x","events":["nothing.*"]}"#, "Unknown event type: nothing.*"),
                    (#"{"url":"https://hooks.example/x","events":[]}"#, "events must list 1 to 50 event types"),
                ]
                for (body, detail) in refusals {
                    let answer = try await client.call(.post, "/webhooks", key: env.keyA, body: body)
                    #expect(answer.status == .unprocessableContent && answer.json == ["detail": .string(detail)], "\(body)")
                }
                // A missing URL is the framework's validation error, in pydantic's words.
                let missing = try await client.call(.post, "/webhooks", key: env.keyA, body: "{}")
                #expect(missing.status == .unprocessableContent && missing.json["detail"]?.arrayValue.first?["type"] == "missing")
                #expect(try await client.call(.get, "/webhooks", key: env.keyA).json.arrayValue.isEmpty, "nothing was made")
                let everything = try await client.call(.post, "/webhooks", key: env.keyA, body: #"{"url":"https://hooks.example/all"}"#)
                #expect(everything.json["events"] == ["*"], "every event by default")
            }
        }
    }
}
