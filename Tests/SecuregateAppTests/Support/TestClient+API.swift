import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecuregateAPI

extension TestClientProtocol {
    /// Sends a request as an API client would: `key` in `x-api-key`, `body` as JSON.
    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ uri: String, key: String?, body: String? = nil,
        contentType: String? = "application/json"
    ) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let key { headers[HTTPField.Name("x-api-key")!] = key }
        if body != nil, let contentType { headers[.contentType] = contentType }
        return try await execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
        ) { $0 }
    }
}

extension TestClientProtocol {
    /// Sends a photo as the body, as a camera would.
    @discardableResult
    func upload(
        _ method: HTTPRequest.Method, _ uri: String, key: String?, photo: Data, contentType: String = "image/jpeg"
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: contentType]
        if let key { headers[HTTPField.Name("x-api-key")!] = key }
        return try await execute(uri: uri, method: method, headers: headers, body: ByteBuffer(bytes: photo)) { $0 }
    }
}

extension TestResponse {
    /// The body parsed as JSON (objects keep their order, so comparisons check field order too).
    var json: JSONValue {
        (try? PythonJSONParser.parse(Array(body.readableBytesView))) ?? .string("<not JSON: \(String(buffer: body))>")
    }

    /// A string member of the body's object.
    func string(_ key: String) -> String? {
        if case .string(let value)? = json.objectValue?[key] { return value }
        return nil
    }
}

extension JSONValue {
    /// The member `key` of an object.
    subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The elements of an array.
    var arrayValue: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }

    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}

/// Test payloads.
enum Payload {
    /// An event starting `start` and ending `end` (Unix seconds).
    static func event(title: String = "Launch", start: Int, end: Int) -> String {
        #"{"title":"\#(title)","location":{"city":"Paris"},"start_timestamp":\#(start),"end_timestamp":\#(end)}"#
    }

    /// A batch of invites for these emails.
    static func invites(_ emails: [String], authentication: String = "QR Code") -> String {
        let items = emails.enumerated().map { index, email in
            #"{"first_name":"First\#(index)","last_name":"Last","email":"\#(email)","country_code":"44","mobile_number":"7700900\#(index)","authentication_method":"\#(authentication)"}"#
        }
        return #"{"invites":[\#(items.joined(separator: ","))]}"#
    }
}
