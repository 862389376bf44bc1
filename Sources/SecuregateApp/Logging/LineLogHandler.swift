import Foundation
import Logging
import SecuregateAPI

/// Writes log lines exactly as swift-log's `StreamLogHandler` does, but renders the metadata when a line is
/// written instead of each time the metadata changes: every request sets its id on its logger, and the
/// stream handler re-rendered all metadata each time, a few hundredths of an update's CPU even with nothing
/// logged. In the `json` format each line is one JSON object instead, for log collectors.
public struct LineLogHandler: LogHandler {
    /// How a line is written.
    public enum Format: String, Sendable, CaseIterable {
        /// `2026-11-30T21:10:00+0000 info securegate: key=value … [source] message`, as swift-log writes it.
        case text
        /// `{"timestamp":"2026-11-30T21:10:00Z","level":"info","label":"securegate","message":"…","source":"…",…}`
        /// with the metadata as members.
        case json
    }

    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let format: Format
    private let output: @Sendable (String) -> Void

    /// A handler writing to standard error, one `write` per line.
    public init(label: String, format: Format = .text, metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider) {
        self.init(label: label, format: format, metadataProvider: metadataProvider) { line in
            // A log line that cannot be written (standard error closed) is dropped, as the stream handler
            // drops it: logging must never stop the server.
            try? FileHandle.standardError.write(contentsOf: Data(line.utf8))
        }
    }

    /// A handler giving each line, newline included, to `output`.
    public init(
        label: String, format: Format = .text, metadataProvider: Logger.MetadataProvider?,
        output: @escaping @Sendable (String) -> Void
    ) {
        self.label = label
        self.format = format
        self.metadataProvider = metadataProvider
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let explicit = event.metadata { merged.merge(explicit) { $1 } }
        if let error = event.error {
            merged["error.message"] = "\(error)"
            merged["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        switch format {
        case .text:
            let rendered = merged.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
            output("\(Self.timestamp()) \(event.level)\(label.isEmpty ? "" : " ")\(label):\(rendered) [\(event.source)] \(event.message)\n")
        case .json:
            output(json(event, merged))
        }
    }

    /// One JSON object and a newline: the line's fields first, then the metadata by key (a key that would
    /// hide a field is written `metadata.KEY`).
    private func json(_ event: LogEvent, _ merged: Logger.Metadata) -> String {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        let fields: [(String, String)] = [
            ("timestamp", RFC3339.format(Date())), ("level", event.level.rawValue), ("label", label),
            ("message", event.message.description), ("source", event.source),
        ]
        for (key, value) in fields {
            writer.key(key)
            writer.string(value)
        }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            writer.key(fields.contains { $0.0 == key } ? "metadata.\(key)" : key)
            Self.write(value, to: &writer)
        }
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self) + "\n"
    }

    /// A metadata value as JSON: strings as strings, lists and dictionaries as arrays and objects.
    private static func write(_ value: Logger.MetadataValue, to writer: inout JSONWriter) {
        switch value {
        case .string(let text): writer.string(text)
        case .stringConvertible(let convertible): writer.string(convertible.description)
        case .array(let values):
            writer.beginArray()
            for element in values { write(element, to: &writer) }
            writer.endArray()
        case .dictionary(let members):
            writer.beginObject()
            for (key, element) in members.sorted(by: { $0.key < $1.key }) {
                writer.key(key)
                write(element, to: &writer)
            }
            writer.endObject()
        }
    }

    /// Local time to the second, as the stream handler writes it.
    private static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        guard localtime_r(&now, &parts) != nil else { return "<unknown>" }
        var buffer = [CChar](repeating: 0, count: 64)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
