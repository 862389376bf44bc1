import Foundation
import Logging

/// Keeps every log line in memory, rendered with its metadata, so that a test can read the log.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [(level: Logger.Level, text: String)] = []

    var all: [(level: Logger.Level, text: String)] { lock.withLock { lines } }

    func append(_ level: Logger.Level, _ text: String) {
        lock.withLock { lines.append((level, text)) }
    }

    /// A logger at `level` that writes here.
    func logger(level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: "captured") { _ in CapturingLogHandler(capture: self) }
        logger.logLevel = level
        return logger
    }
}

struct CapturingLogHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let rendered = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        capture.append(event.level, "\(event.message) \(rendered)")
    }
}
