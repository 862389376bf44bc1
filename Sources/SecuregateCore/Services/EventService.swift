import Foundation

/// The rules for events: creation, classification in time, statistics and soft deletion.
public struct EventService: Sendable {
    let store: any SecuregateStore
    let time: any TimeSource
    let ids: any IDGenerator

    public init(store: any SecuregateStore, time: any TimeSource, ids: any IDGenerator) {
        self.store = store
        self.time = time
        self.ids = ids
    }

    /// Creates an event owned by the caller's account.
    public func create(_ draft: EventDraft, by principal: Principal) async throws -> Event {
        let now = time.now()
        let event = Event(
            id: ids.makeID(.event), accountID: principal.accountID, title: draft.title,
            description: draft.description, instructions: draft.instructions, imageURL: draft.imageURL,
            location: draft.location, startTimestamp: draft.startTimestamp, endTimestamp: draft.endTimestamp,
            type: draft.type, isDeleted: draft.isDeleted, createdAt: now, updatedAt: now
        )
        try await store.insertEvent(event)
        return event
    }

    /// The caller's events grouped by where they stand now, each group by start, then id.
    public func list(for principal: Principal) async throws -> EventsByStatus {
        let now = time.now()
        var groups = EventsByStatus()
        // Sorted here, not in SQL: a start may be in seconds or in milliseconds.
        let events = try await store.events(accountID: principal.accountID).sorted {
            (Event.seconds(fromTimestamp: $0.startTimestamp), $0.id) < (Event.seconds(fromTimestamp: $1.startTimestamp), $1.id)
        }
        for event in events {
            switch event.status(at: now) {
            case .ongoing: groups.ongoing.append(event)
            case .ended: groups.ended.append(event)
            case .upcoming: groups.upcoming.append(event)
            case .archived: groups.archived.append(event)
            }
        }
        return groups
    }

    /// One of the caller's events with its status and invite counts.
    public func get(_ id: String, for principal: Principal) async throws -> EventWithStats {
        guard let event = try await store.event(id: id, accountID: principal.accountID) else {
            throw SecuregateError.eventNotFound
        }
        let stats = try await store.inviteStats(eventID: event.id)
        return EventWithStats(event: event, status: event.status(at: time.now()), inviteStats: stats)
    }

    /// Replaces what `draft` gives of one of the caller's events (everything but its id, its account, its creation
    /// and whether it is archived); throws `eventNotFound`, or `eventArchived` for an archived event, which
    /// no longer changes.
    public func update(_ id: String, with draft: EventDraft, by principal: Principal) async throws -> Event {
        guard var event = try await store.event(id: id, accountID: principal.accountID) else { throw SecuregateError.eventNotFound }
        guard !event.isDeleted else { throw SecuregateError.eventArchived }
        event.title = draft.title
        event.description = draft.description
        event.instructions = draft.instructions
        event.imageURL = draft.imageURL
        event.location = draft.location
        event.startTimestamp = draft.startTimestamp
        event.endTimestamp = draft.endTimestamp
        event.type = draft.type
        event.updatedAt = time.now()
        // Archived between the read and the write: the archive wins.
        guard let stored = try await store.updateEvent(event) else { throw SecuregateError.eventArchived }
        return stored
    }

    /// Soft-deletes one of the caller's events; deleting it again changes nothing.
    public func delete(_ id: String, for principal: Principal) async throws -> Event {
        guard let event = try await store.softDeleteEvent(id: id, accountID: principal.accountID, at: time.now()) else {
            throw SecuregateError.eventNotFound
        }
        return event
    }
}
