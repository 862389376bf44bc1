import Crypto
import Foundation
import NIOSSL

/// The server's certificate chain and private key, read from PEM files, and read again on `reload()`: each
/// new connection's handshake takes the pair loaded last, so a renewed certificate needs no restart and the
/// connections already open are left as they are.
public final class TLSCertificates: @unchecked Sendable {
    /// The chain and key every handshake uses.
    struct Pair {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
    }

    public let certificatePath: String
    public let keyPath: String
    // Guards `current`.
    private let lock = NSLock()
    private var current: Pair

    /// Reads the pair; throws with the file and the reason when either cannot be used.
    public init(certificatePath: String, keyPath: String) throws {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        current = try Self.load(certificatePath: certificatePath, keyPath: keyPath)
    }

    /// Reads the files again and uses them from the next handshake on. When they cannot be used (a renewal
    /// caught halfway, a key that does not match) it throws, and the pair in use stays.
    public func reload() throws {
        let pair = try Self.load(certificatePath: certificatePath, keyPath: keyPath)
        lock.withLock { current = pair }
    }

    /// The chain's first certificate's SHA-256 fingerprint, in hex, for the log.
    public var fingerprint: String {
        let pair = lock.withLock { current }
        guard let der = try? pair.chain.first?.toDERBytes() else { return "-" }
        return SHA256.hash(data: der).map { String(format: "%02x", $0) }.joined()
    }

    /// The server's TLS settings: the pair loaded at start, replaced at each handshake by the one loaded last.
    public func serverConfiguration() -> TLSConfiguration {
        let pair = lock.withLock { current }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: pair.chain.map { .certificate($0) }, privateKey: .privateKey(pair.key)
        )
        configuration.minimumTLSVersion = .tlsv12
        configuration.sslContextCallback = { [self] _, promise in
            let pair = lock.withLock { current }
            var override = NIOSSLContextConfigurationOverride()
            override.certificateChain = pair.chain.map { .certificate($0) }
            override.privateKey = .privateKey(pair.key)
            promise.succeed(override)
        }
        return configuration
    }

    /// Reads and checks a pair: a chain of at least one certificate, a key, and the two belonging together
    /// (a context is made with them, as a handshake would).
    static func load(certificatePath: String, keyPath: String) throws -> Pair {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw TLSSetupError("cannot read the certificate \(certificatePath): \(error)")
        }
        guard !chain.isEmpty else { throw TLSSetupError("\(certificatePath) holds no PEM certificate") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw TLSSetupError("cannot read the private key \(keyPath): \(error)")
        }
        do {
            _ = try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key)))
        } catch {
            throw TLSSetupError("the key \(keyPath) does not match the certificate \(certificatePath): \(error)")
        }
        return Pair(chain: chain, key: key)
    }
}

/// Why the certificate or key cannot be used, in words for the operator.
public struct TLSSetupError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
