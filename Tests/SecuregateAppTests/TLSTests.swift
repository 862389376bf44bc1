import Crypto
import Foundation
import SecuregateAPI
import Testing

/// HTTPS served by the real server with `--tls-cert` and `--tls-key`, checked by a client that verifies the
/// certificate and its name; a renewed certificate is taken on SIGHUP without a restart, and a broken one is not.
struct TLSTests {
    /// Makes a self-signed certificate for localhost (`NAME.crt`, `NAME.key`) in `directory` with openssl.
    static func makeCertificate(_ name: String, in directory: URL) async throws {
        try await ChildProcess.check("/usr/bin/openssl", [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=\(name)",
            "-addext", "subjectAltName=DNS:localhost", "-keyout", directory.appendingPathComponent("\(name).key").path,
            "-out", directory.appendingPathComponent("\(name).crt").path,
        ])
    }

    /// The SHA-256 fingerprint of the PEM certificate at `url`, as the client script computes it.
    static func fingerprint(_ url: URL) throws -> String {
        let pem = try String(contentsOf: url, encoding: .utf8)
        let base64 = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        let der = try #require(Data(base64Encoded: base64))
        return SHA256.hash(data: der).map { String(format: "%02x", $0) }.joined()
    }

    /// GETs `path` over HTTPS, trusting only `ca`.
    static func get(_ path: String, port: Int, trusting ca: URL) async throws -> JSONValue {
        try await ChildProcess.python("https_get", [ca.path, String(port), path])
    }

    @Test func httpsWithAVerifyingClientAndARenewalOnSIGHUP() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await Self.makeCertificate("first", in: directory)
        try await Self.makeCertificate("second", in: directory)
        let certificate = directory.appendingPathComponent("server.crt")
        let key = directory.appendingPathComponent("server.key")
        try FileManager.default.copyItem(at: directory.appendingPathComponent("first.crt"), to: certificate)
        try FileManager.default.copyItem(at: directory.appendingPathComponent("first.key"), to: key)
        let server = try await ServerProcess(
            database: "sqlite:\(directory.path)/tls.db", logLevel: "info", arguments: ["--tls-cert", certificate.path, "--tls-key", key.path],
            https: true
        )
        defer { server.process.terminate() }
        let first = directory.appendingPathComponent("first.crt")
        let second = directory.appendingPathComponent("second.crt")
        let firstPrint = try Self.fingerprint(first)
        let secondPrint = try Self.fingerprint(second)
        let answer = try await Self.get("/healthz", port: server.port, trusting: first)
        #expect(answer["status"] == 200 && answer["body"] == #"{"detail":"ok"}"#, "\(answer)")
        #expect(answer["sha256"] == .string(firstPrint))
        #expect(try await Self.get("/healthz", port: server.port, trusting: second)["error"] != nil, "a client that trusts another certificate refuses it")
        let plain = try await blocking { try? RawConnection(port: server.port).request("GET", "/healthz", timeout: 2) }
        #expect(plain?.status != 200, "no plain HTTP on the HTTPS port")

        // The renewal: new files in place (as a renewal tool writes them), then SIGHUP.
        try FileManager.default.removeItem(at: certificate)
        try FileManager.default.removeItem(at: key)
        try FileManager.default.copyItem(at: second, to: certificate)
        try FileManager.default.copyItem(at: directory.appendingPathComponent("second.key"), to: key)
        kill(server.process.processIdentifier, SIGHUP)
        var renewed = JSONValue.null
        for _ in 0..<50 {
            renewed = try await Self.get("/healthz", port: server.port, trusting: second)
            if renewed["status"] == 200 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(renewed["status"] == 200 && renewed["sha256"] == .string(secondPrint), "\(renewed)")
        #expect(try await Self.get("/healthz", port: server.port, trusting: first)["error"] != nil, "the old certificate is gone")

        // A key that does not belong to the certificate: refused, and the server goes on with the second pair.
        try FileManager.default.removeItem(at: key)
        try FileManager.default.copyItem(at: directory.appendingPathComponent("first.key"), to: key)
        kill(server.process.processIdentifier, SIGHUP)
        try await Task.sleep(for: .milliseconds(500))
        let kept = try await Self.get("/healthz", port: server.port, trusting: second)
        #expect(kept["status"] == 200 && kept["sha256"] == .string(secondPrint), "\(kept)")
        #expect(server.process.isRunning)
        // The log names each pair by its fingerprint: at start, after the reload, and the refusal.
        let log = server.log
        #expect(log.contains("tls=sha256 \(firstPrint)"), "\(log)")
        #expect(log.contains("Certificate reloaded") && log.contains("sha256=\(secondPrint)"))
        #expect(log.contains("Certificate not reloaded; the previous one stays"))
        #expect(try await server.stop(with: SIGTERM) == 0)
    }
}
