import Logging
import ServiceLifecycle
import UnixSignals

/// Reads the certificate and key again on each SIGHUP (what a renewal hook sends: `systemctl reload`), until
/// the server stops. A pair that cannot be used is logged and the one in use stays. Without TLS the signal is
/// only logged: its default action would end the server.
public struct CertificateReloadService: Service {
    let certificates: TLSCertificates?
    let logger: Logger

    public init(certificates: TLSCertificates?, logger: Logger) {
        self.certificates = certificates
        self.logger = logger
    }

    public func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in signals {
                guard let certificates else {
                    logger.notice("SIGHUP: nothing to reload (no --tls-cert)")
                    continue
                }
                do {
                    try certificates.reload()
                    logger.notice("Certificate reloaded", metadata: ["certificate": "\(certificates.certificatePath)", "sha256": "\(certificates.fingerprint)"])
                } catch {
                    logger.error("Certificate not reloaded; the previous one stays", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
