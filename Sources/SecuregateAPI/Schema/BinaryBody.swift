/// A response that is not JSON: an image, written as its bytes with its own content type.
public protocol BinaryBody: APIEncodable {
    /// The media types the operation may answer with, for the OpenAPI document.
    static var mediaTypes: [String] { get }
    var contentType: String { get }
    var bytes: [UInt8] { get }
}

extension BinaryBody {
    public static func jsonSchema(in components: inout SchemaComponents) -> JSONValue {
        ["type": "string", "format": "binary"]
    }

    /// Binary bodies are never written as JSON; this writes their size, should anyone ask.
    public func write(to writer: inout JSONWriter) { writer.int(bytes.count) }
}

/// A QR code image.
public struct QRImage: BinaryBody {
    public static let mediaTypes = ["image/png", "image/svg+xml"]
    public let contentType: String
    public let bytes: [UInt8]

    public init(contentType: String, bytes: [UInt8]) {
        self.contentType = contentType
        self.bytes = bytes
    }
}
