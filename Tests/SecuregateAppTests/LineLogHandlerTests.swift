import Foundation
import Logging
import SecuregateApp
import Testing

@Suite("Log lines")
struct LineLogHandlerTests {
    /// Lines written by a handler, for comparison.
    final class Lines: TextOutputStream, @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []

        func write(_ string: String) {
            lock.withLock { lines.append(string) }
        }

        /// The lines without their timestamps (which may fall on either side of a second).
        var withoutTimestamps: [String] {
            lock.withLock { lines.map { String($0.drop { $0 != " " }) } }
        }
    }

    @Test("are the stream handler's lines, metadata merged and sorted the same way")
    func sameAsStreamHandler() {
        let stream = Lines()
        let ours = Lines()
        let provider = Logger.MetadataProvider { ["provided": "p", "shared": "from provider"] }
        exercise(Logger(label: "securegate") { StreamLogHandler(label: $0, stream: stream, metadataProvider: provider) })
        exercise(Logger(label: "securegate") { LineLogHandler(label: $0, metadataProvider: provider) { ours.write($0) } })
        #expect(ours.withoutTimestamps.count == 3)
        #expect(ours.withoutTimestamps == stream.withoutTimestamps)
        #expect(ours.withoutTimestamps.first?.hasPrefix(" debug securegate: hb.request.id=abc path=/events/x provided=p shared=from line status=200 [SecuregateAppTests] Request") == true)
    }

    /// Logs the same lines through `logger`: request metadata set and removed, per-line metadata, levels.
    private func exercise(_ logger: Logger) {
        var logger = logger
        logger.logLevel = .debug
        logger[metadataKey: "hb.request.id"] = "abc"
        logger[metadataKey: "shared"] = "from logger"
        logger.debug("Request", metadata: ["status": "200", "path": "/events/x", "shared": "from line"])
        logger.info("Plain")
        logger.trace("Not written")
        logger[metadataKey: "hb.request.id"] = nil
        logger.error("Failed", metadata: ["list": ["a", "b"], "nested": ["k": "v"]])
    }
}
