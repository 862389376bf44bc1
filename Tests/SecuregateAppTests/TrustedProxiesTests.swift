import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SecuregateApp
import SecuregateTestSupport
import Testing

/// The client a request is logged with: the peer, unless the peer is a trusted proxy; then the nearest
/// untrusted address of `X-Forwarded-For`.
struct TrustedProxiesTests {
    @Test func theClientIsThePeerUnlessThePeerIsTrusted() throws {
        let proxies = try #require(TrustedProxies(["10.0.0.0/8", "192.168.1.7", "fd00::/8"]))
        let proxy = try SocketAddress(ipAddress: "10.1.2.3", port: 1)
        let stranger = try SocketAddress(ipAddress: "203.0.113.9", port: 1)
        #expect(proxies.client(peer: stranger, forwardedFor: ["198.51.100.1"]) == "203.0.113.9", "a stranger's header is not read")
        #expect(proxies.client(peer: proxy, forwardedFor: []) == "10.1.2.3")
        #expect(proxies.client(peer: proxy, forwardedFor: ["198.51.100.1"]) == "198.51.100.1")
        // Read from the right: the last hop added by a trusted proxy; what the client wrote itself is skipped.
        #expect(proxies.client(peer: proxy, forwardedFor: ["6.6.6.6, 198.51.100.1", "192.168.1.7"]) == "198.51.100.1")
        #expect(proxies.client(peer: proxy, forwardedFor: ["10.9.9.9, 192.168.1.7"]) == "10.9.9.9", "all trusted: the first")
        #expect(proxies.client(peer: proxy, forwardedFor: ["not an address"]) == "10.1.2.3")
        #expect(proxies.client(peer: try SocketAddress(ipAddress: "fd12::1", port: 1), forwardedFor: ["2001:db8::5"]) == "2001:db8::5")
        #expect(TrustedProxies.none.client(peer: proxy, forwardedFor: ["198.51.100.1"]) == "10.1.2.3")
        #expect(TrustedProxies(["10.0.0.0/33"]) == nil && TrustedProxies(["proxy.example"]) == nil)
    }

    @Test func theRequestLogNamesTheClient() async throws {
        try await TestEnvironment.with(.sqlite) { env in
            let capture = LogCapture()
            try await env.withLiveClient(configure: { $0.trustedProxies = TrustedProxies(["127.0.0.1"])! }, logger: capture.logger(level: .info)) { client in
                _ = try await client.execute(uri: "/healthz", method: .get, headers: [HTTPField.Name("x-forwarded-for")!: "198.51.100.1"]) { $0 }
            }
            try await env.withLiveClient(logger: capture.logger(level: .info)) { client in
                _ = try await client.execute(uri: "/healthz", method: .get, headers: [HTTPField.Name("x-forwarded-for")!: "198.51.100.1"]) { $0 }
            }
            let requests = capture.all.map(\.text).filter { $0.hasPrefix("Request ") }
            #expect(requests.count == 2)
            #expect(requests.first?.contains("client=198.51.100.1") == true, "behind a trusted proxy")
            #expect(requests.last?.contains("client=127.0.0.1") == true, "no proxy trusted: the peer")
        }
    }
}
