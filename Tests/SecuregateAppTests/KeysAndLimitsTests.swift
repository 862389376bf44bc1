import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecuregateAPI
@testable import SecuregateApp
import SecuregateCore
import SecuregateStore
import SecuregateTestSupport
import Testing

/// Who may call what, how often, and what the log may say about it.
struct KeysAndLimitsTests {
    @Test(arguments: StoreBackend.available)
    func permissionMatrix(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            let revoked = try await env.services.keys.issue(accountName: "A")
            #expect(try await env.services.keys.revoke(keyID: revoked.record.id))
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let invite = try await client.invite(["a@x.io"], to: event, key: env.keyA)[0]
                let id = invite["id"]?.stringValue ?? ""
                let session = invite["session_id"]?.stringValue ?? ""
                let code = invite["session_code"]?.stringValue ?? ""
                let webhook = try await client.call(.post, "/webhooks", key: env.keyA, body: #"{"url":"https://hooks.example/a"}"#).string("id") ?? ""
                let delivery = try await client.call(.post, "/webhooks/\(webhook)/test", key: env.keyA).string("id") ?? ""
                let door = try await client.call(.post, "/events/\(event)/doors", key: env.keyA, body: #"{"gate":"west"}"#).string("id") ?? ""
                // (operation, own key, another account's key); revoked, missing and empty keys are 401 everywhere.
                let operations: [(HTTPRequest.Method, String, String?, HTTPResponse.Status, HTTPResponse.Status)] = [
                    (.get, "/events", nil, .ok, .ok),
                    (.post, "/events", Payload.event(start: 1, end: 2), .ok, .ok),
                    (.get, "/events/\(event)", nil, .ok, .notFound),
                    (.put, "/events/\(event)", Payload.event(title: "Moved", start: 3, end: 4), .ok, .notFound),
                    (.post, "/events/\(event)/invites?notify=0", Payload.invites(["b@x.io"]), .ok, .notFound),
                    (.get, "/events/\(event)/invites", nil, .ok, .notFound),
                    (.put, "/events/\(event)/invites/\(id)", #"{"status":"accepted"}"#, .ok, .notFound),
                    (.get, "/events/\(event)/invites/\(id)/history", nil, .ok, .notFound),
                    (.get, "/invites/\(id)", nil, .ok, .notFound),
                    (.get, "/invites?email=a@x.io", nil, .ok, .notFound),
                    (.get, "/invites-with-event?session_id=\(session)", nil, .ok, .notFound),
                    (.get, "/invites/\(id)/qr", nil, .ok, .notFound),
                    (.get, "/invites/\(id)/messages", nil, .ok, .notFound),
                    (.post, "/invites/\(id)/messages", #"{"channel":"email"}"#, .ok, .notFound),
                    (.get, "/invites/\(id)/link", nil, .ok, .notFound),
                    (.post, "/invites/\(id)/link", nil, .ok, .notFound),
                    (.post, "/events/\(event)/checkins", #"{"code":"\#(code)"}"#, .ok, .notFound),
                    (.get, "/events/\(event)/checkins", nil, .ok, .notFound),
                    (.get, "/events/\(event)/codes/\(code)", nil, .ok, .notFound),
                    // This server runs without face models: it says so to every key before it looks anything up, so the
                    // answer tells nothing of whose the event or invite is.
                    (.post, "/identity?event_id=\(event)&image_url=https://example.com/a.jpg", nil, .serviceUnavailable, .serviceUnavailable),
                    (.put, "/invites/\(id)/face?image_url=https://example.com/a.jpg", nil, .serviceUnavailable, .serviceUnavailable),
                    (.get, "/invites/\(id)/face", nil, .notFound, .notFound),
                    (.delete, "/invites/\(id)/face", nil, .ok, .notFound),
                    (.post, "/webhooks", #"{"url":"https://hooks.example/b"}"#, .ok, .ok),
                    (.get, "/webhooks", nil, .ok, .ok),
                    (.get, "/webhooks/\(webhook)", nil, .ok, .notFound),
                    (.patch, "/webhooks/\(webhook)", #"{"description":"orders"}"#, .ok, .notFound),
                    (.post, "/webhooks/\(webhook)/secret", nil, .ok, .notFound),
                    (.post, "/webhooks/\(webhook)/test", nil, .ok, .notFound),
                    (.get, "/webhooks/\(webhook)/deliveries", nil, .ok, .notFound),
                    (.post, "/webhooks/\(webhook)/deliveries/\(delivery)/retry", nil, .ok, .notFound),
                    (.delete, "/webhooks/\(webhook)", nil, .ok, .notFound),
                    (.post, "/events/\(event)/doors", #"{"gate":"north"}"#, .ok, .notFound),
                    (.get, "/events/\(event)/doors", nil, .ok, .notFound),
                    (.delete, "/events/\(event)/doors/\(door)", nil, .ok, .notFound),
                    (.delete, "/events/\(event)", nil, .ok, .notFound),
                ]
                // The matrix covers every operation of the API.
                let routes = RouteTable(operations: Operations.all)
                let covered = Set(operations.compactMap { method, uri, _, _, _ in
                    routes.route(for: uri.split(separator: "?")[0].split(separator: "/")).map { route in
                        "\(method.rawValue) /" + route.segments.joined(separator: "/")
                    }
                })
                #expect(covered == Set(Operations.all.map { "\($0.method) \($0.path)" }))
                for (method, uri, body, own, other) in operations {
                    let keys: [(String?, HTTPResponse.Status, String)] = [
                        (env.keyB, other, "other account"), (revoked.token.text, .unauthorized, "revoked"),
                        (nil, .unauthorized, "none"), ("", .unauthorized, "empty"), (env.keyA, own, "own"),
                    ]
                    for (key, expected, kind) in keys {
                        let status = try await client.call(method, uri, key: key, body: body).status
                        #expect(status == expected, "\(method) \(uri) with \(kind) key")
                    }
                }
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func aKeyWithALifetimeStopsWorkingWhenItEnds(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            let (record, token) = try await env.services.keys.issue(accountName: "A", scope: .checkin, label: "door 3", lifetime: 3600)
            let stored = try #require(try await env.store.key(id: record.id))
            #expect(stored.label == "door 3" && stored.expiresAt == TestEnvironment.start.addingTimeInterval(3600))
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                #expect(try await client.call(.get, "/events/\(event)/checkins", key: token.text).status == .ok)
                env.time.advance(by: 3599)
                #expect(try await client.call(.get, "/events/\(event)/checkins", key: token.text).status == .ok)
                env.time.advance(by: 1)
                let expired = try await client.call(.get, "/events/\(event)/checkins", key: token.text)
                #expect(expired.status == .unauthorized && expired.json == ["detail": "Invalid API key"])
                // Keys without a lifetime go on.
                #expect(try await client.call(.get, "/events/\(event)", key: env.keyA).status == .ok)
            }
        }
    }

    @Test func theRateLimitAnswers429WithRetryAfterPerKey() async throws {
        try await TestEnvironment.with(.sqlite) { env in
            var configuration = AppConfiguration()
            configuration.rateLimit = 1
            configuration.rateBurst = 2
            let app = Application(
                router: buildRouter(services: env.services, configuration: configuration, time: env.time),
                logger: TestEnvironment.quietLogger
            )
            try await app.test(.router) { client in
                #expect(try await client.call(.get, "/events", key: env.keyA).status == .ok)
                #expect(try await client.call(.get, "/events", key: env.keyA).status == .ok)
                let limited = try await client.call(.get, "/events", key: env.keyA)
                #expect(limited.status == .tooManyRequests)
                #expect(limited.json == ["detail": "Rate limit exceeded"])
                #expect(limited.headers[.retryAfter] == "1")
                // Another key has its own bucket; time refills this one.
                #expect(try await client.call(.get, "/events", key: env.keyB).status == .ok)
                env.time.advance(by: 1)
                #expect(try await client.call(.get, "/events", key: env.keyA).status == .ok)
                // An unknown key is refused before it can use anyone's budget.
                #expect(try await client.call(.get, "/events", key: "sg_x_y").status == .unauthorized)
            }
        }
    }

    @Test func theConcurrencyCapCountsRequestsInFlight() {
        let time = ManualTimeSource(TestEnvironment.start)
        let limiter = KeyRateLimiter(settings: .init(rate: 0, burst: 0, maxConcurrent: 2), time: time)
        #expect(limiter.acquire("k") == .allowed)
        #expect(limiter.acquire("k") == .allowed)
        #expect(limiter.acquire("k") == .limited(retryAfter: 1))
        #expect(limiter.acquire("other") == .allowed)
        limiter.release("k")
        #expect(limiter.acquire("k") == .allowed)
    }

    @Test(arguments: StoreBackend.available)
    func keysNeverReachTheLog(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            let capture = LogCapture()
            let app = Application(router: buildRouter(services: env.services), logger: capture.logger())
            try await app.test(.router) { client in
                let event = try await client.createEvent(key: env.keyA)
                try await client.invite(["a@x.io"], to: event, key: env.keyA)
                try await client.call(.get, "/events", key: env.keyB)
                try await client.call(.get, "/events", key: env.keyA + "x")
                try await client.call(.put, "/events/\(event)/invites/x", key: env.keyA, body: "{")
            }
            let lines = capture.all.map(\.text)
            #expect(lines.count >= 5)
            for key in [env.keyA, env.keyB] {
                let secret = String(key.split(separator: "_").last ?? "")
                #expect(!lines.contains { $0.contains(key) || $0.contains(secret) })
            }
            #expect(lines.allSatisfy { $0.contains("hb.request.id=") })
        }
    }

    @Test(arguments: StoreBackend.available)
    func sessionCodesNeverReachTheLog(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            let capture = LogCapture()
            let app = Application(router: buildRouter(services: env.services), logger: capture.logger())
            let (event, code) = try await app.test(.router) { client in
                let event = try await client.createEvent(key: env.keyA)
                let invite = try await client.invite(["a@x.io"], to: event, key: env.keyA)[0]
                let code = try #require(invite["session_code"]?.stringValue)
                #expect(try await client.call(.get, "/events/\(event)/codes/\(code)", key: env.keyA).status == .ok)
                try await client.call(.get, "/events/\(event)/codes/\(code)x", key: env.keyA)
                try await client.call(.get, "/invites-with-event?session_id=\(code)", key: env.keyA)
                return (event, code)
            }
            let lines = capture.all.map(\.text)
            #expect(!lines.contains { $0.contains(code) }, "\(lines)")
            // The identifiers stay, so that a line can still be traced to its event.
            #expect(lines.contains { $0.contains("path=/events/\(event)/codes/{code}") }, "\(lines)")
        }
    }

    @Test func onlyIdentifiersOfAPathAreLogged() {
        let routes = RouteTable(operations: Operations.all, extraPaths: ["/healthz": ["GET"]])
        #expect(routes.loggedPath("/events/evt_1/codes/SECRET") == "/events/evt_1/codes/{code}")
        #expect(routes.loggedPath("/events/evt_1/invites/inv_2/history") == "/events/evt_1/invites/inv_2/history")
        #expect(routes.loggedPath("/healthz") == "/healthz")
        // A path of no route keeps only its first segment: it may be anything a client typed.
        #expect(routes.loggedPath("/i/SECRET-TOKEN") == "/i/…")
        #expect(routes.loggedPath("/events/evt_1/codes/SECRET/") == "/events/…")
        // Every parameter of every operation that is not an identifier is hidden, whatever its name.
        for operation in Operations.all {
            let path = operation.path.split(separator: "/").map { $0.hasPrefix("{") ? "VALUE\($0.dropFirst().dropLast())" : String($0) }
            let logged = routes.loggedPath("/" + path.joined(separator: "/"))
            for parameter in operation.path.split(separator: "/") where parameter.hasPrefix("{") {
                let name = parameter.dropFirst().dropLast()
                #expect(logged.contains("VALUE\(name)") == name.hasSuffix("_id"), "\(operation.path) → \(logged)")
            }
        }
    }

    @Test func unexpectedErrorsAreLoggedAndRevealNothing() async throws {
        try await StoreBackend.sqlite.withStore { store, _ in
            let services = try SecuregateServices(store: store, time: SystemTimeSource(), ids: SequentialIDGenerator(), hasher: SHA256SecretHasher())
            let key = try await services.keys.issue(accountName: "A").token.text
            let capture = LogCapture()
            let app = Application(router: buildRouter(services: services), logger: capture.logger())
            // The database goes away under the running server.
            try await store.close()
            try await app.test(.router) { client in
                let response = try await client.call(.get, "/events", key: key)
                #expect(response.status == .internalServerError)
                #expect(response.json == ["detail": "Internal Server Error"])
                #expect(!String(buffer: response.body).lowercased().contains("sqlite"))
            }
            let errors = capture.all.filter { $0.level == .error }
            #expect(errors.count == 1)
            #expect(errors.first?.text.contains("hb.request.id=") == true)
        }
    }
}
