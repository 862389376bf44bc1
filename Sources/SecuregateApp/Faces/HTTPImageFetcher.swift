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
    let http: OutboundHTTP

    /// A fetcher that refuses private, loopback and link-local addresses unless `allowPrivateAddresses`.
    public init(allowPrivateAddresses: Bool = false, maxBytes: Int = 10 * 1024 * 1024, timeout: TimeAmount = .seconds(10), maxRedirects: Int = 3) throws {
        try self.init(
            allowPrivateAddresses: allowPrivateAddresses, maxBytes: maxBytes, timeout: timeout, maxRedirects: maxRedirects,
            resolve: OutboundHTTP.resolve
        )
    }

    /// A fetcher that resolves host names with `resolve`.
    init(
        allowPrivateAddresses: Bool, maxBytes: Int, timeout: TimeAmount, maxRedirects: Int,
        resolve: @escaping @Sendable (String, Int) async throws -> [SocketAddress]
    ) throws {
        self.http = try OutboundHTTP(allowPrivateAddresses: allowPrivateAddresses, resolve: resolve)
        self.maxBytes = maxBytes
        self.timeout = timeout
        self.maxRedirects = maxRedirects
    }

    public func fetch(_ text: String) async throws -> Data {
        let deadline = NIODeadline.now() + timeout
        guard var target = OutboundURL(text) else { throw SecuregateError.imageFetchFailed("only http and https URLs with a host are fetched") }
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

    private func fetchOnce(_ target: OutboundURL, deadline: NIODeadline) async throws -> FetchedResponse {
        do {
            return try await http.exchange(
                target, method: .GET, headers: ["accept": "image/jpeg, image/png"], body: nil, deadline: deadline, maxBytes: maxBytes,
                overflow: .fail
            )
        } catch let failure as OutboundHTTP.Failure {
            throw SecuregateError.imageFetchFailed(failure.reason)
        }
    }
}
