import Foundation
import HummingbirdTesting
import SecuregateAPI
import SecuregateApp
import SecuregateCore
import SecuregateTestSupport
import Testing

/// Webhooks delivered by the real worker to a real receiver on loopback, which verifies every request with the
/// specification's own Python library: order, retries on the schedule, `410`, timeouts, rotation, resending.
/// The domain's clock is a manual one started at the real time, so that retries come when a test moves it; the
/// transport stamps requests with the real clock, as the receiver checks.
@Suite(.serialized)
struct WebhookDeliveryTests {
    /// Runs `body` with the whole app delivering webhooks from `backend`, and a receiver.
    static func withDelivery<T: Sendable>(
        _ backend: StoreBackend = .sqlite, timeout: TimeInterval = 5, allowPrivate: Bool = true,
        _ body: @escaping @Sendable (TestEnvironment, any TestClientProtocol, TestWebhookReceiver) async throws -> T
    ) async throws -> T {
        let receiver = try TestWebhookReceiver()
        let start = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        return try await TestEnvironment.with(backend, start: start) { env in
            let transport = try HTTPWebhookTransport(
                allowPrivateAddresses: allowPrivate, timeout: .milliseconds(Int64(timeout * 1000)), time: SystemTimeSource()
            )
            return try await env.withLiveClient(configure: {
                $0.webhookInterval = .milliseconds(50)
                $0.webhookTimeout = timeout
            }, webhooks: transport) { client in
                try await body(env, client, receiver)
            }
        }
    }

    /// Makes an endpoint to `url` for key A and tells the receiver its secret; returns its id and secret.
    static func endpoint(
        _ client: any TestClientProtocol, env: TestEnvironment, receiver: TestWebhookReceiver, url: String, events: String = #"["*"]"#
    ) async throws -> (id: String, secret: String) {
        let created = try await client.call(.post, "/webhooks", key: env.keyA, body: #"{"url":"\#(url)","events":\#(events)}"#)
        let id = try #require(created.string("id"))
        let secret = try #require(created.string("secret"))
        try receiver.trust(["current": secret])
        return (id, secret)
    }

    /// The endpoint's deliveries, newest first.
    static func log(_ client: any TestClientProtocol, env: TestEnvironment, endpoint: String) async throws -> [JSONValue] {
        try await client.call(.get, "/webhooks/\(endpoint)/deliveries?limit=500", key: env.keyA).json["items"]?.arrayValue ?? []
    }

    /// Waits until the endpoint's newest delivery is in `state` with `attempts` attempts; returns it.
    static func waitForDelivery(
        _ client: any TestClientProtocol, env: TestEnvironment, endpoint: String, state: String, attempts: Int
    ) async throws -> JSONValue {
        let deadline = Date().addingTimeInterval(20)
        while true {
            let newest = try await log(client, env: env, endpoint: endpoint).first ?? .null
            if newest["state"]?.stringValue == state && newest["attempts"]?.arrayValue.count == attempts { return newest }
            guard Date() < deadline else {
                Issue.record("delivery never became \(state) after \(attempts) attempts: \(newest)")
                return newest
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test(arguments: StoreBackend.available)
    func eventsArriveSignedAndInOrder(_ backend: StoreBackend) async throws {
        try await Self.withDelivery(backend) { env, client, receiver in
            let (endpoint, _) = try await Self.endpoint(client, env: env, receiver: receiver, url: receiver.url("ok"))
            let event = try await client.createEvent(key: env.keyA)
            let invite = try await client.invite(["ada@x.io"], to: event, key: env.keyA)[0]
            let inviteID = try #require(invite["id"]?.stringValue)
            try await client.call(.put, "/events/\(event)/invites/\(inviteID)", key: env.keyA, body: #"{"status":"accepted"}"#)
            try await client.call(.post, "/webhooks/\(endpoint)/test", key: env.keyA)
            let received = try await receiver.wait { $0.count >= 5 }
            #expect(received.count == 5)
            #expect(received.allSatisfy { $0["verified_by"] == ["current"] && $0["content_type"] == "application/json" })
            let types = received.compactMap { $0["body"]?["type"]?.stringValue }
            #expect(Set(types) == ["event.created", "invite.created", "invite.status_changed", "invite.accepted", "webhook.test"])
            // One invite's events arrive in the order they happened.
            #expect(types.filter { $0.hasPrefix("invite.") } == ["invite.created", "invite.status_changed", "invite.accepted"])
            let changed = try #require(received.first { $0["body"]?["type"] == "invite.status_changed" })
            #expect(changed["body"]?["data"] == [
                "invite_id": .string(inviteID), "event_id": .string(event), "from": "pending", "to": "accepted", "source": "api",
            ])
            #expect(changed["body"]?["timestamp"] == .string(RFC3339.format(env.time.now())))
            let created = try #require(received.first { $0["body"]?["type"] == "invite.created" })
            #expect(created["body"]?["data"]?["email"] == "ada@x.io" && created["body"]?["data"]?["status"] == "pending")

            // The log has each delivery, its answer and its webhook-id.
            let log = try await Self.waitForDelivery(client, env: env, endpoint: endpoint, state: "delivered", attempts: 1)
            #expect(log["type"] == "webhook.test" && log["data"] == ["endpoint_id": .string(endpoint)])
            #expect(log.attempt(0)?["status_code"] == 200 && log.attempt(0)?["response"] == "thanks")
            let all = try await Self.log(client, env: env, endpoint: endpoint)
            #expect(Set(all.compactMap { $0["event_id"]?.stringValue }) == Set(received.compactMap { $0["id"]?.stringValue }))
            #expect(try await client.call(.get, "/webhooks/\(endpoint)/deliveries", key: env.keyB).status == .notFound)
        }
    }

    @Test(arguments: StoreBackend.available)
    func failuresAreRetriedOnTheScheduleUnderTheSameID(_ backend: StoreBackend) async throws {
        try await Self.withDelivery(backend) { env, client, receiver in
            let (endpoint, _) = try await Self.endpoint(client, env: env, receiver: receiver, url: receiver.url("fail/2"))
            try await client.call(.post, "/webhooks/\(endpoint)/test", key: env.keyA)
            var delivery = try await Self.waitForDelivery(client, env: env, endpoint: endpoint, state: "pending", attempts: 1)
            #expect(delivery.attempt(0)?["status_code"] == 500 && delivery.attempt(0)?["error"] == "the receiver answered 500")
            let first = try #require(delivery["next_attempt_at"]?.stringValue)
            // About 5 seconds later, jitter included.
            #expect([4, 5, 6].map { RFC3339.format(env.time.now().addingTimeInterval($0)) }.contains(first))
            #expect(try await client.call(.get, "/webhooks/\(endpoint)", key: env.keyA).json["failing_since"] == .string(RFC3339.format(env.time.now())))
            env.time.advance(by: 6)
            delivery = try await Self.waitForDelivery(client, env: env, endpoint: endpoint, state: "pending", attempts: 2)
            env.time.advance(by: 331)
            delivery = try await Self.waitForDelivery(client, env: env, endpoint: endpoint, state: "delivered", attempts: 3)
            #expect(delivery["attempts"]?.arrayValue.map { $0["status_code"] } == [500, 500, 200])
            let received = try receiver.received()
            #expect(received.count == 3 && Set(received.compactMap { $0["id"]?.stringValue }) == [delivery["event_id"]?.stringValue])
            #expect(try await client.call(.get, "/webhooks/\(endpoint)", key: env.keyA).json["failing_since"] == .null)
        }
    }

    @Test func retryAfterIsHonoured() async throws {
        try await Self.withDelivery { env, client, receiver in
            let (endpoint, _) = try await Self.endpoint(client, env: env, receiver: receiver, url: receiver.url("busy"))
            try await client.call(.post, "/webhooks/\(endpoint)/test", key: env.keyA)
            let delivery = try await Self.waitForDelivery(client, env: env, endpoint: endpoint, state: "pending", attempts: 1)
            #expect(delivery["next_attempt_at"] == .string(RFC3339.format(env.time.now().addingTimeInterval(120))))
        }
    }

    @Test func goneDisablesTheEndpoint() async throws {
        try await Self.withDelivery { env, client, receiver in
            let (endpoint, _) = try await Self.endpoint(client, env: env, receiver: receiver, url: receiver.url("gone"))
            try await client.call(.post, "/webhooks/\(endpoint)/test", key: env.keyA)
            let delivery = try await Self.waitForDelivery(client, env: env, endpoint: endpoint, state: "failed", attempts: 1)
            #expect(delivery.attempt(0)?["status_code"] == 410)
            let disabled = try await client.call(.get, "/webhooks/\(endpoint)", key: env.keyA).json
            #expect(disabled["enabled"] == false && disabled["disabled_reason"] == "The receiver answered 410 Gone")
            let refused = try await client.call(.post, "/webhooks/\(endpoint)/test", key: env.keyA)
            #expect(refused.status == .conflict && refused.json["detail"] == "Webhook endpoint is disabled; enable it first")
            // Events of a disabled endpoint are not queued for it.
            try await client.createEvent(key: env.keyA)
            #expect(try await Self.log(client, env: env, endpoint: endpoint).count == 1)
            let enabled = try await client.call(.patch, "/webhooks/\(endpoint)", key: env.keyA, body: #"{"enabled":true}"#)
            #expect(enabled.json["enabled"] == true && enabled.json["failing_since"] == .null)
        }
    }

    @Test func fiveDaysOfFailuresDisableTheEndpoint() async throws {
        try await Self.withDelivery { env, client, receiver in
            let (endpoint, _) = try await Self.endpoint(client, env: env, receiver: receiver, url: receiver.url("fail/1000"))
            try await client.call(.post, "/webhooks/\(endpoint)/test", key: env.keyA)
            try await Self.waitForDelivery(client, env: env, endpoint: endpoint, state: "pending", attempts: 1)
            env.time.advance(by: 5 * 86_400)
            try await Self.waitForDelivery(client, env: env, endpoint: endpoint, state: "failed", attempts: 2)
            let disabled = try await client.call(.get, "/webhooks/\(endpoint)", key: env.keyA).json
            #expect(disabled["enabled"] == false && disabled["disabled_reason"] == "Every delivery failed for 5 days")
        }
    }

    @Test func aReceiverThatHangsTimesOut() async throws {
        try await Self.withDelivery(timeout: 1) { env, client, receiver in
            let (endpoint, _) = try await Self.endpoint(client, env: env, receiver: receiver, url: receiver.url("hang"))
            try await client.call(.post, "/webhooks/\(endpoint)/test", key: env.keyA)
            let delivery = try await Self.waitForDelivery(client, env: env, endpoint: endpoint, state: "pending", attempts: 1)
            let attempt = try #require(delivery.attempt(0))
            #expect(attempt["error"] == "timed out" && attempt["status_code"] == .null)
            let milliseconds: Int? = if case .int(let value)? = attempt["duration_ms"] { value } else { nil }
            #expect((1000..<3000).contains(milliseconds ?? 0))
        }
    }

    @Test func onlyTheFirstKilobyteOfAnAnswerIsKept() async throws {
        try await Self.withDelivery { env, client, receiver in
            let (endpoint, _) = try await Self.endpoint(client, env: env, receiver: receiver, url: receiver.url("big"))
            try await client.call(.post, "/webhooks/\(endpoint)/test", key: env.keyA)
            let delivery = try await Self.waitForDelivery(client, env: env, endpoint: endpoint, state: "delivered", attempts: 1)
            #expect(delivery.attempt(0)?["response"]?.stringValue == String(repeating: "x", count: 1024))
        }
    }

    @Test func privateAddressesAreRefusedUnlessAllowed() async throws {
        try await Self.withDelivery(allowPrivate: false) { env, client, receiver in
            let (endpoint, _) = try await Self.endpoint(client, env: env, receiver: receiver, url: receiver.url("ok"))
            try await client.call(.post, "/webhooks/\(endpoint)/test", key: env.keyA)
            let delivery = try await Self.waitForDelivery(client, env: env, endpoint: endpoint, state: "pending", attempts: 1)
            #expect(delivery.attempt(0)?["error"] == "the address 127.0.0.1 is not public")
            #expect(try receiver.received().isEmpty)
        }
    }

    @Test func bothSecretsSignForADayAfterARotation() async throws {
        try await Self.withDelivery { env, client, receiver in
            let (endpoint, old) = try await Self.endpoint(client, env: env, receiver: receiver, url: receiver.url("ok"))
            let new = try #require(try await client.call(.post, "/webhooks/\(endpoint)/secret", key: env.keyA).string("secret"))
            try receiver.trust(["old": old, "new": new])
            try await client.call(.post, "/webhooks/\(endpoint)/test", key: env.keyA)
            var received = try await receiver.wait { $0.count == 1 }
            #expect(Set(received[0]["verified_by"]?.arrayValue.compactMap(\.stringValue) ?? []) == ["old", "new"])
            #expect(received[0]["signature"]?.stringValue?.split(separator: " ").count == 2)
            env.time.advance(by: 86_401)
            try await client.call(.post, "/webhooks/\(endpoint)/test", key: env.keyA)
            received = try await receiver.wait { $0.count == 2 }
            #expect(received.last?["verified_by"] == ["new"])
            #expect(received.last?["signature"]?.stringValue?.split(separator: " ").count == 1)
        }
    }

    @Test func aDeliveryIsSentAgainByHandUnderItsID() async throws {
        try await Self.withDelivery { env, client, receiver in
            let (endpoint, _) = try await Self.endpoint(client, env: env, receiver: receiver, url: receiver.url("ok"))
            let queued = try await client.call(.post, "/webhooks/\(endpoint)/test", key: env.keyA).json
            let id = try #require(queued["id"]?.stringValue)
            #expect(queued["state"] == "pending" && queued["attempts"] == [])
            try await Self.waitForDelivery(client, env: env, endpoint: endpoint, state: "delivered", attempts: 1)
            let again = try await client.call(.post, "/webhooks/\(endpoint)/deliveries/\(id)/retry", key: env.keyA)
            #expect(again.json["state"] == "pending" && again.json["attempts"]?.arrayValue.count == 1)
            try await Self.waitForDelivery(client, env: env, endpoint: endpoint, state: "delivered", attempts: 2)
            let received = try receiver.received()
            #expect(received.count == 2 && received[0]["id"] == received[1]["id"])
            let missing = try await client.call(.post, "/webhooks/\(endpoint)/deliveries/dlv_nope/retry", key: env.keyA)
            #expect(missing.status == .notFound && missing.json["detail"] == "Delivery not found")
        }
    }
}

extension JSONValue {
    /// The `index`th attempt of a delivery in the log.
    func attempt(_ index: Int) -> JSONValue? {
        guard let attempts = self["attempts"]?.arrayValue, attempts.indices.contains(index) else { return nil }
        return attempts[index]
    }
}
