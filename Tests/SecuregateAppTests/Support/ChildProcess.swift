import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SecuregateAPI

/// Runs the programs the tests need (the server's own command, the Python fixtures and browser scripts, openssl,
/// ffmpeg, systemd-analyze) and collects what they print.
enum ChildProcess {
    /// Runs `executable` with `arguments`, `input` on its standard input, and `environment` added to the tests'
    /// own; returns its exit status, its standard output (with its standard error when `mergingErrors`) and
    /// its standard error otherwise. A child still running after `limit` is killed and the run throws.
    static func run(
        _ executable: URL, _ arguments: [String], input: Data? = nil, environment: [String: String] = [:], mergingErrors: Bool = false,
        limit: Duration = .seconds(300)
    ) async throws -> (status: Int32, output: Data, errors: String) {
        // Both outputs go to files: a pipe is read to its end only when every process holding it has ended (a
        // browser script's driver too), and two pipes read one after the other could each wait for the other.
        let folder = FileManager.default.temporaryDirectory
        let outputFile = folder.appendingPathComponent("securegate-child-\(UUID().uuidString).out")
        let errorFile = folder.appendingPathComponent("securegate-child-\(UUID().uuidString).err")
        for file in [outputFile, errorFile] { FileManager.default.createFile(atPath: file.path, contents: nil) }
        defer { for file in [outputFile, errorFile] { try? FileManager.default.removeItem(at: file) } }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = try FileHandle(forWritingTo: outputFile)
        process.standardOutput = output
        process.standardError = mergingErrors ? output : try FileHandle(forWritingTo: errorFile)
        let stdin = input.map { _ in Pipe() }
        if let stdin { process.standardInput = stdin }
        try process.run()
        if let stdin, let input {
            try await blocking {
                stdin.fileHandleForWriting.write(input)
                try stdin.fileHandleForWriting.close()
            }
        }
        try await waitForExit(process, within: limit)
        let data = (try? Data(contentsOf: outputFile)) ?? Data()
        let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return (process.terminationStatus, data, errors)
    }

    /// Waits for `process` to end, at most `limit`; past it the process is killed and the wait throws, so that a
    /// child that ignores its signal fails its test instead of holding the whole run.
    static func waitForExit(_ process: Process, within limit: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + limit
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                kill(process.processIdentifier, SIGKILL)
                try await blocking { process.waitUntilExit() }
                throw RawConnectionError.failed("\(process.executableURL?.lastPathComponent ?? "a child") did not end within \(limit)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        // Reaped: the status is final.
        try await blocking { process.waitUntilExit() }
    }

    /// Runs `executable` and throws, with what it wrote to standard error, when it fails.
    static func check(_ executable: String, _ arguments: [String]) async throws {
        let (status, _, errors) = try await run(URL(fileURLWithPath: executable), arguments)
        guard status == 0 else { throw RawConnectionError.failed("\(executable) failed with \(status): \(errors)") }
    }

    /// Runs the Python script `name` of `folder` (the fixtures, or their browser scripts) with the tests' Python;
    /// returns what it printed, as JSON; throws with what it wrote to standard error when it fails.
    static func python(_ name: String, _ arguments: [String], input: Data? = nil, in folder: String = "Fixtures") async throws -> JSONValue {
        guard let script = Bundle.module.url(forResource: name, withExtension: "py", subdirectory: folder),
              let python = TestMailServer.python
        else { throw RawConnectionError.failed("no Python, or no fixture \(folder)/\(name).py") }
        let (status, output, errors) = try await run(URL(fileURLWithPath: python), [script.path] + arguments, input: input)
        guard status == 0 else { throw RawConnectionError.failed("\(name).py failed with \(status): \(errors)") }
        return try PythonJSONParser.parse(Array(output))
    }
}
