import Foundation

/// A URL the server may call out to (an image to fetch, a webhook to post): http or https, with a host.
struct OutboundURL: Sendable {
    let url: URL
    let host: String
    let port: Int
    let isSecure: Bool

    init?(_ text: String) {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty, url.user == nil
        else { return nil }
        self.url = url
        // URL keeps the brackets of an IPv6 literal in `host` on some platforms.
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.isSecure = scheme == "https"
        self.port = url.port ?? (isSecure ? 443 : 80)
    }

    /// Whether the host is an address rather than a name (no SNI is sent for it).
    var isIPLiteral: Bool { host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." } }

    /// The Host header.
    var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return url.port.map { "\(name):\($0)" } ?? name
    }

    /// The path and query, as the request line carries them.
    var requestTarget: String {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let path = components?.percentEncodedPath ?? ""
        let query = components?.percentEncodedQuery.map { "?\($0)" } ?? ""
        return (path.isEmpty ? "/" : path) + query
    }

    /// A redirect's location, resolved against this URL.
    func resolving(_ location: String) -> OutboundURL? {
        guard let next = URL(string: location, relativeTo: url)?.absoluteURL else { return nil }
        return OutboundURL(next.absoluteString)
    }
}
