import SecuregateAPI

extension APIReference {
    /// A schema's type in a few words: `string`, `Event`, `array of Invite`, `string or null`.
    func typeName(_ schema: JSONValue) -> String {
        if let reference = schema["$ref"]?.stringValue { return String(reference.split(separator: "/").last ?? "") }
        if let options = (schema["anyOf"] ?? schema["oneOf"])?.arrayValue {
            return options.map(typeName).joined(separator: " or ")
        }
        switch schema["type"]?.stringValue {
        case "array": return "array of \(typeName(schema["items"] ?? .null))"
        case "object" where schema["additionalProperties"] != nil && schema["properties"] == nil:
            return "map of \(typeName(schema["additionalProperties"] ?? .null))"
        case let type?: return schema["format"]?.stringValue.map { "\(type) (\($0))" } ?? type
        case nil: return schema["const"] != nil ? "constant" : "any"
        }
    }

    /// What else a schema says: its allowed values, bounds, default and description.
    func notes(_ schema: JSONValue) -> String {
        var notes: [String] = []
        if let values = schema["enum"]?.arrayValue {
            notes.append("one of " + values.map { JSONPretty.text($0) }.joined(separator: ", "))
        }
        for (key, words) in [("minLength", "at least"), ("maxLength", "at most"), ("minimum", "≥"), ("maximum", "≤")] {
            if let value = schema[key] {
                let unit = key.hasSuffix("Length") ? " characters" : ""
                notes.append("\(words) \(JSONPretty.text(value))\(unit)")
            }
        }
        if let pattern = schema["pattern"]?.stringValue { notes.append("matches \(pattern)") }
        if let value = schema["default"] { notes.append("default \(JSONPretty.text(value))") }
        if let description = schema["description"]?.stringValue { notes.append(description) }
        for option in (schema["anyOf"]?.arrayValue ?? []) where option["type"] != "null" {
            let inner = self.notes(option)
            if !inner.isEmpty { notes.append(inner) }
        }
        return notes.joined(separator: "; ")
    }

    /// An example value for `schema`: its own example or default, else the first allowed value, else a value of
    /// its type (objects with every property, arrays with one item), down to a few levels.
    func example(_ schema: JSONValue, depth: Int) -> JSONValue {
        if let example = schema["example"] ?? schema["examples"]?.arrayValue?.first { return example }
        if schema["$ref"] != nil { return depth > 6 ? .object(JSONObject()) : example(resolved(schema), depth: depth + 1) }
        if let value = schema["default"] ?? schema["const"] ?? schema["enum"]?.arrayValue?.first { return value }
        if let options = (schema["anyOf"] ?? schema["oneOf"])?.arrayValue {
            return options.first { $0["type"] != "null" }.map { example($0, depth: depth) } ?? .null
        }
        switch schema["type"]?.stringValue {
        case "string":
            switch schema["format"]?.stringValue {
            case "date-time": return "2026-12-01T19:00:00Z"
            case "email": return "ada@example.com"
            case "uri": return "https://example.org/"
            case "binary": return "…"
            default: return "string"
            }
        case "integer": return .int(Int(schema["minimum"]?.numberValue ?? 0))
        case "number": return .float(schema["minimum"]?.numberValue ?? 0)
        case "boolean": return true
        case "null": return .null
        case "array": return depth > 6 ? .array([]) : .array([example(schema["items"] ?? .null, depth: depth + 1)])
        default:
            var object = JSONObject()
            for (name, property) in schema["properties"]?.objectValue?.members ?? [] where depth <= 6 {
                object[name] = example(property, depth: depth + 1)
            }
            return .object(object)
        }
    }
}

extension JSONValue {
    /// The value of an integer or a float.
    var numberValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .float(let value): value
        default: nil
        }
    }
}
