import Hummingbird

extension ConsoleRoutes {
    /// An event's routes beyond its page: the guest list, one guest, the CSV import and export, an invite's page,
    /// and the door section.
    func registerGuests<Context>(on pages: RouterGroup<ConsoleRequestContext<Context>>) {
        pages.get("events/{id}/guests") { request, context in try await guestsPage(Self.event(context), request, context) }
        pages.post("events/{id}/guests") { request, context in try await addGuest(Self.event(context), request, context) }
        pages.get("events/{id}/guests/new") { _, context in try await withEvent(Self.event(context), context) { newGuestPage($0, $1) } }
        pages.get("events/{id}/guests.csv") { request, context in try await exportGuests(Self.event(context), request, context) }
        pages.post("events/{id}/guests/actions") { request, context in try await bulkAction(Self.event(context), request, context) }
        pages.get("events/{id}/guests/{invite}") { request, context in try await invitePage(Self.event(context), Self.invite(context), request, context) }
        pages.post("events/{id}/guests/{invite}/status") { request, context in
            try await changeStatus(Self.event(context), Self.invite(context), request, context)
        }
        pages.post("events/{id}/guests/{invite}/resend") { request, context in
            try await resendInvitation(Self.event(context), Self.invite(context), request, context)
        }
        pages.post("events/{id}/guests/{invite}/erase-face") { request, context in
            try await eraseFace(Self.event(context), Self.invite(context), request, context)
        }
        pages.get("events/{id}/guests/{invite}/qr.png") { _, context in try await inviteQR(Self.event(context), Self.invite(context), context) }
        pages.get("events/{id}/door") { request, context in try await doorPage(Self.event(context), request, context) }
        pages.post("events/{id}/door") { request, context in try await pairDoor(Self.event(context), request, context) }
        pages.get("events/{id}/door/ledger") { _, context in try await ledgerRows(Self.event(context), context) }
        pages.post("events/{id}/door/{door}/revoke") { request, context in
            try await revokeDoor(Self.event(context), context.parameters.get("door") ?? "", request, context)
        }
        pages.get("events/{id}/import") { _, context in try await importPage(Self.event(context), context) }
        pages.post("events/{id}/import") { request, context in try await readImport(Self.event(context), request, context) }
        pages.get("events/{id}/import/{upload}") { _, context in
            try await importProgressPage(Self.event(context), context.parameters.get("upload") ?? "", context)
        }
        pages.post("events/{id}/import/{upload}") { request, context in
            try await runImport(Self.event(context), context.parameters.get("upload") ?? "", request, context)
        }
    }

    /// The event id of a console path.
    static func event<Context>(_ context: ConsoleRequestContext<Context>) -> String { context.parameters.get("id") ?? "" }
    /// The invite id of a console path.
    static func invite<Context>(_ context: ConsoleRequestContext<Context>) -> String { context.parameters.get("invite") ?? "" }
}
