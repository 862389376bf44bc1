/// Hashes API key secrets for storage; the secret itself is never stored.
public protocol SecretHasher: Sendable {
    /// The digest of `secret`.
    func hash(_ secret: String) -> [UInt8]
}

/// Compares two digests in time that depends only on their length, not on where they differ.
public func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for i in a.indices {
        difference |= a[i] ^ b[i]
    }
    return difference == 0
}
