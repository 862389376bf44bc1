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

    /// Bytes per piece of a long array's answer.
    static let chunkSize = 64 * 1024

    /// A response whose body is `array` as JSON, sent in pieces as it is written when it is longer than one
    /// piece (chunked transfer encoding): a listing of 100 000 invites is never held whole as JSON.
    static func make(_ status: HTTPResponse.Status, array: any APIEncodableArray) -> Response {
        var chunks = array.jsonChunks(size: chunkSize)
        let first = chunks.next() ?? []
        guard let second = chunks.next() else { return make(status, bytes: first) }
        let rest = chunks
        let body = ResponseBody { writer in
            var chunks = rest
            try await writer.write(ByteBuffer(bytes: first))
            try await writer.write(ByteBuffer(bytes: second))
            while let chunk = chunks.next() { try await writer.write(ByteBuffer(bytes: chunk)) }
            try await writer.finish(nil)
        }
        return Response(status: status, headers: [.contentType: "application/json"], body: body)
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
