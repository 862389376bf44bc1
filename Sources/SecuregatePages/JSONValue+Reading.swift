import SecuregateAPI

/// Reading the OpenAPI document's values.
extension JSONValue {
    /// The member `key` of an object; nil for a missing member or a value that is not an object.
    subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The elements of an array; nil for another value.
    var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The text of a string; nil for another value.
    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}

/// JSON written for people: two spaces an indent level, one member a line.
enum JSONPretty {
    /// `value` as indented JSON text.
    static func text(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: "", into: &output)
        return output
    }

    private static func write(_ value: JSONValue, indent: String, into output: inout String) {
        switch value {
        case .array(let items) where !items.isEmpty:
            output += "[\n"
            for (index, item) in items.enumerated() {
                output += indent + "  "
                write(item, indent: indent + "  ", into: &output)
                output += index < items.count - 1 ? ",\n" : "\n"
            }
            output += indent + "]"
        case .object(let object) where !object.members.isEmpty:
            output += "{\n"
            for (index, member) in object.members.enumerated() {
                output += indent + "  " + compact(.string(member.key)) + ": "
                write(member.value, indent: indent + "  ", into: &output)
                output += index < object.members.count - 1 ? ",\n" : "\n"
            }
            output += indent + "}"
        default:
            output += compact(value)
        }
    }

    private static func compact(_ value: JSONValue) -> String {
        var writer = JSONWriter(capacity: 64)
        writer.value(value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
