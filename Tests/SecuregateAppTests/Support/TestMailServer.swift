import Foundation
import SecuregateApp
import SecuregateAPI

/// The test mail server (aiosmtpd, `Fixtures/smtp_server.py`) on a free port of 127.0.0.1: STARTTLS with a
/// certificate of its own, AUTH as `user`/`secret`, the `refused` recipients answered 550, every accepted message
/// kept as a file and read back with Python's `email` package.
final class TestMailServer: @unchecked Sendable {
    /// The Python with aiosmtpd that `scripts/test` installs; without it the delivery tests are skipped (in CI
    /// they must run).
    static let python: String? = {
        let python = ProcessInfo.processInfo.environment["SECUREGATE_TEST_PYTHON"]
        if python == nil, ProcessInfo.processInfo.environment["CI"] != nil {
            fatalError("SECUREGATE_TEST_PYTHON is not set: run the tests with scripts/test")
        }
        return python
    }()

    let port: Int
    let directory: URL
    private let process: Process

    /// A server on `port`, or on a free one.
    init(port: Int? = nil, refused: [String] = []) throws {
        guard let python = Self.python else { throw TestMailServerError.noPython }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-mail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.port = try port ?? ServerProcess.freePort()
        // Its complaints about clients it refused (an untrusted certificate) are the tests' intent, not news.
        process = try Self.launch(
            "smtp_server", python: python, arguments: [String(self.port), directory.path] + (refused.isEmpty ? [] : ["--refuse"] + refused),
            quiet: true
        )
    }

    /// Starts the fixture script `name` with `arguments` and waits until it prints READY, as the test servers do.
    static func launch(_ name: String, python: String, arguments: [String], quiet: Bool = false) throws -> Process {
        guard let script = Bundle.module.url(forResource: name, withExtension: "py", subdirectory: "Fixtures") else {
            throw TestMailServerError.missingFixture
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        if quiet { process.standardError = FileHandle.nullDevice }
        try process.run()
        let ready = output.fileHandleForReading.readData(ofLength: 6)
        guard String(decoding: ready, as: UTF8.self) == "READY\n" else { throw TestMailServerError.notStarted }
        return process
    }

    deinit {
        // SIGKILL: the child may have inherited a signal mask that blocks SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The server's certificate, to trust.
    var certificate: String { directory.appendingPathComponent("server.crt").path }

    /// The URL of this server with `user`'s `password` and `options`.
    func url(password: String = "secret", options: String = "") -> String {
        "smtp://user:\(password)@127.0.0.1:\(port)?ca_file=\(certificate)\(options)"
    }

    /// The files of the messages received, oldest first.
    func receivedFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".eml") }
            .sorted { Int($0.dropLast(4)) ?? 0 < Int($1.dropLast(4)) ?? 0 }
            .map { directory.appendingPathComponent($0) }
    }

    /// Every message received, oldest first, as Python's `email` package reads it.
    func received() throws -> [JSONValue] {
        let files = try receivedFiles()
        guard let reader = Bundle.module.url(forResource: "read_mail", withExtension: "py", subdirectory: "Fixtures") else {
            throw TestMailServerError.missingFixture
        }
        return try files.map { file in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.python ?? "python3")
            process.arguments = [reader.path, file.path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return try PythonJSONParser.parse(Array(data))
        }
    }
}

enum TestMailServerError: Error {
    case noPython
    case notStarted
    case missingFixture
}
