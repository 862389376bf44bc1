import SQLKit
import SecuregateCore

extension SQLStore {
    /// How many stripes each (event, status) count is split over.
    static let countStripes = 16

    /// The stripe of an invite: a hash of its id that is the same in every process.
    static func stripe(of inviteID: String) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in inviteID.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return Int(hash % UInt32(countStripes))
    }

    /// One change to a count.
    struct CountChange: Hashable {
        let eventID: String
        let status: InviteStatus
        let stripe: Int
    }

    /// Applies count changes inside the caller's transaction, in one order for every transaction (so two never
    /// wait for each other's rows in opposite orders).
    static func adjustCounts(_ changes: [CountChange: Int], in db: any SQLDatabase) async throws {
        let ordered = changes.filter { $0.value != 0 }.sorted {
            ($0.key.eventID, $0.key.status.rawValue, $0.key.stripe) < ($1.key.eventID, $1.key.status.rawValue, $1.key.stripe)
        }
        // One statement for all of them (a status change is two rows): each statement costs more than a row.
        for chunk in ordered.chunked(500) {
            var query = SQLQueryString("INSERT INTO invite_counts (event_id, status, stripe, n) VALUES ")
            for (index, (change, delta)) in chunk.enumerated() {
                if index > 0 { query += ", " }
                query += "(\(bind: change.eventID), \(bind: change.status.rawValue), \(bind: change.stripe), \(bind: delta))"
            }
            query += " ON CONFLICT (event_id, status, stripe) DO UPDATE SET n = invite_counts.n + excluded.n"
            try await db.raw(query).run()
        }
    }

    /// The count changes of moving one invite from one status to another.
    static func statusChange(inviteID: String, eventID: String, from: InviteStatus, to: InviteStatus) -> [CountChange: Int] {
        let stripe = stripe(of: inviteID)
        return [
            CountChange(eventID: eventID, status: from, stripe: stripe): -1,
            CountChange(eventID: eventID, status: to, stripe: stripe): 1,
        ]
    }
}
