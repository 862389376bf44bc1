import Foundation
import SecuregateCore

/// Builders of domain values for the contract tests.
enum Fixture {
    static let t0 = Date(timeIntervalSince1970: 1_767_225_600)

    static func event(_ id: String, account: String, deleted: Bool = false) -> Event {
        Event(
            id: id, accountID: account, title: "Event \(id)", description: "", instructions: "", imageURL: nil,
            location: Location(city: "Paris"), startTimestamp: 1_900_000_000, endTimestamp: 1_900_003_600, type: .dated,
            isDeleted: deleted, createdAt: t0, updatedAt: t0
        )
    }

    static func invite(_ id: String, event: String, account: String, email: String, code: String? = nil) -> Invite {
        Invite(
            id: id, eventID: event, accountID: account, firstName: "F", lastName: "L", email: email, countryCode: .unitedKingdom,
            mobileNumber: "7700900000", authenticationMethod: .qrCode, sessionCode: code ?? "CODE-\(id)", sessionID: "ses-\(id)",
            createdAt: t0, updatedAt: t0, status: .pending, onboardingFlowType: .onlyAuth
        )
    }

    static func message(_ id: String, invite: String, account: String) -> OutboxMessage {
        OutboxMessage(
            id: id, accountID: account, inviteID: invite, channel: .email, recipient: "a@x.io",
            createdAt: t0
        )
    }

    /// Two accounts, "acc_a" and "acc_b", so that rows have owners.
    static func accounts(in store: any SecuregateStore) async throws {
        _ = try await store.ensureAccount(name: "A", newID: "acc_a", at: t0)
        _ = try await store.ensureAccount(name: "B", newID: "acc_b", at: t0)
    }
}
