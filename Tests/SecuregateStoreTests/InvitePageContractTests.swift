import Foundation
import SecuregateCore
import SecuregateTestSupport
import Testing

/// The guest list's pages, part of the store contract, run on every backend: a place in the list, a status,
/// and a search of names and emails in which `%`, `_` and `\` are themselves.
struct InvitePageContractTests {
    @Test(arguments: StoreBackend.available)
    func pagesStartAfterOrEndBeforeAPlaceWithTheirFilters(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            try await Fixture.accounts(in: store)
            try await store.insertEvent(Fixture.event("evt_1", account: "acc_a"))
            try await store.insertEvent(Fixture.event("evt_2", account: "acc_b"))
            let emails = ["ada_l@x.io", "adamo@x.io", "100%@x.io", "back\\slash@x.io", "Bob@Y.io", "carol@x.io", "dan@x.io"]
            var invites = emails.enumerated().map { Fixture.invite("inv_\($0.offset)", event: "evt_1", account: "acc_a", email: $0.element) }
            invites[4].firstName = "Robert"
            invites[4].lastName = "Tables"
            invites[5].status = .accepted
            invites[6].status = .accepted
            _ = try await store.createInvites(invites, history: [], messages: [], eventID: "evt_1", accountID: "acc_a")
            _ = try await store.createInvites(
                [Fixture.invite("inv_other", event: "evt_2", account: "acc_b", email: "ada_l@x.io")], history: [], messages: [], eventID: "evt_2", accountID: "acc_b"
            )
            func ids(_ query: InviteQuery) async throws -> [String] {
                try await store.invites(eventID: "evt_1", accountID: "acc_a", query: query).map(\.id)
            }
            // One more than the limit is read, so the caller knows there is a next page.
            #expect(try await ids(InviteQuery(limit: 3)) == ["inv_0", "inv_1", "inv_2", "inv_3"])
            #expect(try await ids(InviteQuery(position: .after("inv_2"), limit: 3)) == ["inv_3", "inv_4", "inv_5", "inv_6"])
            #expect(try await ids(InviteQuery(position: .before("inv_5"), limit: 3)) == ["inv_4", "inv_3", "inv_2", "inv_1"])
            #expect(try await ids(InviteQuery(status: .accepted, limit: 10)) == ["inv_5", "inv_6"])
            #expect(try await ids(InviteQuery(status: .accepted, position: .after("inv_5"), limit: 10)) == ["inv_6"])
            // Search: names (first and last together) and emails, any case; wildcards are literal.
            #expect(try await ids(InviteQuery(search: " ROBERT T ", limit: 10)) == ["inv_4"])
            #expect(try await ids(InviteQuery(search: "y.IO", limit: 10)) == ["inv_4"])
            #expect(try await ids(InviteQuery(search: "a_l", limit: 10)) == ["inv_0"], "`_` is not any character (adamo)")
            #expect(try await ids(InviteQuery(search: "0%", limit: 10)) == ["inv_2"])
            #expect(try await ids(InviteQuery(search: "k\\s", limit: 10)) == ["inv_3"])
            #expect(try await ids(InviteQuery(search: "   ", limit: 10)).count == 7, "a blank search finds everyone")
            #expect(try await ids(InviteQuery(status: .accepted, search: "carol", limit: 10)) == ["inv_5"])
            // Invites by id: the account's only.
            let some = try await store.invites(ids: ["inv_6", "inv_1", "inv_other", "inv_none"], accountID: "acc_a").map(\.id).sorted()
            #expect(some == ["inv_1", "inv_6"])
            #expect(try await store.invites(ids: [], accountID: "acc_a").isEmpty)
            // Another account's event is not found, whatever the query.
            await #expect(throws: SecuregateError.eventNotFound) {
                try await store.invites(eventID: "evt_2", accountID: "acc_a", query: InviteQuery())
            }
        }
    }

    @Test func aPageKnowsItsNeighbours() {
        func invites(_ ids: [Int]) -> [Invite] { ids.map { Fixture.invite("inv_\($0)", event: "e", account: "a", email: "\($0)@x.io") } }
        let first = InvitePage(read: invites([1, 2, 3]), for: InviteQuery(limit: 2))
        #expect(first.invites.map(\.id) == ["inv_1", "inv_2"] && first.previousBefore == nil && first.nextAfter == "inv_2")
        let last = InvitePage(read: invites([3]), for: InviteQuery(position: .after("inv_2"), limit: 2))
        #expect(last.invites.map(\.id) == ["inv_3"] && last.previousBefore == "inv_3" && last.nextAfter == nil)
        let back = InvitePage(read: invites([2, 1]), for: InviteQuery(position: .before("inv_3"), limit: 2))
        #expect(back.invites.map(\.id) == ["inv_1", "inv_2"] && back.previousBefore == nil && back.nextAfter == "inv_2")
        let middle = InvitePage(read: invites([4, 3, 2]), for: InviteQuery(position: .before("inv_5"), limit: 2))
        #expect(middle.invites.map(\.id) == ["inv_3", "inv_4"] && middle.previousBefore == "inv_3" && middle.nextAfter == "inv_4")
    }
}
