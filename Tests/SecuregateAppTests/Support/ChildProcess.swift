import Foundation
import SecuregateAPI

/// Runs the programs the tests need (the server's own command, the Python fixtures and browser scripts, openssl,
/// ffmpeg, systemd-analyze) and collects what they print.
enum ChildProcess {
    /// Runs `executable` with `arguments`, `input` on its standard input, and `environment` added to the tests'
    /// own; returns its exit status, its standard output (with its standard error when `mergingErrors`) and
    /// its standard error otherwise.
    static func run(
        _ executable: URL, _ arguments: [String], input: Data? = nil, environment: [String: String] = [:], mergingErrors: Bool = false
    ) async throws -> (status: Int32, output: Data, errors: String) {
        // Standard error goes to a file: two pipes read one after the other could each wait for the other.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-child-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        return try await blocking {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            let output = Pipe()
            process.standardOutput = output
            process.standardError = mergingErrors ? output : try FileHandle(forWritingTo: errorFile)
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
            let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            return (process.terminationStatus, data, errors)
        }
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
