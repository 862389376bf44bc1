import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The real `securegate serve`, run as a child process on a free port, for tests that kill it.
final class ServerProcess: @unchecked Sendable {
    let port: Int
    let process: Process
    private let output: URL

    /// The `securegate` executable the test build produced, beside the test bundle.
    static var executable: URL {
        get throws {
            var directory = Bundle.module.bundleURL.deletingLastPathComponent()
            for _ in 0..<3 {
                let candidate = directory.appendingPathComponent("securegate")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                directory = directory.deletingLastPathComponent()
            }
            throw RawConnectionError.failed("no securegate executable near \(Bundle.module.bundleURL.path)")
        }
    }

    /// Starts the server on `database` and waits until it answers `/healthz` (over HTTPS, until it takes
    /// connections); its output goes to `logPipe` at info level when one is given, else to a file at warning level.
    init(
        database: String, port: Int? = nil, logPipe: Pipe? = nil, logLevel: String? = nil, arguments: [String] = [], https: Bool = false
    ) async throws {
        self.port = try port ?? Self.freePort()
        output = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-server-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        process = Process()
        process.executableURL = try Self.executable
        process.arguments = ["serve", "--port", String(self.port), "--database", database, "--rate-limit", "0"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["LOG_LEVEL"] = logLevel ?? (logPipe == nil ? "warning" : "info")
        process.environment = environment
        if let logPipe {
            process.standardOutput = logPipe
            process.standardError = logPipe
        } else {
            let handle = try FileHandle(forWritingTo: output)
            process.standardOutput = handle
            process.standardError = handle
        }
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let port = self.port
            let up = try await blocking {
                guard let connection = try? RawConnection(port: port) else { return false }
                if https { return true }
                return (try? connection.request("GET", "/healthz", timeout: 2))?.status == 200
            }
            if up { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw RawConnectionError.failed("server did not start: \(log)")
    }

    /// What the server printed.
    var log: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

    /// Sends `signal` and waits (a minute at most) for the process to end; returns its termination status.
    @discardableResult
    func stop(with signal: Int32) async throws -> Int32 {
        kill(process.processIdentifier, signal)
        do {
            try await ChildProcess.waitForExit(process)
        } catch {
            throw RawConnectionError.failed("\(error); it printed: \(log)")
        }
        try? FileManager.default.removeItem(at: output)
        return process.terminationStatus
    }

    /// A new key of `scope` for `account`, made by `securegate keys create` on `database`.
    static func createKey(account: String, scope: String = "admin", database: String) async throws -> String {
        let made = try await ChildProcess.run(try executable, ["keys", "create", "--account", account, "--scope", scope, "--database", database])
        return String(String(decoding: made.output, as: UTF8.self).split(separator: "\n").last ?? "")
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw RawConnectionError.failed("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
