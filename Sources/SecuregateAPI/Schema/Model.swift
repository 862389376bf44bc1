/// A model declared once, as FastAPI declares a pydantic model: its schema name and its ordered fields.
/// The declaration drives validation, encoding (fields in declaration order) and the OpenAPI schema.
public struct Model<Root>: Sendable {
    public let name: String
    public let fields: [Field<Root>]

    public init(_ name: String, _ fields: [Field<Root>]) {
        self.name = name
        self.fields = fields
    }

    /// Writes the value as a JSON object, fields in declaration order.
    public func write(_ value: Root, to writer: inout JSONWriter) {
        writer.beginObject()
        for field in fields {
            writer.key(field.name)
            field.write(value, &writer)
        }
        writer.endObject()
    }

    /// The component schema: properties, `type`, `required` and `title`, in pydantic's order.
    public func componentSchema(in components: inout SchemaComponents) -> JSONValue {
        var properties = JSONObject()
        for field in fields {
            properties[field.name] = field.propertySchema(in: &components)
        }
        var schema = JSONObject([("properties", .object(properties)), ("type", "object")])
        let required = fields.filter(\.isRequired).map { JSONValue.string($0.name) }
        if !required.isEmpty { schema["required"] = .array(required) }
        schema["title"] = .string(name)
        return .object(schema)
    }

    /// Validates an object into `blank`, collecting every field's errors. A missing required field reports
    /// `missingInput` as its input: the whole object for a body, `null` for query parameters.
    public func validate(
        _ input: JSONValue, into blank: Root, at loc: [LocPart], missingInput: JSONValue? = nil,
        errors: inout [ValidationIssue]
    ) -> Root? {
        guard case .object(let object) = input else {
            errors.append(.modelAttributesType(loc, input: input))
            return nil
        }
        var value = blank
        var ok = true
        for field in fields {
            guard let decode = field.decode else { continue }
            if !decode(&value, object[field.name], loc + [.key(field.name)], missingInput ?? input, &errors) {
                ok = false
            }
        }
        return ok ? value : nil
    }
}

/// A type whose JSON form is a declared model.
public protocol APIModel: APIEncodable {
    static var model: Model<Self> { get }
}

extension APIModel {
    public static func jsonSchema(in components: inout SchemaComponents) -> JSONValue {
        components.reference(model.name) { model.componentSchema(in: &$0) }
    }

    public func write(to writer: inout JSONWriter) {
        Self.model.write(self, to: &writer)
    }
}

/// A declared model the API accepts: validated field by field into a value that starts blank.
public protocol APIInputModel: APIModel, APIDecodable {
    /// A value whose every field the declaration overwrites or defaults.
    init()
}

extension APIInputModel {
    public static func validate(_ input: JSONValue, at loc: [LocPart], into errors: inout [ValidationIssue]) -> Self? {
        model.validate(input, into: Self(), at: loc, errors: &errors)
    }
}
