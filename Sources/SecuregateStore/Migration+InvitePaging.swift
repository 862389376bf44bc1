import SQLKit

extension Migration {
    static let invitePaging = Migration(version: 15, name: "console lists") { db in
        // The console's guest list reads pages in id order from a place (after or before an invite's id), with
        // or without a status: each page is then a short walk of one of these indexes, however long the list.
        // The status index gains the id and replaces the old one, whose columns are its prefix.
        try await db.create(index: "invites_by_event_id").on("invites").column("event_id").column("id").run()
        try await db.create(index: "invites_by_event_status_id").on("invites").column("event_id").column("status").column("id").run()
        try await db.drop(index: "invites_by_event_status").run()
        // An invite's page lists its scans, newest first.
        try await db.create(index: "checkins_by_invite").on("checkins").column("invite_id").column("id").run()
    }
}
