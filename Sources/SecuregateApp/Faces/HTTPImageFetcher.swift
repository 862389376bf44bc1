import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import SecuregateCore

/// Fetches photos from callers' URLs, defensively: http and https only; the host resolved once and every
/// address vetted by `AddressPolicy`, then the connection made to that vetted address (so a second DNS answer
/// cannot redirect it); redirects followed only within the same host; size and time limited.
public struct HTTPImageFetcher: ImageFetcher {
    /// The largest image fetched.
    public var maxBytes: Int
    /// The whole fetch, redirects included, ends within this time.
    public var timeout: TimeAmount
    /// How many redirects (within the same host) are followed.
    public var maxRedirects: Int
    let policy: AddressPolicy
    let tls: NIOSSLContext
    /// Every address a host name resolves to.
    let resolve: @Sendable (_ host: String, _ port: Int) async throws -> [SocketAddress]

    /// A fetcher that refuses private, loopback and link-local addresses unless `allowPrivateAddresses`.
    public init(allowPrivateAddresses: Bool = false, maxBytes: Int = 10 * 1024 * 1024, timeout: TimeAmount = .seconds(10), maxRedirects: Int = 3) throws {
        try self.init(
            allowPrivateAddresses: allowPrivateAddresses, maxBytes: maxBytes, timeout: timeout, maxRedirects: maxRedirects,
            resolve: Self.resolve
        )
    }

    /// A fetcher that resolves host names with `resolve`.
    init(
        allowPrivateAddresses: Bool, maxBytes: Int, timeout: TimeAmount, maxRedirects: Int,
        resolve: @escaping @Sendable (String, Int) async throws -> [SocketAddress]
    ) throws {
        self.resolve = resolve
        self.policy = AddressPolicy(allowPrivate: allowPrivateAddresses)
        self.maxBytes = maxBytes
        self.timeout = timeout
        self.maxRedirects = maxRedirects
        self.tls = try NIOSSLContext(configuration: .makeClientConfiguration())
    }

    public func fetch(_ text: String) async throws -> Data {
        let deadline = NIODeadline.now() + timeout
        guard var target = ImageURL(text) else { throw SecuregateError.imageFetchFailed("only http and https URLs with a host are fetched") }
        for _ in 0...maxRedirects {
            let response = try await fetchOnce(target, deadline: deadline)
            switch response.head.status.code {
            case 200:
                return Data(response.body.readableBytesView)
            case 301, 302, 303, 307, 308:
                guard let location = response.head.headers.first(name: "location"),
                      let next = target.resolving(location)
                else { throw SecuregateError.imageFetchFailed("a redirect without a usable location") }
                guard next.host.lowercased() == target.host.lowercased() else {
                    throw SecuregateError.imageFetchFailed("a redirect to another host")
                }
                target = next
            default:
                throw SecuregateError.imageFetchFailed("the server answered \(response.head.status.code)")
            }
        }
        throw SecuregateError.imageFetchFailed("too many redirects")
    }

    private func fetchOnce(_ target: ImageURL, deadline: NIODeadline) async throws -> FetchedResponse {
        // The resolver may hang (getaddrinfo cannot be cancelled): it is left behind when the deadline passes.
        let addresses = try await Self.beforeDeadline(deadline) { [resolve] in try await resolve(target.host, target.port) }
        guard let address = addresses.first else { throw SecuregateError.imageFetchFailed("the host does not resolve") }
        // Every address must pass: a name with one public and one private address is refused.
        for candidate in addresses {
            if let refusal = policy.refusal(of: candidate) { throw SecuregateError.imageFetchFailed(refusal) }
        }
        let remaining = deadline - .now()
        guard remaining > .zero else { throw SecuregateError.imageFetchFailed("timed out") }
        let group = MultiThreadedEventLoopGroup.singleton
        let eventLoop = group.next()
        let promise = eventLoop.makePromise(of: FetchedResponse.self)
        let tls = target.isSecure ? tls : nil
        let maxBytes = self.maxBytes
        let serverName = target.isIPLiteral ? nil : target.host
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: eventLoop)
                .connectTimeout(remaining)
                .channelInitializer { channel in
                    do {
                        let sync = channel.pipeline.syncOperations
                        if let tls { try sync.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: serverName)) }
                        try sync.addHTTPClientHandlers()
                        try sync.addHandler(ResponseCollector(promise: promise, maxBytes: maxBytes))
                        return channel.eventLoop.makeSucceededVoidFuture()
                    } catch {
                        return channel.eventLoop.makeFailedFuture(error)
                    }
                }
                .connect(to: address).get()
        } catch {
            promise.fail(error)
            throw SecuregateError.imageFetchFailed("could not connect")
        }
        // Through the pipeline, so the collector, which completes the promise once, reports it.
        let timer = eventLoop.scheduleTask(deadline: deadline) { channel.pipeline.fireErrorCaught(FetchTimeout()) }
        defer {
            timer.cancel()
            channel.close(promise: nil)
        }
        var headers = HTTPHeaders()
        headers.add(name: "host", value: target.hostHeader)
        headers.add(name: "user-agent", value: "securegate")
        headers.add(name: "accept", value: "image/jpeg, image/png")
        headers.add(name: "connection", value: "close")
        channel.write(HTTPClientRequestPart.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: target.requestTarget, headers: headers)), promise: nil)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        do {
            return try await promise.futureResult.get()
        } catch {
            switch error {
            case is FetchTimeout: throw SecuregateError.imageFetchFailed("timed out")
            case let error as ResponseCollector.TooLarge: throw SecuregateError.imageFetchFailed("larger than \(error.limit) bytes")
            default: throw SecuregateError.imageFetchFailed("the connection failed")
            }
        }
    }

    /// `work`'s answer, or a failure that says "timed out" when `deadline` comes first; the work then goes on
    /// unwatched, its answer dropped.
    static func beforeDeadline<T: Sendable>(
        _ deadline: NIODeadline, _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let outcome = FirstOutcome<T>()
        return try await withCheckedThrowingContinuation { continuation in
            outcome.continuation = continuation
            let timer = MultiThreadedEventLoopGroup.singleton.next().scheduleTask(deadline: deadline) {
                outcome.finish(.failure(SecuregateError.imageFetchFailed("timed out")))
            }
            Task {
                let result: Result<T, any Error>
                do { result = .success(try await work()) } catch { result = .failure(error) }
                timer.cancel()
                outcome.finish(result)
            }
        }
    }

    /// Every address `host` resolves to, resolved off the event loop.
    static func resolve(_ host: String, port: Int) async throws -> [SocketAddress] {
        try await NIOThreadPool.singleton.runIfActive {
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var result: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, String(port), &hints, &result) == 0, let first = result else {
                throw SecuregateError.imageFetchFailed("the host does not resolve")
            }
            defer { freeaddrinfo(first) }
            var addresses: [SocketAddress] = []
            var current: UnsafeMutablePointer<addrinfo>? = first
            while let info = current {
                if let address = info.pointee.ai_addr {
                    switch Int32(info.pointee.ai_family) {
                    case AF_INET:
                        address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { addresses.append(SocketAddress($0.pointee, host: host)) }
                    case AF_INET6:
                        address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { addresses.append(SocketAddress($0.pointee, host: host)) }
                    default: break
                    }
                }
                current = info.pointee.ai_next
            }
            return addresses
        }
    }
}

struct FetchTimeout: Error {}

/// Resumes a continuation with the first of several outcomes that race for it.
final class FirstOutcome<T: Sendable>: @unchecked Sendable {
    // Guards `continuation`, taken by the first outcome.
    private let lock = NSLock()
    var continuation: CheckedContinuation<T, any Error>?

    func finish(_ result: Result<T, any Error>) {
        let first = lock.withLock {
            defer { continuation = nil }
            return continuation
        }
        first?.resume(with: result)
    }
}

/// A whole response: its head and its body.
struct FetchedResponse: Sendable {
    var head: HTTPResponseHead
    var body: ByteBuffer
}
