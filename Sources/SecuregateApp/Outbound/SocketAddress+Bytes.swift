import NIOCore

extension SocketAddress {
    /// The IP address in network-order bytes (4 or 16), nil for a Unix socket.
    var ipBytes: [UInt8]? {
        switch self {
        case .v4(let v4): withUnsafeBytes(of: v4.address.sin_addr.s_addr) { Array($0) }
        case .v6(let v6): withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
        default: nil
        }
    }
}
