import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecuregateAPI
import SecuregateCore
import SecuregateTestSupport
import Testing

/// The console's account pages: API keys listed (the account's only), made (shown once, working at once) and
/// revoked (at once); webhook endpoints added (refused as the API refuses, the secret shown once), tested,
/// paused, resumed, rotated and deleted, their deliveries listed.
struct ConsoleKeysAndWebhooksTests {
    @Test(arguments: StoreBackend.available)
    func keysAreMadeShownOnceAndRevoked(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let cookie = try await ConsoleGuestListTests.session(client, key: env.keyA)
                let signedInWith = try await env.services.console.signIn(key: env.keyA).keyID
                let otherKey = try await env.services.console.signIn(key: env.keyB).keyID
                let list = String(buffer: try await DoorPairingTests.page(client, .get, "/console/keys", cookie: cookie).body)
                #expect(list.contains("<code>\(signedInWith)</code>") && list.contains("signed in with it") && !list.contains(otherKey))

                let unnamed = try await DoorPairingTests.page(client, .post, "/console/keys", cookie: cookie, form: "label=+&scope=admin")
                #expect(unnamed.status == .unprocessableContent && String(buffer: unnamed.body).contains("Say what the key is for"))
                let made = try await DoorPairingTests.page(client, .post, "/console/keys", cookie: cookie, form: "label=CRM+sync&scope=checkin&days=30")
                let page = String(buffer: made.body)
                #expect(made.status == .ok && made.headers[.cacheControl] == "no-store")
                let token = try #require(page.firstMatch(of: /id="made-key" class="text-input code-text" value="([^"]+)"/).map { String($0.1) })
                let principal = try await env.services.keys.authenticate(token)
                let account = try await env.services.keys.authenticate(env.keyA).accountID
                #expect(principal.scope == .checkin && principal.accountID == account)
                let record = try #require(try await env.services.keys.keys(for: principal).first { $0.id == principal.keyID })
                #expect(record.label == "CRM sync" && record.expiresAt == env.time.now().addingTimeInterval(30 * 86_400))
                let again = String(buffer: try await DoorPairingTests.page(client, .get, "/console/keys", cookie: cookie).body)
                #expect(again.contains("CRM sync") && !again.contains(token), "shown once")

                // Revoked at once; another account's key is not found.
                #expect(try await DoorPairingTests.page(client, .post, "/console/keys/\(otherKey)/revoke", cookie: cookie).status == .notFound)
                #expect(try await client.call(.get, "/events", key: env.keyB).status == .ok)
                let revoked = try await DoorPairingTests.page(client, .post, "/console/keys/\(principal.keyID)/revoke", cookie: cookie)
                #expect(revoked.headers[.location] == "/console/keys?revoked=\(principal.keyID)")
                await #expect(throws: SecuregateError.invalidAPIKey) { try await env.services.keys.authenticate(token) }
                // Revoking the key signed in with signs out.
                let own = try await DoorPairingTests.page(client, .post, "/console/keys/\(signedInWith)/revoke", cookie: cookie)
                #expect(own.headers[.location] == "/console")
                #expect(String(buffer: try await DoorPairingTests.page(client, .get, "/console", cookie: cookie).body).contains("<h1>Sign in</h1>"))
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func webhookEndpointsAreManagedWithTheirDeliveries(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let cookie = try await ConsoleGuestListTests.session(client, key: env.keyA)
                #expect(String(buffer: try await DoorPairingTests.page(client, .get, "/console/webhooks", cookie: cookie).body).contains("No endpoint yet."))
                let refused = try await DoorPairingTests.page(client, .post, "/console/webhooks", cookie: cookie, form: "url=ftp%3A%2F%2Fx&events=invite.created")
                let refusedPage = String(buffer: refused.body)
                #expect(refused.status == .unprocessableContent && refusedPage.contains("url must be an absolute http or https URL"))
                #expect(refusedPage.contains(#"value="invite.created" checked"#) && refusedPage.contains(#"value="ftp://x""#), "what was typed is kept")

                let made = try await DoorPairingTests.page(
                    client, .post, "/console/webhooks", cookie: cookie, form: "url=https%3A%2F%2Fhooks.example.org%2Fin&events=invite.created&events=checkin.ok&description=CRM"
                )
                let page = String(buffer: made.body)
                let secret = try #require(page.firstMatch(of: /id="secret" class="text-input code-text" value="(whsec_[^"]+)"/).map { String($0.1) })
                let api = try await client.call(.get, "/webhooks", key: env.keyA).json.arrayValue
                #expect(api.count == 1 && api[0]["events"] == ["invite.created", "checkin.ok"] && api[0]["description"] == "CRM")
                let id = try #require(api[0]["id"]?.stringValue)
                #expect(!String(buffer: try await DoorPairingTests.page(client, .get, "/console/webhooks/\(id)", cookie: cookie).body).contains(secret))

                // A test is queued and listed; paused, resumed; the secret rotated (shown once, new).
                let tested = try await DoorPairingTests.page(client, .post, "/console/webhooks/\(id)/test", cookie: cookie)
                let testPage = String(buffer: try await DoorPairingTests.page(client, .get, try #require(tested.headers[.location]), cookie: cookie).body)
                #expect(testPage.contains("is on its way") && testPage.contains("<code>webhook.test</code>") && testPage.contains("Waiting"))
                _ = try await DoorPairingTests.page(client, .post, "/console/webhooks/\(id)/pause", cookie: cookie)
                #expect(String(buffer: try await DoorPairingTests.page(client, .get, "/console/webhooks", cookie: cookie).body).contains("paused"))
                #expect(try await client.call(.get, "/webhooks/\(id)", key: env.keyA).json["enabled"] == false)
                let whilePaused = try await DoorPairingTests.page(client, .post, "/console/webhooks/\(id)/test", cookie: cookie)
                #expect(whilePaused.headers[.location] == "/console/webhooks/\(id)?done=disabled")
                _ = try await DoorPairingTests.page(client, .post, "/console/webhooks/\(id)/resume", cookie: cookie)
                #expect(try await client.call(.get, "/webhooks/\(id)", key: env.keyA).json["enabled"] == true)
                let rotated = String(buffer: try await DoorPairingTests.page(client, .post, "/console/webhooks/\(id)/rotate", cookie: cookie).body)
                let newSecret = rotated.firstMatch(of: /value="(whsec_[^"]+)"/).map { String($0.1) }
                #expect(newSecret != nil && newSecret != secret)

                let unknown = try await DoorPairingTests.page(client, .post, "/console/webhooks/\(id)/retry", cookie: cookie, form: "delivery=dlv_none")
                #expect(unknown.status == .notFound)
                // Another account sees nothing and changes nothing; deleting asks first.
                let other = try await ConsoleGuestListTests.session(client, key: env.keyB)
                #expect(try await DoorPairingTests.page(client, .get, "/console/webhooks/\(id)", cookie: other).status == .notFound)
                #expect(try await DoorPairingTests.page(client, .post, "/console/webhooks/\(id)/delete", cookie: other).status == .notFound)
                let confirm = String(buffer: try await DoorPairingTests.page(client, .get, "/console/webhooks/\(id)?confirm=delete", cookie: cookie).body)
                #expect(confirm.contains("Delete this endpoint?"))
                let deleted = try await DoorPairingTests.page(client, .post, "/console/webhooks/\(id)/delete", cookie: cookie)
                #expect(deleted.headers[.location] == "/console/webhooks")
                #expect(try await client.call(.get, "/webhooks", key: env.keyA).json.arrayValue.isEmpty)
            }
        }
    }
}
