import NIOCore

/// Which addresses the server may call out to (images, webhooks): by default only public ones, so that a caller cannot
/// make the server reach its own network (loopback, private, link-local, carrier-grade NAT, multicast and
/// reserved ranges, and the IPv4 forms hidden in IPv6 addresses).
struct AddressPolicy: Sendable {
    /// Lets every address through: for tests and closed networks.
    var allowPrivate: Bool

    /// Why `address` is refused, or `nil` when it may be fetched.
    func refusal(of address: SocketAddress) -> String? {
        if allowPrivate { return nil }
        guard let bytes = address.ipBytes else { return "not an internet address" }
        let isPublic = bytes.count == 4 ? Self.isPublicV4(bytes) : Self.isPublicV6(bytes)
        return isPublic ? nil : "the address \(address.ipAddress ?? "") is not public"
    }

    /// Whether an IPv4 address (network order) is globally routable.
    static func isPublicV4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _): return false  // "this network", private, loopback
        case (100, 64...127): return false  // carrier-grade NAT
        case (169, 254): return false  // link-local (cloud metadata lives here)
        case (172, 16...31), (192, 168): return false  // private
        case (192, 0) where b[2] == 0 || b[2] == 2: return false  // IETF protocol assignments, documentation
        case (198, 18...19): return false  // benchmarking
        case (198, 51) where b[2] == 100, (203, 0) where b[2] == 113: return false  // documentation
        case (224...255, _): return false  // multicast, reserved, broadcast
        default: return true
        }
    }

    /// Whether an IPv6 address is globally routable; IPv4-mapped and -compatible forms are judged as IPv4.
    static func isPublicV6(_ b: [UInt8]) -> Bool {
        if b[0..<10].allSatisfy({ $0 == 0 }) && (b[10] == 0xFF && b[11] == 0xFF || b[10] == 0 && b[11] == 0) {
            // ::ffff:a.b.c.d, ::a.b.c.d, and :: and ::1 among them.
            return isPublicV4(Array(b[12..<16]))
        }
        if b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B { return isPublicV4(Array(b[12..<16])) }  // NAT64
        if b[0] & 0xFE == 0xFC { return false }  // unique local
        if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return false }  // link-local
        if b[0] == 0xFF { return false }  // multicast
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 { return false }  // documentation
        return true
    }
}
