import SecuregateAPI

/// The API reference of `/docs`, read from the server's own OpenAPI document: each operation with its
/// parameters, request and response (their fields, and an example made from the schema), the errors it may
/// answer, and whether it is this server's addition; then every schema. Only data: the words are the template's.
struct APIReference {
    let document: JSONValue
    let schemas: JSONObject

    init(document: JSONValue) {
        self.document = document
        schemas = document["components"]?["schemas"]?.objectValue ?? JSONObject()
    }

    /// The template's context: the operations grouped by their path's first segment, then the schemas.
    var context: [String: Any] {
        var groups: [(name: String, operations: [[String: Any]])] = []
        for (path, item) in document["paths"]?.objectValue?.members ?? [] {
            for (method, operation) in item.objectValue?.members ?? [] {
                let group = path.split(separator: "/").first.map(String.init) ?? "/"
                let described = describe(operation, method: method, path: path)
                if let index = groups.firstIndex(where: { $0.name == group }) {
                    groups[index].operations.append(described)
                } else {
                    groups.append((group, [described]))
                }
            }
        }
        let schemaList: [[String: Any]] = schemas.members.map { name, schema in
            let fields = fields(of: schema)
            return [
                "name": name, "anchor": "schema-\(name)", "fields": fields, "hasFields": !fields.isEmpty, "type": typeName(schema),
                "addition": schema["x-securegate-addition"] == true,
            ]
        }
        return [
            "groups": groups.map { ["name": $0.name, "anchor": "group-\($0.name)", "operations": $0.operations] },
            "schemas": schemaList,
            "operationCount": groups.reduce(0) { $0 + $1.operations.count },
            "version": document["info"]?["version"]?.stringValue ?? "",
        ]
    }

    /// One operation's part of the context.
    func describe(_ operation: JSONValue, method: String, path: String) -> [String: Any] {
        let id = operation["operationId"]?.stringValue ?? "\(method) \(path)"
        var described: [String: Any] = [
            "id": id, "anchor": "op-\(id)", "method": method.uppercased(), "path": path,
            "summary": operation["summary"]?.stringValue ?? "", "addition": operation["x-securegate-addition"] == true,
        ]
        let parameters: [[String: Any]] = (operation["parameters"]?.arrayValue ?? []).map { parameter in
            [
                "name": parameter["name"]?.stringValue ?? "", "in": parameter["in"]?.stringValue ?? "",
                "required": parameter["required"] == true, "type": typeName(parameter["schema"] ?? .null),
                "notes": notes(parameter["schema"] ?? .null),
            ]
        }
        described["parameters"] = parameters
        described["hasParameters"] = !parameters.isEmpty
        if let content = operation["requestBody"]?["content"]?.objectValue, let body = body(content) {
            described["request"] = body
        }
        let responses = operation["responses"]?.objectValue?.members ?? []
        if let success = responses.first(where: { $0.key.hasPrefix("2") }), let content = success.value["content"]?.objectValue {
            described["response"] = body(content)
        }
        described["errors"] = responses.filter { !$0.key.hasPrefix("2") }.map { status, response in
            ["status": status, "description": response["description"]?.stringValue ?? ""]
        }
        return described
    }

    /// A request or response body: its media types, its schema's name and fields, and an example.
    func body(_ content: JSONObject) -> [String: Any]? {
        guard let first = content.members.first else { return nil }
        let schema = first.value["schema"] ?? .null
        let mediaTypes = content.members.map(\.key).joined(separator: ", ")
        let fields = fields(of: resolved(schema))
        var body: [String: Any] = ["mediaTypes": mediaTypes, "type": typeName(schema), "fields": fields, "hasFields": !fields.isEmpty]
        if first.key.contains("json") {
            body["example"] = JSONPretty.text(example(schema, depth: 0))
        }
        return body
    }

    /// The schema behind a `$ref`, or the schema itself.
    func resolved(_ schema: JSONValue) -> JSONValue {
        guard let reference = schema["$ref"]?.stringValue, let name = reference.split(separator: "/").last else { return schema }
        return schemas[String(name)] ?? .null
    }

    /// An object schema's fields, in order.
    func fields(of schema: JSONValue) -> [[String: Any]] {
        let required = Set((schema["required"]?.arrayValue ?? []).compactMap(\.stringValue))
        return (schema["properties"]?.objectValue?.members ?? []).map { name, property in
            ["name": name, "type": typeName(property), "required": required.contains(name), "notes": notes(property)]
        }
    }
}
