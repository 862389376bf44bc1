import SQLKit

extension Migration {
    static let messageText = Migration(version: 7, name: "message text written when sent") { db in
        // A message's text is rendered from the templates when it is sent, with the event as it is then; the
        // text once written when it was queued is not kept.
        try await db.alter(table: "outbox_messages").dropColumn("subject").run()
        try await db.alter(table: "outbox_messages").dropColumn("body").run()
    }
}
