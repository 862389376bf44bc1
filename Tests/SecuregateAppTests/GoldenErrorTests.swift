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

    static let cases: [Case] = {
        guard let url = Bundle.module.url(forResource: "golden-errors", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              case .array(let items) = try? PythonJSONParser.parse(Array(data))
        else { return [] }
        return items.compactMap { item in
            guard let request = item["request"], let response = item["response"],
                  case .int(let status)? = response["status"]
            else { return nil }
            let headers = (request["headers"]?.objectValue?.members ?? []).compactMap { member in
                member.value.stringValue.map { (member.key, $0) }
            }
            return Case(
                name: item["name"]?.stringValue ?? "?", method: request["method"]?.stringValue ?? "GET",
                path: request["path"]?.stringValue ?? "/", headers: headers, body: request["body"]?.stringValue,
                status: status, responseBody: response["body"] ?? .null,
                wwwAuthenticate: response["www-authenticate"]?.stringValue
            )
        }
    }()

    @Test func fixturesAreLoaded() {
        #expect(Self.cases.count == 20)
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
