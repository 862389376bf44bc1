import Foundation

/// A request body that is not JSON: the bytes of a photo (JPEG or PNG), as a camera sends them. Empty when
/// the request has no body, for operations where the photo may come from a URL instead.
public struct ImageUpload: APIInputModel {
    /// The media types the OpenAPI document names for the body.
    public static let mediaTypes = ["image/jpeg", "image/png"]

    public var bytes: Data

    public init() { self.bytes = Data() }

    public init(bytes: Data) { self.bytes = bytes }

    /// Never read from JSON; the handler fills it from the raw body.
    public static let model = Model<ImageUpload>("ImageUpload", [])

    public static func jsonSchema(in components: inout SchemaComponents) -> JSONValue {
        ["type": "string", "format": "binary"]
    }

    /// The photo when one was sent.
    public var photo: Data? { bytes.isEmpty ? nil : bytes }
}
