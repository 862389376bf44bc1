import Crypto
import SecuregateCore

/// SHA-256 of a key secret. The secrets are 160 random bits, so a fast hash is the right one: there is no
/// dictionary to slow down, and every request checks one.
public struct SHA256SecretHasher: SecretHasher {
    public init() {}

    public func hash(_ secret: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(secret.utf8)))
    }
}
