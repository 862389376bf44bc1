import HTTPTypes
import HummingbirdTesting
import SecuregateAPI
import SecuregateTestSupport
import Testing

/// Account B must never see or change account A's data, nor learn that it exists: every operation answers
/// exactly as if the id did not exist.
struct TenantIsolationTests {
    @Test(arguments: StoreBackend.available)
    func anotherAccountsDataIsNotFoundByEveryOperation(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let invite = try await client.invite(["ada@x.io"], to: event, key: env.keyA)[0]
                let inviteID = invite["id"]?.stringValue ?? ""
                let sessionID = invite["session_id"]?.stringValue ?? ""
                let cases: [(HTTPRequest.Method, String, String?, String)] = [
                    (.get, "/events/\(event)", nil, "Event not found"),
                    (.delete, "/events/\(event)", nil, "Event not found"),
                    (.post, "/events/\(event)/invites", Payload.invites(["eve@x.io"]), "Event not found"),
                    (.get, "/events/\(event)/invites", nil, "Event not found"),
                    (.put, "/events/\(event)/invites/\(inviteID)", #"{"status":"accepted"}"#, "Event not found"),
                    (.get, "/events/\(event)/invites/\(inviteID)/history", nil, "Event not found"),
                    (.get, "/invites/\(inviteID)", nil, "Invite not found"),
                    (.get, "/invites?email=ada@x.io", nil, "Invite not found"),
                    (.get, "/invites?email=ada@x.io&event_id=\(event)", nil, "Event not found"),
                    (.get, "/invites-with-event?invite_id=\(inviteID)", nil, "Invite not found"),
                    (.get, "/invites-with-event?session_id=\(sessionID)", nil, "Invite not found"),
                ]
                for (method, uri, body, detail) in cases {
                    let response = try await client.call(method, uri, key: env.keyB, body: body)
                    #expect(response.status == .notFound, "\(method) \(uri)")
                    #expect(response.json == ["detail": .string(detail)], "\(method) \(uri)")
                }
                #expect(try await client.call(.get, "/events", key: env.keyB).json
                    == ["ongoing": [], "ended": [], "up_coming": [], "archived": []])
                // Nothing B tried changed A's data.
                let after = try await client.call(.get, "/events/\(event)", key: env.keyA).json
                #expect(after["is_deleted"] == false)
                #expect(after["invite_stats"]?["total"] == 1)
                #expect(try await client.call(.get, "/invites/\(inviteID)", key: env.keyA).json == invite)
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func aRevokedKeyStopsWorkingAtOnce(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                #expect(try await client.call(.get, "/events", key: env.keyA).status == .ok)
                let keyID = try await env.services.keys.list().first { $0.accountName == "A" }?.id ?? ""
                #expect(try await env.services.keys.revoke(keyID: keyID))
                let response = try await client.call(.get, "/events", key: env.keyA)
                #expect(response.status == .unauthorized)
                #expect(response.json == ["detail": "Invalid API key"])
                // A wrong secret for an existing key id is refused the same way.
                let forged = String(env.keyB.dropLast()) + (env.keyB.hasSuffix("x") ? "y" : "x")
                #expect(try await client.call(.get, "/events", key: forged).json == ["detail": "Invalid API key"])
            }
        }
    }
}
