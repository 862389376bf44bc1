import Foundation
import HTTPTypes
import HummingbirdTesting
import SecuregateAPI
import SecuregateTestSupport
import Testing

struct InviteAPITests {
    @Test(arguments: StoreBackend.available)
    func createsInvitesWithTheVendorsFieldsInOrder(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let response = try await client.call(
                    .post, "/events/\(event)/invites?notify=0&onboarding_flow_type=kyc", key: env.keyA,
                    body: Payload.invites(["Ada@Example.com"])
                )
                #expect(response.status == .ok)
                let invite = response.json.arrayValue.first ?? nil
                #expect(invite.objectValue?.members.map(\.key) == [
                    "first_name", "last_name", "email", "country_code", "mobile_number", "authentication_method", "id",
                    "event_id", "session_code", "image", "session_id", "created_at", "updated_at", "last_seen",
                    "onyxplus_id", "ticket_id", "status", "onboarding_flow_type",
                ])
                #expect(invite["email"] == "Ada@Example.com")
                #expect(invite["event_id"] == .string(event))
                #expect(invite["status"] == "pending")
                #expect(invite["image"] == .null)
                #expect(invite["last_seen"] == .null)
                #expect(invite["onboarding_flow_type"] == "kyc")
                #expect(invite["id"]?.stringValue?.hasPrefix("inv_") == true)
                #expect(invite["session_id"]?.stringValue?.hasPrefix("ses_") == true)
                #expect(invite["created_at"] == "2026-01-01T00:00:00Z")
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func reinvitingAnEmailReturnsTheExistingInviteUnchanged(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let first = try await client.invite(["ada@example.com", "bob@example.com"], to: event, key: env.keyA)
                env.time.advance(by: 5)
                // Trimmed and case-insensitive, and repeated within the batch too.
                let second = try await client.invite(["carol@example.com", "  ADA@example.com ", "carol@EXAMPLE.com"], to: event, key: env.keyA)
                #expect(second.count == 3)
                #expect(second[1] == first[0])
                #expect(second[2] == second[0])
                let listed = try await client.call(.get, "/events/\(event)/invites", key: env.keyA).json.arrayValue
                #expect(listed.count == 3)
                // A retried request creates nothing twice.
                let retried = try await client.invite(["carol@example.com", "  ADA@example.com ", "carol@EXAMPLE.com"], to: event, key: env.keyA)
                #expect(retried == second)
                #expect(try await client.call(.get, "/events/\(event)/invites", key: env.keyA).json.arrayValue.count == 3)
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func aBatchWithOneBadInviteCreatesNothing(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                var body = Payload.invites(["a@x.io", "b@x.io"])
                body = body.replacingOccurrences(of: #""country_code":"44","mobile_number":"77009001""#, with: #""country_code":"33","mobile_number":"77009001""#)
                let response = try await client.call(.post, "/events/\(event)/invites", key: env.keyA, body: body)
                #expect(response.status == .unprocessableContent)
                #expect(response.json["detail"]?.arrayValue.first?["loc"] == ["body", "invites", 1, "country_code"])
                #expect(try await client.call(.get, "/events/\(event)/invites", key: env.keyA).json == [])
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func refusesMoreThanTenThousandInvites(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let response = try await client.call(
                    .post, "/events/\(event)/invites", key: env.keyA, body: Payload.invites((0...10_000).map { "p\($0)@x.io" })
                )
                #expect(response.status == .unprocessableContent)
                let error = response.json["detail"]?.arrayValue.first
                #expect(error?["type"] == "too_long")
                #expect(error?["msg"] == "List should have at most 10000 items after validation, not 10001")
                #expect(error?["ctx"] == ["field_type": "List", "max_length": 10000, "actual_length": 10001])
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func listsInCreationOrderWithAStatusFilter(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let invites = try await client.invite((0..<5).map { "p\($0)@x.io" }, to: event, key: env.keyA)
                let ids = invites.compactMap { $0["id"]?.stringValue }
                for id in [ids[3], ids[1]] {
                    try await client.call(.put, "/events/\(event)/invites/\(id)", key: env.keyA, body: #"{"status":"accepted"}"#)
                }
                let all = try await client.call(.get, "/events/\(event)/invites", key: env.keyA).json.arrayValue
                #expect(all.compactMap { $0["id"]?.stringValue } == ids)
                let accepted = try await client.call(.get, "/events/\(event)/invites?status=accepted", key: env.keyA).json.arrayValue
                #expect(accepted.compactMap { $0["id"]?.stringValue } == [ids[1], ids[3]])
                #expect(try await client.call(.get, "/events/evt_nope/invites", key: env.keyA).json == ["detail": "Event not found"])
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func updatesStatusStampsUpdatedAtAndRecordsHistory(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let invite = try await client.invite(["a@x.io"], to: event, key: env.keyA)[0]["id"]?.stringValue ?? ""
                env.time.advance(by: 30)
                let updated = try await client.call(.put, "/events/\(event)/invites/\(invite)", key: env.keyA, body: #"{"status":"accepted"}"#)
                #expect(updated.status == .ok)
                #expect(updated.json["status"] == "accepted")
                #expect(updated.json["updated_at"] == "2026-01-01T00:00:30Z")
                #expect(updated.json["created_at"] == "2026-01-01T00:00:00Z")
                env.time.advance(by: 30)
                try await client.call(.put, "/events/\(event)/invites/\(invite)", key: env.keyA, body: #"{"status":"rejected"}"#)
                let history = try await client.call(.get, "/events/\(event)/invites/\(invite)/history", key: env.keyA).json.arrayValue
                #expect(history.map { $0["from_status"] } == [.null, "pending", "accepted"])
                #expect(history.map { $0["to_status"] } == ["pending", "accepted", "rejected"])
                #expect(history.map { $0["changed_at"] } == ["2026-01-01T00:00:00Z", "2026-01-01T00:00:30Z", "2026-01-01T00:01:00Z"])
                #expect(history.allSatisfy { $0["key_id"]?.stringValue?.hasPrefix("key_") == true })
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func updateAnswersNotFoundAndArchived(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let other = try await client.createEvent(key: env.keyA)
                let invite = try await client.invite(["a@x.io"], to: event, key: env.keyA)[0]["id"]?.stringValue ?? ""
                let accepted = #"{"status":"accepted"}"#
                #expect(try await client.call(.put, "/events/evt_nope/invites/\(invite)", key: env.keyA, body: accepted).json == ["detail": "Event not found"])
                #expect(try await client.call(.put, "/events/\(event)/invites/inv_nope", key: env.keyA, body: accepted).json == ["detail": "Invite not found"])
                // An invite addressed through another event of the same account is not found there.
                #expect(try await client.call(.put, "/events/\(other)/invites/\(invite)", key: env.keyA, body: accepted).json == ["detail": "Invite not found"])
                try await client.call(.delete, "/events/\(event)", key: env.keyA)
                let archived = try await client.call(.put, "/events/\(event)/invites/\(invite)", key: env.keyA, body: accepted)
                #expect(archived.status == .conflict)
                #expect(archived.json == ["detail": "Event is archived"])
                let create = try await client.call(.post, "/events/\(event)/invites", key: env.keyA, body: Payload.invites(["b@x.io"]))
                #expect(create.status == .conflict)
                #expect(create.json == ["detail": "Event is archived"])
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func findsInvitesByIDByEmailAndWithTheirEvent(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let first = try await client.createEvent(key: env.keyA)
                let second = try await client.createEvent(key: env.keyA)
                let older = try await client.invite(["ada@x.io"], to: first, key: env.keyA)[0]
                let newer = try await client.invite(["ada@x.io"], to: second, key: env.keyA)[0]
                let olderID = older["id"]?.stringValue ?? ""

                #expect(try await client.call(.get, "/invites/\(olderID)", key: env.keyA).json == older)
                #expect(try await client.call(.get, "/invites/inv_nope", key: env.keyA).json == ["detail": "Invite not found"])

                #expect(try await client.call(.get, "/invites?email=%20ADA%40x.io", key: env.keyA).json == newer)
                #expect(try await client.call(.get, "/invites?email=ada@x.io&event_id=\(first)", key: env.keyA).json == older)
                #expect(try await client.call(.get, "/invites?email=ada@x.io&event_id=evt_nope", key: env.keyA).json == ["detail": "Event not found"])
                #expect(try await client.call(.get, "/invites?email=bob@x.io", key: env.keyA).json == ["detail": "Invite not found"])

                let bySession = try await client.call(.get, "/invites-with-event?session_id=\(older["session_id"]?.stringValue ?? "")", key: env.keyA).json
                #expect(bySession["invite"] == older)
                #expect(bySession["event"]?["id"] == .string(first))
                let byID = try await client.call(.get, "/invites-with-event?invite_id=\(olderID)", key: env.keyA).json
                #expect(byID == bySession)
                let neither = try await client.call(.get, "/invites-with-event", key: env.keyA)
                #expect(neither.status == .badRequest)
                #expect(neither.json == ["detail": "Either session_id or invite_id is required"])
                let mismatched = try await client.call(
                    .get, "/invites-with-event?session_id=\(older["session_id"]?.stringValue ?? "")&invite_id=\(newer["id"]?.stringValue ?? "")",
                    key: env.keyA
                )
                #expect(mismatched.json == ["detail": "Invite not found"])
            }
        }
    }
}
