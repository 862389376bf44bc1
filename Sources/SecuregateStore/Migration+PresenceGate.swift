import SQLKit

extension Migration {
    static let presenceGate = Migration(version: 13, name: "presence gate") { db in
        // Where each person came in, so that a second entry is refused with the gate of the first; people
        // inside before this migration keep no gate.
        try await db.alter(table: "presence").column("gate", type: .text).run()
    }
}
