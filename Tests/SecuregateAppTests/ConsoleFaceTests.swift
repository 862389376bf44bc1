import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecuregateAPI
import SecuregateCore
import SecuregateTestSupport
import Testing

/// An invite's page in the console says whether a face is enrolled, and **Erase face** erases it as the API's
/// `DELETE /invites/{id}/face` does.
@Suite(.enabled(if: FaceFixtures.available))
struct ConsoleFaceTests {
    @Test(arguments: StoreBackend.available)
    func anEnrolledFaceIsShownAndErased(_ backend: StoreBackend) async throws {
        try await FaceTests.environment(backend) { env in
            try await env.withClient { client in
                let event = try await DoorTests.openEvent(client, key: env.keyA)
                let obama = try await DoorTests.guest(client, event: event, key: env.keyA, email: "obama@x.io", authentication: "Biometric")
                let cookie = try await ConsoleGuestListTests.session(client, key: env.keyA)
                let page = "/console/events/\(event)/guests/\(obama.id)"
                let before = String(buffer: try await DoorPairingTests.page(client, .get, page, cookie: cookie).body)
                #expect(before.contains("No face is enrolled. The guest is asked for one on their personal page.") && !before.contains("Erase face"))
                #expect(before.contains("No invitation was sent.") && before.contains(">Send by email</button>"), "nothing to send again yet")
                try await client.upload(.put, "/invites/\(obama.id)/face", key: env.keyA, photo: FaceFixtures.photo("obama.jpg"))
                let enrolled = String(buffer: try await DoorPairingTests.page(client, .get, page, cookie: cookie).body)
                #expect(enrolled.contains("A reference face is enrolled.") && enrolled.contains(">Erase face</button>"))

                // Another account cannot erase it; the organizer can.
                let other = try await ConsoleGuestListTests.session(client, key: env.keyB)
                #expect(try await DoorPairingTests.page(client, .post, "\(page)/erase-face", cookie: other).status == .notFound)
                #expect(try await client.call(.get, "/invites/\(obama.id)/face", key: env.keyA).status == .ok)
                let erased = try await DoorPairingTests.page(client, .post, "\(page)/erase-face", cookie: cookie)
                #expect(erased.headers[.location] == "\(page)?done=face_erased")
                let after = String(buffer: try await DoorPairingTests.page(client, .get, try #require(erased.headers[.location]), cookie: cookie).body)
                #expect(after.contains("The face was erased.") && after.contains("No face is enrolled."))
                #expect(try await client.call(.get, "/invites/\(obama.id)/face", key: env.keyA).status == .notFound)
            }
        }
    }
}
