import Foundation
import SecuregateAPI

/// Runs the programs the tests need (the server's own command, Python scripts, openssl, systemd-analyze) and
/// collects what they print.
enum ChildProcess {
    /// Runs `executable` with `arguments`, `input` on its standard input, and `environment` added to the tests'
    /// own; returns its exit status and its standard output (with its standard error when `mergingErrors`).
    static func run(
        _ executable: URL, _ arguments: [String], input: Data? = nil, environment: [String: String] = [:], mergingErrors: Bool = false
    ) async throws -> (status: Int32, output: Data) {
        try await blocking {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            let output = Pipe()
            process.standardOutput = output
            if mergingErrors { process.standardError = output }
            let stdin = input.map { _ in Pipe() }
            if let stdin { process.standardInput = stdin }
            try process.run()
            if let stdin, let input {
                stdin.fileHandleForWriting.write(input)
                try stdin.fileHandleForWriting.close()
            }
            // Read to the end before waiting: a child that fills the pipe would never exit.
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, data)
        }
    }

    /// Runs the Python script `name` of the fixtures with the tests' Python; returns what it printed, as JSON.
    static func python(_ name: String, _ arguments: [String], input: Data? = nil) async throws -> JSONValue {
        guard let script = Bundle.module.url(forResource: name, withExtension: "py", subdirectory: "Fixtures"),
              let python = TestMailServer.python
        else { throw RawConnectionError.failed("no Python, or no fixture \(name).py") }
        let (status, output) = try await run(URL(fileURLWithPath: python), [script.path] + arguments, input: input)
        guard status == 0 else { throw RawConnectionError.failed("\(name).py failed with \(status)") }
        return try PythonJSONParser.parse(Array(output))
    }
}
