import Foundation
import HTTPTypes
import HummingbirdTesting
import SecuregateAPI
import SecuregateTestSupport
import Testing

struct EventAPITests {
    static let now = Int(TestEnvironment.start.timeIntervalSince1970)

    @Test(arguments: StoreBackend.available)
    func createsAnEventWithTheVendorsFieldsInOrder(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let response = try await client.call(.post, "/events", key: env.keyA, body: Payload.event(start: 1_900_000_000, end: 1_900_003_600))
                #expect(response.status == .ok)
                let expected: JSONValue = [
                    "title": "Launch", "description": "", "instructions": "", "imageUrl": nil,
                    "location": ["address": "", "city": "Paris", "state": "", "zipCode": "", "country": ""],
                    "start_timestamp": 1_900_000_000, "end_timestamp": 1_900_003_600, "type": "dated", "is_deleted": false,
                    "id": .string(response.string("id") ?? ""), "created_at": "2026-01-01T00:00:00Z",
                    "updated_at": "2026-01-01T00:00:00Z",
                ]
                #expect(response.json == expected)
                #expect(response.string("id")?.hasPrefix("evt_") == true)
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func acceptsPydanticsLaxIntegersAndIgnoresUnknownFields(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let body = #"{"title":"T","location":{},"start_timestamp":"1677609600","end_timestamp":2.0,"colour":"red","type":"fixed"}"#
                let response = try await client.call(.post, "/events", key: env.keyA, body: body)
                #expect(response.status == .ok)
                #expect(response.json["start_timestamp"] == .int(1_677_609_600))
                #expect(response.json["end_timestamp"] == .int(2))
                #expect(response.json["type"] == "fixed")
                #expect(response.json["colour"] == nil)
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func refusesABodyWithoutAJSONContentType(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let body = Payload.event(start: 1, end: 2)
                // Without any content type too: FastAPI's strict content type, on by default since 0.132.
                for contentType in ["text/plain", nil] {
                    let response = try await client.call(.post, "/events", key: env.keyA, body: body, contentType: contentType)
                    #expect(response.status == .unprocessableContent)
                    #expect(response.json == ["detail": [[
                        "type": "model_attributes_type", "loc": ["body"],
                        "msg": "Input should be a valid dictionary or object to extract fields from", "input": .string(body),
                    ]]])
                }
                for contentType in ["application/json; charset=utf-8", "application/vnd.api+json", "Application/JSON"] {
                    #expect(try await client.call(.post, "/events", key: env.keyA, body: body, contentType: contentType).status == .ok)
                }
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func reportsNestedErrorsAtTheirLocation(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let body = #"{"title":"T","location":{"city":5},"start_timestamp":1,"end_timestamp":2,"imageUrl":3}"#
                let response = try await client.call(.post, "/events", key: env.keyA, body: body)
                #expect(response.json == ["detail": [
                    ["type": "string_type", "loc": ["body", "imageUrl"], "msg": "Input should be a valid string", "input": 3],
                    ["type": "string_type", "loc": ["body", "location", "city"], "msg": "Input should be a valid string", "input": 5],
                ]])
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func groupsEventsByTimeAndOrdersThemByStart(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let now = Self.now
                func create(_ title: String, _ start: Int, _ end: Int) async throws -> String {
                    try await client.call(.post, "/events", key: env.keyA, body: Payload.event(title: title, start: start, end: end))
                        .string("id") ?? ""
                }
                let later = try await create("later", now + 7200, now + 9000)
                let soon = try await create("soon", now + 60, now + 120)
                let ongoingInMillis = try await create("ongoing", (now - 60) * 1000, (now + 60) * 1000)
                let ended = try await create("ended", now - 7200, now - 3600)
                let startsNow = try await create("starts now", now, now + 1)
                let deleted = try await create("deleted", now + 60, now + 120)
                try await client.call(.delete, "/events/\(deleted)", key: env.keyA)

                let groups = try await client.call(.get, "/events", key: env.keyA).json
                func ids(_ group: String) -> [String] { groups[group]?.arrayValue.compactMap { $0["id"]?.stringValue } ?? [] }
                #expect(groups.objectValue?.members.map(\.key) == ["ongoing", "ended", "up_coming", "archived"])
                #expect(ids("ongoing") == [ongoingInMillis, startsNow])
                #expect(ids("ended") == [ended])
                #expect(ids("up_coming") == [soon, later])
                #expect(ids("archived") == [deleted])
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func getsAnEventWithItsStatusAndInviteCounts(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let id = try await client.call(.post, "/events", key: env.keyA, body: Payload.event(start: Self.now + 60, end: Self.now + 120))
                    .string("id") ?? ""
                let invites = try await client.call(
                    .post, "/events/\(id)/invites?notify=0", key: env.keyA, body: Payload.invites(["a@x.io", "b@x.io", "c@x.io"])
                ).json.arrayValue
                let firstInvite = invites.first?["id"]?.stringValue ?? ""
                try await client.call(.put, "/events/\(id)/invites/\(firstInvite)", key: env.keyA, body: #"{"status":"accepted"}"#)

                let event = try await client.call(.get, "/events/\(id)", key: env.keyA).json
                #expect(event["status"] == "upcoming")
                #expect(event["invite_stats"] == ["sent": 0, "accepted": 1, "pending": 2, "rejected": 0, "total": 3, "checked_in": 0])
                #expect(event.objectValue?.members.map(\.key).suffix(2) == ["status", "invite_stats"])

                env.time.advance(by: 90)
                #expect(try await client.call(.get, "/events/\(id)", key: env.keyA).json["status"] == "ongoing")
                env.time.advance(by: 60)
                #expect(try await client.call(.get, "/events/\(id)", key: env.keyA).json["status"] == "ended")
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func softDeletesIdempotentlyAndKeepsTheEventReadable(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let id = try await client.call(.post, "/events", key: env.keyA, body: Payload.event(start: Self.now + 60, end: Self.now + 120))
                    .string("id") ?? ""
                env.time.advance(by: 10)
                let deleted = try await client.call(.delete, "/events/\(id)", key: env.keyA)
                #expect(deleted.status == .ok)
                #expect(deleted.json["is_deleted"] == true)
                #expect(deleted.json["updated_at"] == "2026-01-01T00:00:10Z")
                env.time.advance(by: 10)
                let again = try await client.call(.delete, "/events/\(id)", key: env.keyA)
                #expect(again.status == .ok)
                #expect(again.json == deleted.json)
                let read = try await client.call(.get, "/events/\(id)", key: env.keyA).json
                #expect(read["status"] == "archived")
                #expect(read["is_deleted"] == true)
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func answersTheContractsErrors(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let missing = try await client.call(.get, "/events/evt_nope", key: env.keyA)
                #expect(missing.status == .notFound)
                #expect(missing.json == ["detail": "Event not found"])
                #expect(try await client.call(.delete, "/events/evt_nope", key: env.keyA).json == ["detail": "Event not found"])
                let noKey = try await client.call(.get, "/events", key: nil)
                #expect(noKey.status == .unauthorized)
                #expect(noKey.json == ["detail": "Not authenticated"])
                #expect(noKey.headers[.wwwAuthenticate] == "APIKey")
                #expect(try await client.call(.get, "/events", key: "").json == ["detail": "Not authenticated"])
                let badKey = try await client.call(.get, "/events", key: "sg_nope_nope")
                #expect(badKey.status == .unauthorized)
                #expect(badKey.json == ["detail": "Invalid API key"])
                let unknownRoute = try await client.call(.get, "/nowhere", key: env.keyA)
                #expect(unknownRoute.status == .notFound)
                #expect(unknownRoute.json == ["detail": "Not Found"])
                let wrongMethod = try await client.call(.patch, "/events/evt_x", key: env.keyA)
                #expect(wrongMethod.status == .methodNotAllowed)
                #expect(wrongMethod.json == ["detail": "Method Not Allowed"])
                #expect(wrongMethod.headers[.allow] == "DELETE, GET, PUT")
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func servesHealthAndRequestIDs(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let health = try await client.call(.get, "/healthz", key: nil)
                #expect(health.status == .ok)
                #expect(health.headers[HTTPField.Name("x-request-id")!]?.isEmpty == false)
            }
        }
    }
}
