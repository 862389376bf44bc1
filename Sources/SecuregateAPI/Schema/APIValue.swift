/// A type that appears in the API: it knows its JSON Schema and how to write itself as JSON.
public protocol APIEncodable: Sendable {
    /// This type's JSON Schema, registering any named component it refers to.
    static func jsonSchema(in components: inout SchemaComponents) -> JSONValue
    /// Writes this value as JSON.
    func write(to writer: inout JSONWriter)
}

/// A type the API accepts: it validates parsed JSON as pydantic's lax mode does.
public protocol APIDecodable: APIEncodable {
    /// Validates `input` found at `loc`; on failure appends pydantic's errors and returns `nil`.
    static func validate(_ input: JSONValue, at loc: [LocPart], into errors: inout [ValidationIssue]) -> Self?
}

/// The named schemas of an OpenAPI document's `components`, collected while the document is built.
public struct SchemaComponents: Sendable {
    public private(set) var schemas: [(name: String, schema: JSONValue)] = []
    private var names: Set<String> = []

    public init() {}

    /// Registers a named schema once and returns a `$ref` to it.
    public mutating func reference(_ name: String, build: (inout SchemaComponents) -> JSONValue) -> JSONValue {
        if !names.contains(name) {
            names.insert(name)
            let schema = build(&self)
            schemas.append((name, schema))
        }
        return ["$ref": .string("#/components/schemas/\(name)")]
    }
}
