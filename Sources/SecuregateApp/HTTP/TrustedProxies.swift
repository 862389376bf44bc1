import NIOCore

/// The proxies whose `X-Forwarded-For` is believed: a request's client is its connection's peer, unless that
/// peer is one of them; then it is the nearest address in the header, read from the right, that is not.
/// Anyone else can write anything in that header, so it is never read from them.
public struct TrustedProxies: Sendable {
    /// One address or a CIDR block, as network-order bytes and a prefix length.
    struct Network: Sendable {
        let bytes: [UInt8]
        let prefix: Int

        /// Whether `address` (network-order bytes) is inside this network.
        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var remaining = prefix
            for (mine, theirs) in zip(bytes, address) where remaining > 0 {
                let bits = min(8, remaining)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if mine & mask != theirs & mask { return false }
                remaining -= bits
            }
            return true
        }
    }

    let networks: [Network]

    /// No proxy is trusted: the client is always the peer.
    public static let none = TrustedProxies(networks: [])

    private init(networks: [Network]) {
        self.networks = networks
    }

    /// Reads `10.0.0.0/8`, `192.168.1.7`, `::1`, `fd00::/8`; nil when one of them is not an address or block.
    public init?(_ entries: [String]) {
        var networks: [Network] = []
        for entry in entries {
            let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
            guard let bytes = parts.first.flatMap(Self.bytes) else { return nil }
            let prefix = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
            guard let prefix, (0...bytes.count * 8).contains(prefix) else { return nil }
            networks.append(Network(bytes: bytes, prefix: prefix))
        }
        self.networks = networks
    }

    /// The client of a request that came from `peer` with these `X-Forwarded-For` values.
    public func client(peer: SocketAddress?, forwardedFor: [String]) -> String {
        guard let peerAddress = peer?.ipAddress else { return "-" }
        guard isTrusted(peerAddress) else { return peerAddress }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            guard Self.bytes(hop) != nil else { return peerAddress }
            if !isTrusted(hop) { return hop }
        }
        return hops.first ?? peerAddress
    }

    /// Whether `address` is inside a trusted network.
    func isTrusted(_ address: String) -> Bool {
        guard let bytes = Self.bytes(address) else { return false }
        return networks.contains { $0.contains(bytes) }
    }

    /// The network-order bytes of an IPv4 or IPv6 address, nil for anything else.
    static func bytes(_ text: String) -> [UInt8]? {
        (try? SocketAddress(ipAddress: text, port: 0))?.ipBytes
    }
}
