import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecuregateAPI
import SecuregateCore
import SecuregateTestSupport
import Testing

/// Changing an event: `PUT /events/{id}` (an addition) replaces what an organizer may change, checked as a
/// creation is, never another account's event nor an archived one; the console's edit form does the same,
/// filled with the event as it is, its errors next to their fields.
struct EventUpdateTests {
    @Test(arguments: StoreBackend.available)
    func theAPIReplacesAnEventsFieldsButNotAnArchivedOnesOrAnotherAccounts(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let made = try await client.call(.post, "/events", key: env.keyA, body: Payload.event(title: "Launch", start: 1_900_000_000, end: 1_900_003_600))
                let id = try #require(made.string("id"))
                env.time.advance(by: 120)
                let body = #"{"title":"Launch, moved","location":{"city":"Lyon","address":"1 quai"},"start_timestamp":1900007200,"end_timestamp":1900010800,"type":"fixed"}"#
                let changed = try await client.call(.put, "/events/\(id)", key: env.keyA, body: body)
                #expect(changed.status == .ok && changed.json["title"] == "Launch, moved" && changed.json["type"] == "fixed")
                #expect(changed.json["location"]?["city"] == "Lyon" && changed.json["start_timestamp"] == .int(1_900_007_200))
                #expect(changed.json["created_at"] == made.json["created_at"] && changed.json["updated_at"] != made.json["updated_at"])
                #expect(try await client.call(.get, "/events/\(id)", key: env.keyA).json["title"] == "Launch, moved")
                // Checked as a creation is: FastAPI's 422 list.
                let refused = try await client.call(.put, "/events/\(id)", key: env.keyA, body: #"{"title":"x","location":{}}"#)
                #expect(refused.status == .unprocessableContent && refused.json["detail"]?.arrayValue.first?["loc"] == ["body", "start_timestamp"])
                // Another account's event does not exist for it; an archived one no longer changes.
                #expect(try await client.call(.put, "/events/\(id)", key: env.keyB, body: body).status == .notFound)
                _ = try await client.call(.delete, "/events/\(id)", key: env.keyA)
                let archived = try await client.call(.put, "/events/\(id)", key: env.keyA, body: body)
                #expect(archived.status == .conflict && archived.json == ["detail": "Event is archived"])
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func theConsolesFormShowsTheEventAndSavesItsChanges(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let id = try await client.createEvent(key: env.keyA, start: 1_900_000_000, end: 1_900_003_600)
                let cookie = try await ConsoleGuestListTests.session(client, key: env.keyA)
                let form = String(buffer: try await DoorPairingTests.page(client, .get, "/console/events/\(id)/edit", cookie: cookie).body)
                #expect(form.contains("<h1>Edit the event</h1>") && form.contains(#"value="Launch""#) && form.contains(#"value="Paris""#))
                #expect(form.contains(#"id="starts" name="starts" type="datetime-local" class="text-input" value="2030-03-17T17:46""#), "the start in the server's zone (UTC)")
                let refused = try await DoorPairingTests.page(
                    client, .post, "/console/events/\(id)/edit", cookie: cookie, form: "title=Launch&city=Paris&starts=&ends=2030-03-17T19:00&type=dated"
                )
                #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains(#"<p class="field-error" id="starts-error">Field required</p>"#))
                let saved = try await DoorPairingTests.page(
                    client, .post, "/console/events/\(id)/edit", cookie: cookie, form: "title=Launch+night&city=Lyon&starts=2030-03-17T18%3A00&ends=2030-03-17T23%3A00&type=dated"
                )
                #expect(saved.headers[.location] == "/console/events/\(id)?updated=1")
                let page = String(buffer: try await DoorPairingTests.page(client, .get, try #require(saved.headers[.location]), cookie: cookie).body)
                #expect(page.contains("The event was changed.") && page.contains("<h1>Launch night</h1>") && page.contains("Lyon"))
                let api = try await client.call(.get, "/events/\(id)", key: env.keyA).json
                #expect(api["start_timestamp"] == .int(1_900_000_800) && api["location"]?["city"] == "Lyon")
                #expect(try await DoorPairingTests.page(client, .get, "/console/events/\(id)/edit", cookie: try await ConsoleGuestListTests.session(client, key: env.keyB)).status == .notFound)
            }
        }
    }
}
