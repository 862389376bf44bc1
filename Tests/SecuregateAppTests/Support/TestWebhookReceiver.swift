import Foundation
import SecuregateAPI

/// The test webhook receiver (`Fixtures/webhook_receiver.py`) on a free port of 127.0.0.1: it verifies every
/// request with the `standardwebhooks` package against the secrets it is told, and keeps each as a JSON line.
final class TestWebhookReceiver: @unchecked Sendable {
    let port: Int
    let directory: URL
    private let process: Process

    init() throws {
        guard let python = TestMailServer.python else { throw TestMailServerError.noPython }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-hooks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = try ServerProcess.freePort()
        process = try TestMailServer.launch("webhook_receiver", python: python, arguments: [String(port), directory.path])
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The URL of one of the receiver's behaviours: `ok`, `fail/2`, `gone`, `busy`, `hang`, `slow`, `big`.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    /// The secrets requests are verified against, by name.
    func trust(_ secrets: [String: String]) throws {
        let object = JSONValue.object(JSONObject(secrets.map { ($0.key, JSONValue.string($0.value)) }))
        var writer = JSONWriter()
        writer.value(object)
        try Data(writer.bytes).write(to: directory.appendingPathComponent("secrets.json"), options: .atomic)
    }

    /// Every request received, oldest first.
    func received() throws -> [JSONValue] {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent("received.jsonl")) else { return [] }
        return try data.split(separator: UInt8(ascii: "\n")).map { try PythonJSONParser.parse($0) }
    }

    /// Waits up to `seconds` until `condition` holds of what was received; returns what was received then.
    @discardableResult
    func wait(seconds: Double = 20, until condition: ([JSONValue]) -> Bool) async throws -> [JSONValue] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let received = try received()
            if condition(received) || Date() > deadline { return received }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
