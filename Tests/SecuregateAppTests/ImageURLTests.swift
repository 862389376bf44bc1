import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SecuregateAPI
@testable import SecuregateApp
import SecuregateCore
import SecuregateTestSupport
import Testing

/// Image URLs: fetched through a real local HTTP server, and refused when they point where they must not.
struct ImageURLTests {
    /// Runs `body` with a live photo server on 127.0.0.1: `/NAME.jpg` serves a test photo, `/same` redirects to
    /// `/obama2.jpg` on the same host, `/other` redirects to the same server under the name `localhost`, `/big`
    /// serves 64 KiB, `/slow` answers after 3 seconds; anything else is a 404.
    static func withPhotoServer<T: Sendable>(_ body: @escaping @Sendable (Int) async throws -> T) async throws -> T {
        let router = Router()
        router.get("/:name") { request, context -> Response in
            let name = context.parameters.get("name") ?? ""
            let port = request.head.authority?.split(separator: ":").last.map(String.init) ?? "0"
            switch name {
            case "same": return Response(status: .found, headers: [.location: "/obama2.jpg"])
            case "other": return Response(status: .found, headers: [.location: "http://localhost:\(port)/obama2.jpg"])
            case "big": return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(repeating: 0xFF, count: 65_536)))
            case "slow":
                try await Task.sleep(for: .seconds(3))
                return Response(status: .ok)
            default:
                guard name.hasSuffix(".jpg"), let photo = try? FaceFixtures.photo(name) else { return Response(status: .notFound) }
                return Response(status: .ok, headers: [.contentType: "image/jpeg"], body: .init(byteBuffer: ByteBuffer(bytes: photo)))
            }
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: TestEnvironment.quietLogger)
        return try await app.test(.live) { client in try await body(try #require(client.port)) }
    }

    @Test("the policy refuses loopback, private, link-local and reserved addresses, and their IPv6 forms")
    func addressPolicy() throws {
        let policy = AddressPolicy(allowPrivate: false)
        for refused in [
            "127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
            "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe",
        ] {
            #expect(policy.refusal(of: try SocketAddress(ipAddress: refused, port: 80)) != nil, "\(refused)")
        }
        for allowed in ["93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"] {
            #expect(policy.refusal(of: try SocketAddress(ipAddress: allowed, port: 80)) == nil, "\(allowed)")
        }
        #expect(AddressPolicy(allowPrivate: true).refusal(of: try SocketAddress(ipAddress: "127.0.0.1", port: 80)) == nil)
    }

    @Test func theTimeLimitCoversAResolverThatNeverAnswers() async throws {
        let hanging = try HTTPImageFetcher(
            allowPrivateAddresses: false, maxBytes: 1000, timeout: .milliseconds(500), maxRedirects: 0,
            resolve: { _, _ in
                try await Task.sleep(for: .seconds(3600))
                return []
            }
        )
        let started = ContinuousClock.now
        await #expect(throws: SecuregateError.imageFetchFailed("timed out")) {
            _ = try await hanging.fetch("http://photos.example.com/a.jpg")
        }
        #expect(started.duration(to: .now) < .seconds(5))
    }

    @Test("refused before any connection: other schemes, private addresses; limits on size, time and redirects")
    func fetcherRefusals() async throws {
        let strict = try HTTPImageFetcher()
        for (url, reason) in [
            ("ftp://example.com/a.jpg", "only http and https URLs with a host are fetched"),
            ("file:///etc/passwd", "only http and https URLs with a host are fetched"),
            ("http://user:pw@example.com/a.jpg", "only http and https URLs with a host are fetched"),
            ("http://127.0.0.1:9/a.jpg", "the address 127.0.0.1 is not public"),
            ("http://169.254.169.254/latest/meta-data", "the address 169.254.169.254 is not public"),
            ("http://[::1]:9/a.jpg", "the address ::1 is not public"),
            ("http://localhost:9/a.jpg", nil),
        ] {
            await #expect {
                _ = try await strict.fetch(url)
            } throws: { error in
                guard case SecuregateError.imageFetchFailed(let text) = error else { return false }
                return reason.map { text == $0 } ?? text.hasSuffix("is not public")
            }
        }
        try await Self.withPhotoServer { port in
            let open = try HTTPImageFetcher(allowPrivateAddresses: true, maxBytes: 1000, timeout: .seconds(1))
            for (path, reason) in [
                ("big", "larger than 1000 bytes"), ("slow", "timed out"), ("missing.jpg", "the server answered 404"),
                ("other", "a redirect to another host"),
            ] {
                await #expect(throws: SecuregateError.imageFetchFailed(reason)) {
                    _ = try await open.fetch("http://127.0.0.1:\(port)/\(path)")
                }
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func enrollAndIdentifyFromURLs(_ backend: StoreBackend) async throws {
        try #require(FaceFixtures.available)
        try await Self.withPhotoServer { port in
            try await FaceTests.environment(backend, allowPrivateImageURLs: true) { env in
                try await env.withClient { client in
                    let base = "http://127.0.0.1:\(port)"
                    let (event, ids) = try await FaceTests.invitees(client, key: env.keyA, emails: ["obama@x.io", "biden@x.io"])
                    let enrolled = try await client.call(.put, "/invites/\(ids[0])/face?image_url=\(base)/obama.jpg", key: env.keyA)
                    #expect(enrolled.json["source"] == "image_url")
                    // The URL became the invite's image, and re-enrolling without a photo uses it.
                    #expect(try await client.call(.get, "/invites/\(ids[0])", key: env.keyA).json["image"] == .string("\(base)/obama.jpg"))
                    #expect(try await client.call(.put, "/invites/\(ids[0])/face", key: env.keyA).status == .ok)
                    try await client.call(.put, "/invites/\(ids[1])/face?image_url=\(base)/biden.jpg", key: env.keyA)
                    // The vendor's form: event_id and image_url in the query; a same-host redirect is followed.
                    for path in ["obama2.jpg", "same"] {
                        let found = try await client.call(.post, "/identity?event_id=\(event)&image_url=\(base)/\(path)", key: env.keyA)
                        #expect(found.status == .ok)
                        #expect(found.json["userInfo"]?["userId"] == .string(ids[0]))
                    }
                    let elsewhere = try await client.call(.post, "/identity?event_id=\(event)&image_url=\(base)/other", key: env.keyA)
                    #expect(elsewhere.status == .badRequest)
                    #expect(elsewhere.json == ["detail": "Could not fetch the image: a redirect to another host"])
                }
            }
            // A server that does not allow private addresses refuses the same URL.
            try await FaceTests.environment(backend) { env in
                try await env.withClient { client in
                    let (event, _) = try await FaceTests.invitees(client, key: env.keyA, emails: ["obama@x.io"])
                    let refused = try await client.call(.post, "/identity?event_id=\(event)&image_url=http://127.0.0.1:\(port)/obama2.jpg", key: env.keyA)
                    #expect(refused.status == .badRequest)
                    #expect(refused.json == ["detail": "Could not fetch the image: the address 127.0.0.1 is not public"])
                }
            }
        }
    }
}
