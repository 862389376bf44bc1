import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecuregateAPI
import SecuregateTestSupport
import Testing

/// Every body captured from the vendor's FastAPI service must come back from ours, field for field.
struct GoldenErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let method: String
        let path: String
        let headers: [(String, String)]
        let body: String?
        let status: Int
        let responseBody: JSONValue
        let wwwAuthenticate: String?

        var testDescription: String { name }
    }

    /// Why the fixture file could not become cases.
    struct FixtureError: Error, CustomStringConvertible {
        let description: String
    }

    static var fixtureURL: URL? {
        Bundle.module.url(forResource: "golden-errors", withExtension: "json", subdirectory: "Fixtures")
    }

    /// Every entry of the fixture file as a case; any entry of another shape is an error, not skipped.
    static let loaded: Result<[Case], any Error> = Result {
        guard let url = fixtureURL else { throw FixtureError(description: "golden-errors.json is missing") }
        guard case .array(let items) = try PythonJSONParser.parse(Array(try Data(contentsOf: url))) else {
            throw FixtureError(description: "golden-errors.json is not an array")
        }
        return try items.enumerated().map { index, item in
            guard let request = item["request"], let response = item["response"], case .int(let status)? = response["status"],
                  let name = item["name"]?.stringValue, let method = request["method"]?.stringValue,
                  let path = request["path"]?.stringValue, let body = response["body"]
            else { throw FixtureError(description: "entry \(index) lacks a name, method, path, status or body") }
            let headers = try (request["headers"]?.objectValue?.members ?? []).map { member in
                guard let value = member.value.stringValue else { throw FixtureError(description: "entry \(index): header \(member.key)") }
                return (member.key, value)
            }
            return Case(
                name: name, method: method, path: path, headers: headers, body: request["body"]?.stringValue,
                status: status, responseBody: body, wwwAuthenticate: response["www-authenticate"]?.stringValue
            )
        }
    }

    static var cases: [Case] { (try? loaded.get()) ?? [] }

    @Test func fixturesAreLoaded() throws {
        let cases = try Self.loaded.get()
        // Counted independently of the loader: every entry of the file is a case.
        let url = try #require(Self.fixtureURL)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [Any])
        #expect(!cases.isEmpty)
        #expect(cases.count == entries.count)
    }

    @Test(arguments: cases, StoreBackend.available)
    func matchesFastAPI(_ golden: Case, _ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                var headers: HTTPFields = [:]
                for (name, value) in golden.headers {
                    // The capture's "keyA" was a valid key of the capturing account; ours is account A's.
                    headers[HTTPField.Name(name)!] = (name == "x-api-key" && value == "keyA") ? env.keyA : value
                }
                let response = try await client.execute(
                    uri: golden.path, method: HTTPRequest.Method(golden.method)!, headers: headers,
                    body: golden.body.map { ByteBuffer(string: $0) }
                ) { $0 }
                #expect(Int(response.status.code) == golden.status)
                #expect(response.json == golden.responseBody)
                if let expected = golden.wwwAuthenticate {
                    #expect(response.headers[.wwwAuthenticate] == expected)
                }
                #expect(response.headers[.contentType] == "application/json")
            }
        }
    }
}
