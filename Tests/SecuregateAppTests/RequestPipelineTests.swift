import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecuregateAPI
import Testing

/// The order in which FastAPI answers: body parsing, then the key, then validation, then the handler.
struct RequestPipelineTests {
    @Test func malformedJSONIsReportedBeforeAuthentication() async throws {
        try await TestEnvironment.with { env in
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

    @Test func validationComesBeforeNotFound() async throws {
        try await TestEnvironment.with { env in
            try await env.withClient { client in
                let response = try await client.call(.put, "/events/evt_nope/invites/inv_nope", key: env.keyA, body: #"{"status":"x"}"#)
                #expect(response.status == .unprocessableContent)
                let valid = try await client.call(.put, "/events/evt_nope/invites/inv_nope", key: env.keyA, body: #"{"status":"sent"}"#)
                #expect(valid.json == ["detail": "Event not found"])
            }
        }
    }

    @Test func queryAndBodyErrorsAreListedTogether() async throws {
        try await TestEnvironment.with { env in
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

    @Test func refusesBodiesOverSixteenMebibytes() async throws {
        try await TestEnvironment.with { env in
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
}
