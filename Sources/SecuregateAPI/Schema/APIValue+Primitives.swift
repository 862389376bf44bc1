import Foundation

extension String: APIDecodable {
    public static func jsonSchema(in components: inout SchemaComponents) -> JSONValue { ["type": "string"] }

    public static func validate(_ input: JSONValue, at loc: [LocPart], into errors: inout [ValidationIssue]) -> String? {
        guard case .string(let value) = input else {
            errors.append(.stringType(loc, input: input))
            return nil
        }
        if let issue = ValidationIssue.nulCharacter(in: value, at: loc) {
            errors.append(issue)
            return nil
        }
        return value
    }

    public func write(to writer: inout JSONWriter) { writer.string(self) }
}

extension Int: APIDecodable {
    public static func jsonSchema(in components: inout SchemaComponents) -> JSONValue { ["type": "integer"] }

    public static func validate(_ input: JSONValue, at loc: [LocPart], into errors: inout [ValidationIssue]) -> Int? {
        LaxInteger.validate(input, at: loc, into: &errors)
    }

    public func write(to writer: inout JSONWriter) { writer.int(self) }
}

extension Bool: APIDecodable {
    public static func jsonSchema(in components: inout SchemaComponents) -> JSONValue { ["type": "boolean"] }

    static let trueWords: Set<String> = ["1", "on", "t", "true", "y", "yes"]
    static let falseWords: Set<String> = ["0", "off", "f", "false", "n", "no"]

    public static func validate(_ input: JSONValue, at loc: [LocPart], into errors: inout [ValidationIssue]) -> Bool? {
        let parsing = ValidationIssue(
            type: "bool_parsing", loc: loc, msg: "Input should be a valid boolean, unable to interpret input", input: input
        )
        switch input {
        case .bool(let value):
            return value
        case .int(let value) where value == 0 || value == 1:
            return value == 1
        case .int, .bigInt:
            errors.append(parsing)
        case .float(let value) where value == 0 || value == 1:
            return value == 1
        case .float(let value) where value.isFinite && value == value.rounded():
            errors.append(parsing)
        case .string(let text):
            let word = text.lowercased()
            if trueWords.contains(word) { return true }
            if falseWords.contains(word) { return false }
            errors.append(parsing)
        default:
            errors.append(.init(type: "bool_type", loc: loc, msg: "Input should be a valid boolean", input: input))
        }
        return nil
    }

    public func write(to writer: inout JSONWriter) { writer.bool(self) }
}

extension Optional: APIEncodable where Wrapped: APIEncodable {
    public static func jsonSchema(in components: inout SchemaComponents) -> JSONValue {
        ["anyOf": [Wrapped.jsonSchema(in: &components), ["type": "null"]]]
    }

    public func write(to writer: inout JSONWriter) {
        switch self {
        case .some(let value): value.write(to: &writer)
        case .none: writer.null()
        }
    }
}

extension Optional: APIDecodable where Wrapped: APIDecodable {
    public static func validate(_ input: JSONValue, at loc: [LocPart], into errors: inout [ValidationIssue]) -> Self? {
        if input == .null { return .some(.none) }
        return Wrapped.validate(input, at: loc, into: &errors).map { .some($0) }
    }
}

extension Array: APIEncodable where Element: APIEncodable {
    public static func jsonSchema(in components: inout SchemaComponents) -> JSONValue {
        ["items": Element.jsonSchema(in: &components), "type": "array"]
    }

    public func write(to writer: inout JSONWriter) {
        writer.beginArray()
        for element in self { element.write(to: &writer) }
        writer.endArray()
    }
}

extension Array: APIDecodable where Element: APIDecodable {
    public static func validate(_ input: JSONValue, at loc: [LocPart], into errors: inout [ValidationIssue]) -> Self? {
        guard case .array(let items) = input else {
            errors.append(.listType(loc, input: input))
            return nil
        }
        var result: [Element] = []
        result.reserveCapacity(items.count)
        var failed = false
        for (index, item) in items.enumerated() {
            if let element = Element.validate(item, at: loc + [.index(index)], into: &errors) {
                result.append(element)
            } else {
                failed = true
            }
        }
        return failed ? nil : result
    }
}

extension Date: APIEncodable {
    public static func jsonSchema(in components: inout SchemaComponents) -> JSONValue {
        ["type": "string", "format": "date-time"]
    }

    /// Writes RFC 3339 UTC with whole seconds and a `Z`, e.g. `2023-03-01T09:30:00Z`.
    public func write(to writer: inout JSONWriter) {
        writer.string(RFC3339.format(self))
    }
}

extension Double: APIEncodable {
    public static func jsonSchema(in components: inout SchemaComponents) -> JSONValue {
        ["type": "number"]
    }

    public func write(to writer: inout JSONWriter) { writer.float(self) }
}
