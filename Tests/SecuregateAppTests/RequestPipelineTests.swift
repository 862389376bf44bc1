import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecuregateAPI
import SecuregateTestSupport
import Testing

/// The order in which FastAPI answers: body parsing, then the key, then validation, then the handler.
struct RequestPipelineTests {
    @Test(arguments: StoreBackend.available)
    func malformedJSONIsReportedBeforeAuthentication(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let response = try await client.call(.put, "/events/e/invites/i", key: nil, body: #"{"status": "accépted" x"#)
                #expect(response.status == .unprocessableContent)
                #expect(response.json == ["detail": [[
                    "type": "json_invalid", "loc": ["body", 22], "msg": "JSON decode error", "input": [:],
                    "ctx": ["error": "Expecting ',' delimiter"],
                ]]])
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func validationComesBeforeNotFound(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let response = try await client.call(.put, "/events/evt_nope/invites/inv_nope", key: env.keyA, body: #"{"status":"x"}"#)
                #expect(response.status == .unprocessableContent)
                let valid = try await client.call(.put, "/events/evt_nope/invites/inv_nope", key: env.keyA, body: #"{"status":"sent"}"#)
                #expect(valid.json == ["detail": "Event not found"])
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func queryAndBodyErrorsAreListedTogether(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let response = try await client.call(.post, "/events/e/invites?notify=-1", key: env.keyA, body: #"{"invites":[{"email":1}]}"#)
                let detail = response.json["detail"]?.arrayValue ?? []
                #expect(detail.first == [
                    "type": "greater_than_equal", "loc": ["query", "notify"], "msg": "Input should be greater than or equal to 0",
                    "input": "-1", "ctx": ["ge": 0],
                ])
                #expect(detail.dropFirst().compactMap { $0["loc"] } == [
                    ["body", "invites", 0, "first_name"], ["body", "invites", 0, "last_name"], ["body", "invites", 0, "email"],
                    ["body", "invites", 0, "country_code"], ["body", "invites", 0, "mobile_number"],
                    ["body", "invites", 0, "authentication_method"],
                ])
                #expect(detail[3]["type"] == "string_type")
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func refusesBodiesOverSixteenMebibytes(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let size = 16 * 1024 * 1024 + 1
                let response = try await client.execute(
                    uri: "/events", method: .post,
                    headers: [HTTPField.Name("x-api-key")!: env.keyA, .contentType: "application/json"],
                    body: ByteBuffer(repeating: UInt8(ascii: " "), count: size)
                ) { $0 }
                #expect(response.status == .contentTooLarge)
                #expect(response.json == ["detail": "Request body too large"])
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func nulCharactersAreRefusedTheSameWayOnEveryBackend(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let body = #"{"title":"a\u0000b","location":{},"start_timestamp":1,"end_timestamp":2}"#
                let response = try await client.call(.post, "/events", key: env.keyA, body: body)
                #expect(response.status == .unprocessableContent)
                #expect(response.json == ["detail": [[
                    "type": "string_pattern_mismatch", "loc": ["body", "title"], "msg": #"String should match pattern '^[^\x00]*$'"#,
                    "input": "a\u{0}b", "ctx": ["pattern": #"^[^\x00]*$"#],
                ]]])
                let inPath = try await client.call(.get, "/events/evt%00x", key: env.keyA)
                #expect(inPath.status == .unprocessableContent)
                #expect(inPath.json["detail"]?.arrayValue.first?["loc"] == ["path", "event_id"])
                let inQuery = try await client.call(.get, "/invites?email=a%00b", key: env.keyA)
                #expect(inQuery.json["detail"]?.arrayValue.first?["loc"] == ["query", "email"])
            }
        }
    }
}
