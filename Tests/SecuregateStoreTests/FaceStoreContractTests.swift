import Foundation
import SecuregateCore
import SecuregateTestSupport
import Testing

/// The face store on every backend: exact descriptors, generations that move with every change, ownership,
/// and erasure after deletion.
struct FaceStoreContractTests {
    static func descriptor(_ seed: Float) -> FaceDescriptor {
        FaceDescriptor((0..<FaceDescriptor.length).map { Float($0) * seed - 0.123_456_78 })!
    }

    @Test(arguments: StoreBackend.available)
    func facesRoundTripAndGenerationsMove(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            try await Fixture.accounts(in: store)
            try await store.insertEvent(Fixture.event("evt_1", account: "acc_a"))
            _ = try await store.createInvites(
                [Fixture.invite("inv_1", event: "evt_1", account: "acc_a", email: "a@x.io"),
                 Fixture.invite("inv_2", event: "evt_1", account: "acc_a", email: "b@x.io")],
                history: [], messages: [], eventID: "evt_1", accountID: "acc_a"
            )
            #expect(try await store.faceGeneration(eventID: "evt_1") == 0)
            let one = FaceEnrollment(inviteID: "inv_1", eventID: "evt_1", descriptor: Self.descriptor(0.01), source: .upload, enrolledAt: Fixture.t0)
            try await store.saveFace(one, accountID: "acc_a")
            try await store.saveFace(
                FaceEnrollment(inviteID: "inv_2", eventID: "evt_1", descriptor: Self.descriptor(-0.02), source: .imageURL,
                               enrolledAt: Fixture.t0, imageURL: "https://x.io/b.jpg", photo: Data([1, 2, 3])),
                accountID: "acc_a"
            )
            let (generation, faces) = try await store.faces(eventID: "evt_1")
            #expect(generation == 2)
            #expect(faces.map(\.inviteID) == ["inv_1", "inv_2"])
            // Every bit of every float survives the round trip.
            #expect(faces[0].descriptor == Self.descriptor(0.01))
            #expect(faces[1].descriptor == Self.descriptor(-0.02))
            #expect(try await store.face(inviteID: "inv_2", accountID: "acc_a")?.photo == Data([1, 2, 3]))
            #expect(try await store.invite(id: "inv_2", accountID: "acc_a")?.image == "https://x.io/b.jpg")
            // Another account can neither read, write nor erase it.
            #expect(try await store.face(inviteID: "inv_1", accountID: "acc_b") == nil)
            await #expect(throws: SecuregateError.inviteNotFound) { try await store.saveFace(one, accountID: "acc_b") }
            await #expect(throws: SecuregateError.inviteNotFound) { _ = try await store.deleteFace(inviteID: "inv_1", accountID: "acc_b", at: Date(timeIntervalSince1970: 0)) }
            // Replacing and erasing move the generation; erasing nothing does not.
            try await store.saveFace(one, accountID: "acc_a")
            #expect(try await store.deleteFace(inviteID: "inv_1", accountID: "acc_a", at: Date(timeIntervalSince1970: 0)))
            #expect(try await !store.deleteFace(inviteID: "inv_1", accountID: "acc_a", at: Date(timeIntervalSince1970: 0)))
            #expect(try await store.faceGeneration(eventID: "evt_1") == 4)
            #expect(try await store.faces(eventID: "evt_1").faces.map(\.inviteID) == ["inv_2"])
        }
    }

    @Test(arguments: StoreBackend.available)
    func deletedEventsFacesAreErasedAfterTheCutoff(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            try await Fixture.accounts(in: store)
            for event in ["evt_1", "evt_2"] {
                try await store.insertEvent(Fixture.event(event, account: "acc_a"))
                _ = try await store.createInvites(
                    [Fixture.invite("inv_\(event)", event: event, account: "acc_a", email: "a@x.io")],
                    history: [], messages: [], eventID: event, accountID: "acc_a"
                )
                try await store.saveFace(
                    FaceEnrollment(inviteID: "inv_\(event)", eventID: event, descriptor: Self.descriptor(0.01), source: .upload, enrolledAt: Fixture.t0),
                    accountID: "acc_a"
                )
            }
            let deletedAt = Fixture.t0.addingTimeInterval(100)
            _ = try await store.softDeleteEvent(id: "evt_1", accountID: "acc_a", at: deletedAt)
            #expect(try await store.eraseFaces(ofEventsDeletedAtOrBefore: deletedAt.addingTimeInterval(-1)) == 0)
            #expect(try await store.eraseFaces(ofEventsDeletedAtOrBefore: deletedAt) == 1)
            #expect(try await store.eraseFaces(ofEventsDeletedAtOrBefore: deletedAt) == 0)
            #expect(try await store.faces(eventID: "evt_1").faces.isEmpty)
            #expect(try await store.faces(eventID: "evt_2").faces.count == 1)
        }
    }
}
