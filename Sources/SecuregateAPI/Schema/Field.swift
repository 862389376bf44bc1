/// One declared field of a model: its JSON name, and from that one declaration its schema, its validation
/// (when the model is accepted as input) and its encoding.
public struct Field<Root>: Sendable {
    public let name: String
    public let title: String
    public let isRequired: Bool
    /// Marks a field this server adds to a vendor schema.
    public let isAddition: Bool
    let defaultJSON: JSONValue?
    let schema: @Sendable (inout SchemaComponents) -> JSONValue
    let write: @Sendable (Root, inout JSONWriter) -> Void
    /// Validates the member (`nil` when absent) into `root`; `false` when it failed.
    let decode: (@Sendable (inout Root, JSONValue?, [LocPart], JSONValue, inout [ValidationIssue]) -> Bool)?

    /// The property's schema as pydantic writes it: a bare `$ref`, or the type with its title and default.
    func propertySchema(in components: inout SchemaComponents) -> JSONValue {
        guard case .object(var object) = schema(&components) else { return .null }
        if object["$ref"] == nil { object["title"] = .string(title) }
        if let defaultJSON, defaultJSON != .null { object["default"] = defaultJSON }
        if isAddition { object["x-securegate-addition"] = true }
        return .object(object)
    }
}

extension Field {
    /// A field the API accepts and returns; without `default` it is required.
    public static func field<Value: APIDecodable>(
        _ name: String, _ keyPath: WritableKeyPath<Root, Value>, default defaultValue: Value? = nil,
        addition: Bool = false
    ) -> Field {
        field(name, keyPath, default: defaultValue, addition: addition, extraSchema: JSONObject()) { _, _, _ in nil }
    }

    /// An integer field bounded to `range` (pydantic's `ge` and `le`).
    public static func field(
        _ name: String, _ keyPath: WritableKeyPath<Root, Int>, default defaultValue: Int? = nil,
        in range: ClosedRange<Int>
    ) -> Field {
        let bounds: JSONObject = JSONObject([("maximum", .int(range.upperBound)), ("minimum", .int(range.lowerBound))])
        return field(name, keyPath, default: defaultValue, addition: false, extraSchema: bounds) { value, loc, input in
            BoundsCheck.check(value, in: range, at: loc, input: input)
        }
    }

    /// A list field of at most `maxItems` elements (pydantic's `max_length`).
    public static func field<Element: APIDecodable>(
        _ name: String, _ keyPath: WritableKeyPath<Root, [Element]>, maxItems: Int
    ) -> Field {
        // pydantic measures the list before it validates the items: an over-long list reports only its length.
        field(
            name, keyPath, default: nil, addition: false, extraSchema: JSONObject([("maxItems", .int(maxItems))]),
            precheck: { input, loc in
                guard case .array(let items) = input else { return nil }
                return BoundsCheck.check(count: items.count, max: maxItems, at: loc, input: input)
            }
        ) { _, _, _ in nil }
    }

    /// A field the API only returns.
    public static func output<Value: APIEncodable>(
        _ name: String, _ keyPath: KeyPath<Root, Value>, default defaultValue: JSONValue? = nil,
        required: Bool? = nil, addition: Bool = false
    ) -> Field {
        // Key paths are immutable values; the compiler cannot yet prove a stored one Sendable.
        nonisolated(unsafe) let keyPath = keyPath
        return Field(
            name: name, title: pythonTitle(name), isRequired: required ?? (defaultValue == nil), isAddition: addition,
            defaultJSON: defaultValue, schema: { Value.jsonSchema(in: &$0) },
            write: { root, writer in root[keyPath: keyPath].write(to: &writer) },
            decode: nil
        )
    }

    /// This field read through `path` from an enclosing type (to reuse a model's fields in a larger one).
    public func pulledBack<Outer>(_ path: KeyPath<Outer, Root>) -> Field<Outer> {
        let write = self.write
        nonisolated(unsafe) let path = path
        return Field<Outer>(
            name: name, title: title, isRequired: isRequired, isAddition: isAddition, defaultJSON: defaultJSON,
            schema: schema, write: { outer, writer in write(outer[keyPath: path], &writer) }, decode: nil
        )
    }

    private static func field<Value: APIDecodable>(
        _ name: String, _ keyPath: WritableKeyPath<Root, Value>, default defaultValue: Value?,
        addition: Bool, extraSchema: JSONObject,
        precheck: @escaping @Sendable (JSONValue, [LocPart]) -> ValidationIssue? = { _, _ in nil },
        check: @escaping @Sendable (Value, [LocPart], JSONValue) -> ValidationIssue?
    ) -> Field {
        nonisolated(unsafe) let keyPath = keyPath
        var defaultJSON: JSONValue?
        if let defaultValue {
            var writer = JSONWriter()
            defaultValue.write(to: &writer)
            defaultJSON = try? PythonJSONParser.parse(writer.bytes)
        }
        return Field(
            name: name, title: pythonTitle(name), isRequired: defaultValue == nil, isAddition: addition,
            defaultJSON: defaultJSON,
            schema: { components in
                guard case .object(var object) = Value.jsonSchema(in: &components) else { return .null }
                for member in extraSchema.members { object[member.key] = member.value }
                return .object(object)
            },
            write: { root, writer in root[keyPath: keyPath].write(to: &writer) },
            decode: { root, member, loc, missingInput, errors in
                guard let member else {
                    guard let defaultValue else {
                        errors.append(.missing(loc, input: missingInput))
                        return false
                    }
                    root[keyPath: keyPath] = defaultValue
                    return true
                }
                if let issue = precheck(member, loc) {
                    errors.append(issue)
                    return false
                }
                guard let value = Value.validate(member, at: loc, into: &errors) else { return false }
                if let issue = check(value, loc, member) {
                    errors.append(issue)
                    return false
                }
                root[keyPath: keyPath] = value
                return true
            }
        )
    }
}

/// pydantic's default title: the name with underscores as spaces, in Python's `str.title()` case.
func pythonTitle(_ name: String) -> String {
    var result = ""
    var previousIsLetter = false
    for character in name.replacingOccurrences(of: "_", with: " ") {
        result += previousIsLetter ? character.lowercased() : character.uppercased()
        previousIsLetter = character.isLetter
    }
    return result
}
