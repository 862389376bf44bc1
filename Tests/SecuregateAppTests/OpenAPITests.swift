import Foundation
import HummingbirdTesting
import SecuregateAPI
import SecuregateTestSupport
import Testing

/// Our served document must contain the vendor's whole document unchanged: every path, operation, parameter,
/// request body, documented response and schema field. What we add is allowed; what differs is not.
struct OpenAPITests {
    static func vendorDocument() throws -> JSONValue {
        let url = try #require(Bundle.module.url(forResource: "vendor-openapi", withExtension: "json", subdirectory: "Fixtures"))
        return try PythonJSONParser.parse(Array(try Data(contentsOf: url)))
    }

    /// Where `ours` fails to contain `vendor`: objects must hold each vendor member (extra members allowed),
    /// arrays and scalars must be equal (key order ignored).
    static func differences(vendor: JSONValue, ours: JSONValue, at path: String = "") -> [String] {
        switch (vendor, ours) {
        case (.object(let v), .object(let o)):
            return v.members.flatMap { member -> [String] in
                guard let theirs = o[member.key] else { return ["\(path)/\(member.key): missing"] }
                return differences(vendor: member.value, ours: theirs, at: "\(path)/\(member.key)")
            }
        case (.array(let v), .array(let o)):
            guard v.count == o.count else { return ["\(path): \(v.count) items, ours \(o.count)"] }
            return zip(v, o).enumerated().flatMap { differences(vendor: $1.0, ours: $1.1, at: "\(path)/\($0)") }
        default:
            return vendor == ours ? [] : ["\(path): \(vendor) != \(ours)"]
        }
    }

    @Test func ourDocumentIsASupersetOfTheVendors() async throws {
        let vendor = try Self.vendorDocument()
        try await TestEnvironment.with(.sqlite) { env in
            try await env.withClient { client in
                let response = try await client.call(.get, "/openapi.json", key: nil)
                #expect(response.status == .ok)
                var ours = response.json
                // Our version is ours; every other field must match.
                if case .object(var object) = ours, case .object(var info) = object["info"] {
                    info["version"] = vendor["info"]?["version"]
                    object["info"] = .object(info)
                    ours = .object(object)
                }
                #expect(Self.differences(vendor: vendor, ours: ours) == [])
            }
        }
    }

    @Test func theSupersetCheckCatchesAChangedField() throws {
        let vendor = try Self.vendorDocument()
        guard case .object(var object) = vendor, case .object(var paths) = object["paths"] else {
            Issue.record("unexpected vendor document")
            return
        }
        paths["/events"] = ["get": ["operationId": "renamed"]]
        object["paths"] = .object(paths)
        #expect(!Self.differences(vendor: vendor, ours: .object(object)).isEmpty)
    }

    @Test func everyOperationDocumentsTheStatusesItCanAnswer() async throws {
        let document = OpenAPIDocument.build(version: "test")
        // Every operation may answer 503 when the storage is unavailable.
        let admin = ["200", "401", "403", "429", "503"]
        let expected: [String: [String]] = [
            "get /events": admin,
            "post /events": admin + ["413", "422"],
            "get /events/{event_id}": admin + ["404", "422"],
            "delete /events/{event_id}": admin + ["404", "422"],
            "put /events/{event_id}": admin + ["404", "409", "413", "422"],
            "post /events/{event_id}/invites": admin + ["404", "409", "413", "422"],
            "get /events/{event_id}/invites": admin + ["404", "422"],
            "put /events/{event_id}/invites/{invite_id}": admin + ["404", "409", "413", "422"],
            "get /events/{event_id}/invites/{invite_id}/history": admin + ["404", "422"],
            "get /invites/{invite_id}": admin + ["404", "422"],
            "get /invites/{invite_id}/messages": admin + ["404", "422"],
            "post /invites/{invite_id}/messages": admin + ["404", "409", "413", "422"],
            "get /invites/{invite_id}/link": admin + ["404", "422"],
            "post /webhooks": admin + ["413", "422"],
            "get /webhooks": admin,
            "get /webhooks/{webhook_id}": admin + ["404", "422"],
            "patch /webhooks/{webhook_id}": admin + ["404", "413", "422"],
            "delete /webhooks/{webhook_id}": admin + ["404", "422"],
            "post /events/{event_id}/doors": admin + ["404", "409", "413", "422"],
            "get /events/{event_id}/doors": admin + ["404", "422"],
            "delete /events/{event_id}/doors/{door_id}": admin + ["404", "422"],
            "post /webhooks/{webhook_id}/secret": admin + ["404", "422"],
            "post /webhooks/{webhook_id}/test": admin + ["404", "409", "422"],
            "get /webhooks/{webhook_id}/deliveries": admin + ["404", "422"],
            "post /webhooks/{webhook_id}/deliveries/{delivery_id}/retry": admin + ["404", "422"],
            "post /invites/{invite_id}/link": admin + ["404", "422"],
            "get /invites": admin + ["404", "422"],
            "get /invites-with-event": admin + ["400", "404", "422"],
            "get /invites/{invite_id}/qr": admin + ["404", "422"],
            "post /events/{event_id}/checkins": ["200", "401", "404", "409", "413", "422", "429", "503"],
            "get /events/{event_id}/checkins": ["200", "401", "404", "422", "429", "503"],
            "get /events/{event_id}/codes/{code}": ["200", "401", "404", "422", "429", "503"],
            "post /identity": ["200", "400", "401", "404", "413", "422", "429", "503"],
            "put /invites/{invite_id}/face": admin + ["400", "404", "409", "413", "422"],
            "get /invites/{invite_id}/face": admin + ["404", "422"],
            "delete /invites/{invite_id}/face": admin + ["404", "422"],
        ]
        var found: [String: [String]] = [:]
        for path in document["paths"]?.objectValue?.members ?? [] {
            for operation in path.value.objectValue?.members ?? [] {
                found["\(operation.key) \(path.key)"] = operation.value["responses"]?.objectValue?.members.map(\.key).sorted()
            }
        }
        #expect(found == expected.mapValues { $0.sorted() })
        #expect(document["paths"]?["/events/{event_id}/invites/{invite_id}/history"]?["get"]?["x-securegate-addition"] == true)
    }
}
