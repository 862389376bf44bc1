/// The `data` object of a webhook payload: named values in a fixed order, written as compact JSON.
public struct WebhookData: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// A value a payload can carry.
    public enum Value: Sendable, Equatable {
        case string(String)
        case int(Int)
        case bool(Bool)
        case null
    }

    public private(set) var fields: [(name: String, value: Value)]

    public init(dictionaryLiteral elements: (String, Value)...) {
        fields = elements.map { (name: $0.0, value: $0.1) }
    }

    public static func == (lhs: WebhookData, rhs: WebhookData) -> Bool {
        lhs.fields.map(\.name) == rhs.fields.map(\.name) && lhs.fields.map(\.value) == rhs.fields.map(\.value)
    }

    /// Adds a field at the end.
    public mutating func append(_ name: String, _ value: Value) {
        fields.append((name: name, value: value))
    }

    /// The object as compact JSON, fields in their order.
    public var json: String {
        var out = "{"
        for (index, field) in fields.enumerated() {
            if index > 0 { out += "," }
            Self.write(field.name, to: &out)
            out += ":"
            switch field.value {
            case .string(let text): Self.write(text, to: &out)
            case .int(let number): out += String(number)
            case .bool(let flag): out += flag ? "true" : "false"
            case .null: out += "null"
            }
        }
        return out + "}"
    }

    /// Writes `text` as a JSON string: quotes, backslashes and control characters escaped, the rest as it is.
    static func write(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension WebhookData.Value: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension WebhookData.Value {
    /// A string, or `null` when absent.
    public static func optional(_ text: String?) -> Self { text.map(Self.string) ?? .null }
}
