import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One HTTP exchange with a URL a caller gave, made defensively: the host resolved once and every address vetted
/// by `AddressPolicy`, then the connection made to that vetted address (so that a second DNS answer cannot send
/// it elsewhere); one request per connection; a deadline over the whole of it; the answer's body bounded.
struct OutboundHTTP: Sendable {
    /// Why an exchange failed, in words fit for an error message.
    struct Failure: Error, Equatable {
        let reason: String
    }

    /// What to do with a body longer than the bound.
    enum Overflow: Sendable {
        /// Fail the exchange.
        case fail
        /// Keep the first bytes, read and drop the rest.
        case truncate
    }

    let policy: AddressPolicy
    let tls: NIOSSLContext
    /// Every address a host name resolves to.
    let resolve: @Sendable (_ host: String, _ port: Int) async throws -> [SocketAddress]

    init(allowPrivateAddresses: Bool, resolve: @escaping @Sendable (String, Int) async throws -> [SocketAddress] = OutboundHTTP.resolve) throws {
        self.policy = AddressPolicy(allowPrivate: allowPrivateAddresses)
        self.resolve = resolve
        self.tls = try NIOSSLContext(configuration: .makeClientConfiguration())
    }

    /// Sends one request to `target` and collects the answer, all before `deadline`; throws `Failure`.
    func exchange(
        _ target: OutboundURL, method: HTTPMethod, headers extra: HTTPHeaders, body: ByteBuffer?, deadline: NIODeadline,
        maxBytes: Int, overflow: Overflow
    ) async throws -> FetchedResponse {
        // The resolver may hang (getaddrinfo cannot be cancelled): it is left behind when the deadline passes.
        let addresses = try await Self.beforeDeadline(deadline) { [resolve] in
            do { return try await resolve(target.host, target.port) } catch { throw Failure(reason: "the host does not resolve") }
        }
        guard let address = addresses.first else { throw Failure(reason: "the host does not resolve") }
        // Every address must pass: a name with one public and one private address is refused.
        for candidate in addresses {
            if let refusal = policy.refusal(of: candidate) { throw Failure(reason: refusal) }
        }
        let remaining = deadline - .now()
        guard remaining > .zero else { throw Failure(reason: "timed out") }
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        let promise = eventLoop.makePromise(of: FetchedResponse.self)
        let tls = target.isSecure ? tls : nil
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
                        try sync.addHandler(ResponseCollector(promise: promise, maxBytes: maxBytes, truncates: overflow == .truncate))
                        return channel.eventLoop.makeSucceededVoidFuture()
                    } catch {
                        return channel.eventLoop.makeFailedFuture(error)
                    }
                }
                .connect(to: address).get()
        } catch {
            promise.fail(error)
            throw Failure(reason: "could not connect")
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
        headers.add(contentsOf: extra)
        if let body { headers.add(name: "content-length", value: String(body.readableBytes)) }
        headers.add(name: "connection", value: "close")
        channel.write(HTTPClientRequestPart.head(HTTPRequestHead(version: .http1_1, method: method, uri: target.requestTarget, headers: headers)), promise: nil)
        if let body { channel.write(HTTPClientRequestPart.body(.byteBuffer(body)), promise: nil) }
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        do {
            return try await promise.futureResult.get()
        } catch {
            switch error {
            case is FetchTimeout: throw Failure(reason: "timed out")
            case let error as ResponseCollector.TooLarge: throw Failure(reason: "larger than \(error.limit) bytes")
            case is ResponseCollector.ClosedEarly: throw Failure(reason: "the connection closed before a whole answer")
            default: throw Failure(reason: "the connection failed")
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
                outcome.finish(.failure(Failure(reason: "timed out")))
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
                throw Failure(reason: "the host does not resolve")
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
