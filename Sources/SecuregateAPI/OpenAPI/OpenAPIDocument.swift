/// Builds the server's OpenAPI document from the operation and model declarations: a superset of the vendor's
/// document (same paths, operationIds, parameters and schemas), with every status the server can answer and
/// this server's additions marked `x-securegate-addition`.
public enum OpenAPIDocument {
    /// The document as JSON.
    public static func build(operations: [OperationDescription] = Operations.all, version: String) -> JSONValue {
        var components = SchemaComponents()
        var paths = JSONObject()
        for operation in operations {
            var item = paths[operation.path]?.objectValue ?? JSONObject()
            item[operation.method.lowercased()] = .object(describe(operation, components: &components))
            paths[operation.path] = .object(item)
        }
        var schemas = JSONObject()
        for entry in (components.schemas + fixedSchemas).sorted(by: { $0.name < $1.name }) {
            schemas[entry.name] = entry.schema
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "Securegate.ai API", "version": .string(version)],
            "paths": .object(paths),
            "components": [
                "schemas": .object(schemas),
                "securitySchemes": ["APIKeyHeader": ["type": "apiKey", "in": "header", "name": "x-api-key"]],
            ],
        ]
    }

    private static func describe(_ operation: OperationDescription, components: inout SchemaComponents) -> JSONObject {
        var object = JSONObject([
            ("summary", .string(operation.summary)),
            ("operationId", .string(operation.operationID)),
        ])
        if operation.isAddition { object["x-securegate-addition"] = true }
        var parameters: [JSONValue] = operation.pathParameters.map { name in
            ["name": .string(name), "in": "path", "required": true, "schema": ["type": "string", "title": .string(pythonTitle(name))]]
        }
        for field in operation.queryFields() {
            parameters.append([
                "name": .string(field.name), "in": "query", "required": .bool(field.isRequired),
                "schema": field.schema(&components),
            ])
        }
        if !parameters.isEmpty { object["parameters"] = .array(parameters) }
        if let body = operation.body {
            let schema = body(&components)
            var content = JSONObject()
            for mediaType in operation.bodyMediaTypes { content[mediaType] = ["schema": schema] }
            object["requestBody"] = ["content": .object(content), "required": .bool(operation.bodyRequired)]
        }
        var response = operation.response(&components)
        if case .object(var schema) = response, schema["$ref"] == nil {
            schema["title"] = .string(pythonTitle("Response_" + operation.operationID))
            response = .object(schema)
        }
        var content = JSONObject()
        for mediaType in operation.responseMediaTypes {
            content[mediaType] = ["schema": response]
        }
        var responses = JSONObject([("200", ["description": "Successful Response", "content": .object(content)])])
        // Any operation may meet a storage failure (503).
        var statuses = Set([401, 429, 503] + operation.errorStatuses)
        if operation.body != nil { statuses.insert(413) }
        for status in statuses.sorted() {
            responses[String(status)] = errorResponse(status)
        }
        if operation.errorStatuses.contains(422) {
            // The operation's own 422s (a photo that cannot be used) carry a text detail, validation a list.
            responses["422"] = [
                "description": "Validation Error, or a photo that cannot be used",
                "content": ["application/json": ["schema": ["anyOf": [
                    ["$ref": "#/components/schemas/HTTPValidationError"], ["$ref": "#/components/schemas/HTTPError"],
                ]]]],
            ]
        } else if !parameters.isEmpty || operation.body != nil {
            responses["422"] = [
                "description": "Validation Error",
                "content": ["application/json": ["schema": ["$ref": "#/components/schemas/HTTPValidationError"]]],
            ]
        }
        object["responses"] = .object(responses)
        object["security"] = [["APIKeyHeader": []]]
        return object
    }

    private static func errorResponse(_ status: Int) -> JSONValue {
        let description = switch status {
        case 400: "Bad Request: a required lookup parameter is missing"
        case 401: "Not authenticated, or the API key is invalid"
        case 403: "Not allowed for this key (a check-in key may only scan, read the ledger and look up codes)"
        case 404: "Not found, or not the caller's"
        case 409: "Conflict: the event is archived, or a scan's nonce was reused with a different scan"
        case 413: "Request body too large"
        case 429: "Rate limit exceeded (for camera frames, the key's frame allowance): retry after the seconds in Retry-After"
        case 503: "Service unavailable: storage is unavailable (nothing was stored), or face identification is not configured"
        default: "Error"
        }
        return [
            "description": .string(description),
            "content": ["application/json": ["schema": ["$ref": "#/components/schemas/HTTPError"]]],
        ]
    }

    /// Schemas that no model declares: FastAPI's validation error shapes, and our plain error body.
    private static let fixedSchemas: [(name: String, schema: JSONValue)] = [
        ("HTTPValidationError", [
            "properties": ["detail": ["items": ["$ref": "#/components/schemas/ValidationError"], "type": "array", "title": "Detail"]],
            "type": "object", "title": "HTTPValidationError",
        ]),
        ("ValidationError", [
            "properties": [
                "loc": ["items": ["anyOf": [["type": "string"], ["type": "integer"]]], "type": "array", "title": "Location"],
                "msg": ["type": "string", "title": "Message"],
                "type": ["type": "string", "title": "Error Type"],
                "input": ["title": "Input"],
                "ctx": ["type": "object", "title": "Context"],
            ],
            "type": "object", "required": ["loc", "msg", "type"], "title": "ValidationError",
        ]),
        ("HTTPError", [
            "properties": ["detail": ["type": "string", "title": "Detail"]],
            "type": "object", "required": ["detail"], "title": "HTTPError", "x-securegate-addition": true,
        ]),
    ]
}
