import Foundation
import Testing

/// The systemd unit in `deploy/` is one systemd accepts: `systemd-analyze verify` finds no error in it, with
/// its `ExecStart` pointed at the executable this build made.
struct ServiceUnitTests {
    @Test func theUnitFilePassesSystemdAnalyzeVerify() async throws {
        let analyzer = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
        guard FileManager.default.isExecutableFile(atPath: analyzer.path) else {
            // scripts/test installs it; CI must not skip this.
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "systemd-analyze is missing")
            return
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let unit = try String(contentsOf: root.appendingPathComponent("deploy/securegate.service"), encoding: .utf8)
        #expect(unit.contains("ExecStart=/usr/local/bin/securegate serve"))
        for hardening in ["NoNewPrivileges=yes", "ProtectSystem=strict", "User=securegate", "Restart=on-failure"] {
            #expect(unit.contains(hardening), "\(hardening)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("securegate.service")
        try unit.replacingOccurrences(of: "/usr/local/bin/securegate", with: try ServerProcess.executable.path)
            .write(to: copy, atomically: true, encoding: .utf8)
        let (status, output, _) = try await ChildProcess.run(analyzer, ["verify", copy.path], mergingErrors: true)
        let text = String(decoding: output, as: UTF8.self)
        #expect(status == 0, "\(text)")
        #expect(text.isEmpty, "no warnings either: \(text)")
    }
}
