import Hummingbird
import SecuregateAPI

/// Responses with JSON bodies, written by `JSONWriter` (and the few that are not JSON).
enum JSONResponse {
    /// A response whose body is `value` as JSON.
    static func make(_ status: HTTPResponse.Status, _ value: some APIEncodable, headers: HTTPFields = [:]) -> Response {
        var writer = JSONWriter()
        value.write(to: &writer)
        return make(status, bytes: writer.bytes, headers: headers)
    }

    /// A response whose body is the given JSON bytes.
    static func make(_ status: HTTPResponse.Status, bytes: [UInt8], headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A response whose body is not JSON, with its own content type.
    static func binary(_ body: any BinaryBody) -> Response {
        Response(
            status: .ok, headers: [.contentType: body.contentType],
            body: .init(byteBuffer: ByteBuffer(bytes: body.bytes))
        )
    }

    /// FastAPI's `{"detail": "…"}` body.
    static func detail(_ status: HTTPResponse.Status, _ text: String, headers: HTTPFields = [:]) -> Response {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("detail")
        writer.string(text)
        writer.endObject()
        return make(status, bytes: writer.bytes, headers: headers)
    }

    /// FastAPI's 422 body listing every validation error.
    static func validationErrors(_ issues: [ValidationIssue]) -> Response {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("detail")
        writer.beginArray()
        for issue in issues { issue.write(to: &writer) }
        writer.endArray()
        writer.endObject()
        return make(.unprocessableContent, bytes: writer.bytes)
    }
}
