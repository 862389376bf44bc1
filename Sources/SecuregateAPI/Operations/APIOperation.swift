import SecuregateCore

/// One operation of the API, declared once: its route, its query and body models and its answer. The router
/// serves it and the OpenAPI document describes it from this same declaration.
public struct APIOperation<Query: APIInputModel, Body: APIInputModel, Response: APIEncodable>: Sendable {
    public let method: String
    /// The OpenAPI path template, e.g. `/events/{event_id}`.
    public let path: String
    public let operationID: String
    public let summary: String
    /// The error statuses the handler itself can answer (401, 413 and 422 are derived).
    public let errorStatuses: [Int]
    /// Marks an operation this server adds to the vendor's API.
    public let isAddition: Bool
    /// The key scopes that may call it.
    public let scopes: [APIKeyScope]
    /// Query parameters that are required unless a photo is sent as the body.
    public let requiredWithoutImage: [String]
    /// Whether it may work on a photo: its work waits for a face worker, and is dropped when the client leaves.
    public let worksOnPhotos: Bool

    public init(
        _ method: String, _ path: String, operationID: String, summary: String, errors: [Int] = [],
        addition: Bool = false, scopes: [APIKeyScope] = [.admin], requiredWithoutImage: [String] = [],
        worksOnPhotos: Bool = false
    ) {
        self.worksOnPhotos = worksOnPhotos
        self.requiredWithoutImage = requiredWithoutImage
        self.scopes = scopes
        self.method = method
        self.path = path
        self.operationID = operationID
        self.summary = summary
        self.errorStatuses = errors
        self.isAddition = addition
    }

    /// Whether the operation reads a JSON body.
    public var hasBody: Bool { Body.self != Empty.self && !hasImageBody }

    /// Whether the operation reads a photo as its body (optional: it may come from a URL instead).
    public var hasImageBody: Bool { Body.self == ImageUpload.self }

    /// The names of the path's parameters, in order.
    public var pathParameters: [String] {
        path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }

    /// The path in the router's syntax: `/events/:event_id`.
    public var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : String(segment)
        }.joined(separator: "/")
    }

    /// The type-erased description the OpenAPI document is built from.
    public var description: OperationDescription {
        let queryFields: @Sendable () -> [AnyField] = { Query.model.fields.map { AnyField($0) } }
        let body: @Sendable (inout SchemaComponents) -> JSONValue = { Body.jsonSchema(in: &$0) }
        let response: @Sendable (inout SchemaComponents) -> JSONValue = { Response.jsonSchema(in: &$0) }
        return OperationDescription(
            method: method, path: path, operationID: operationID, summary: summary,
            pathParameters: pathParameters, queryFields: queryFields, body: hasBody || hasImageBody ? body : nil,
            bodyMediaTypes: hasImageBody ? ImageUpload.mediaTypes : ["application/json"], bodyRequired: !hasImageBody,
            response: response, responseMediaTypes: (Response.self as? any BinaryBody.Type)?.mediaTypes ?? ["application/json"],
            errorStatuses: errorStatuses + (scopes.contains(.checkin) ? [] : [403]), isAddition: isAddition
        )
    }
}

/// A field with its model's type erased, enough to document a query parameter.
public struct AnyField: Sendable {
    public let name: String
    public let isRequired: Bool
    let schema: @Sendable (inout SchemaComponents) -> JSONValue

    init<Root>(_ field: Field<Root>) {
        self.name = field.name
        self.isRequired = field.isRequired
        self.schema = { field.propertySchema(in: &$0) }
    }
}

/// What the OpenAPI document needs to know of an operation.
public struct OperationDescription: Sendable {
    public let method: String
    public let path: String
    public let operationID: String
    public let summary: String
    public let pathParameters: [String]
    public let queryFields: @Sendable () -> [AnyField]
    public let body: (@Sendable (inout SchemaComponents) -> JSONValue)?
    public let bodyMediaTypes: [String]
    public let bodyRequired: Bool
    public let response: @Sendable (inout SchemaComponents) -> JSONValue
    public let responseMediaTypes: [String]
    public let errorStatuses: [Int]
    public let isAddition: Bool
}
