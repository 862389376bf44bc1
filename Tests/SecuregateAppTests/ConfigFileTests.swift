import Foundation
import Testing

/// `serve --config FILE` and `config check FILE` through the real executable: the example file lists every
/// setting and passes the check; a bad file's problems are reported with their lines; an option beats its
/// environment variable, which beats the file, which beats the default.
struct ConfigFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `securegate` with `arguments` and `environment` added; returns its exit status and output.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> (status: Int32, output: String) {
        let (status, output, _) = try await ChildProcess.run(try ServerProcess.executable, arguments, environment: environment, mergingErrors: true)
        return (status, String(decoding: output, as: UTF8.self))
    }

    /// The long options of `securegate serve --help`.
    static func serveOptions() async throws -> Set<String> {
        let help = try await run(["serve", "--help"]).output
        let options = help.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("--") else { return nil }
            return String(trimmed.dropFirst(2).prefix { $0.isLetter || $0.isNumber || $0 == "-" })
        }
        return Set(options).subtracting(["help", "version", "config"])
    }

    @Test func theExampleListsEverySettingAndPassesTheCheck() async throws {
        let example = Self.root.appendingPathComponent("deploy/securegate.yaml")
        let text = try String(contentsOf: example, encoding: .utf8)
        let checked = try await Self.run(["config", "check", example.path])
        #expect(checked.status == 0, "\(checked.output)")
        // Every setting, set or commented out; uncommented, the whole file is still valid.
        let settingLine = /^(# )?([a-z][a-z0-9-]*):/
        var keys = Set<String>()
        var uncommented: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let match = line.prefixMatch(of: settingLine) {
                keys.insert(String(match.2))
                uncommented.append(String(line.dropFirst(match.1 == nil ? 0 : 2)))
            } else {
                uncommented.append(String(line))
            }
        }
        #expect(keys == (try await Self.serveOptions()), "the example names every option of serve, and only those")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let all = directory.appendingPathComponent("all.yaml")
        try uncommented.joined(separator: "\n").write(to: all, atomically: true, encoding: .utf8)
        let allChecked = try await Self.run(["config", "check", all.path])
        #expect(allChecked.status == 0 && allChecked.output.contains("\(keys.count) settings, all valid"), "\(allChecked.output)")
    }

    @Test func aBadFileIsReportedLineByLine() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.yaml")
        try """
            port: 8080
            prot: 8081
            rate-limit: fast
            keep-face-photos: true
            log-format: xml
            """.write(to: file, atomically: true, encoding: .utf8)
        let checked = try await Self.run(["config", "check", file.path])
        #expect(checked.status == 1)
        let lines = checked.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(checked.output)")
        #expect(lines.first == "\(file.path), line 2: prot: unknown setting. Did you mean 'port'?", "\(checked.output)")
        #expect(lines.dropFirst().first?.hasPrefix("\(file.path), line 3: rate-limit: ") == true && lines[1].contains("fast"), "\(checked.output)")
        #expect(lines.last?.hasPrefix("\(file.path), line 5: log-format: ") == true && lines[2].contains("xml"), "\(checked.output)")
        // Not YAML at all, and serve refuses to start on a bad file with the same words.
        try "port: [8080\n".write(to: file, atomically: true, encoding: .utf8)
        let broken = try await Self.run(["config", "check", file.path])
        #expect(broken.status == 1 && broken.output.contains("is not YAML"), "\(broken.output)")
        let serve = try await Self.run(["serve", "--config", file.path])
        #expect(serve.status != 0 && serve.output.contains("is not YAML"), "\(serve.output)")
    }

    /// Starts `serve` with `arguments` and `environment`; returns the port among `ports` that answers `/healthz`.
    static func answeringPort(_ arguments: [String], environment: [String: String], among ports: [Int]) async throws -> Int? {
        let process = Process()
        process.executableURL = try ServerProcess.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment.merging(["LOG_LEVEL": "error"]) { $1 }) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            // SIGKILL: only which port answered matters here, and a kill is never ignored.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        for _ in 0..<100 {
            for port in ports {
                let up = try await blocking { (try? RawConnection(port: port).request("GET", "/healthz", timeout: 1))?.status == 200 }
                if up { return port }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    @Test func anOptionBeatsItsVariableWhichBeatsTheFile() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let ports = try (0..<3).map { _ in try ServerProcess.freePort() }
        let file = directory.appendingPathComponent("securegate.yaml")
        try "port: \(ports[0])\ndatabase: sqlite:\(directory.path)/config.db\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(try await Self.answeringPort(["serve", "--config", file.path], environment: [:], among: ports) == ports[0], "the file")
        #expect(
            try await Self.answeringPort(["--config", file.path], environment: ["SECUREGATE_PORT": String(ports[1])], among: ports) == ports[1],
            "the variable over the file"
        )
        #expect(
            try await Self.answeringPort(
                ["serve", "--port", String(ports[2])], environment: ["SECUREGATE_PORT": String(ports[1]), "SECUREGATE_CONFIG": file.path], among: ports
            ) == ports[2],
            "the option over both, with the file named by SECUREGATE_CONFIG"
        )
    }
}
