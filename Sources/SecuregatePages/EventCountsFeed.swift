import Foundation
import SecuregateCore

/// The live counts of the events whose pages are open (door pages, the console's event pages). While anyone
/// watches an event, one reader asks the database for its counts every `interval` and hands them to every
/// watcher; nobody watching, nothing is read. The database is where scans meet, so a scan on any server
/// instance, SQLite or PostgreSQL, reaches every page within about `interval`.
public final class EventCountsFeed: @unchecked Sendable {
    /// What the pages show.
    struct Counts: Equatable, Sendable {
        let inside: Int
        let accepted: Int
    }

    /// Reads an event's counts as `principal`.
    typealias Reader = @Sendable (_ eventID: String, _ principal: Principal) async throws -> Counts

    /// One page's subscription: its counts, and how to end it.
    struct Watch: Sendable {
        let counts: AsyncStream<Counts>
        let end: @Sendable () -> Void
    }

    private struct Watched {
        var principal: Principal
        var watchers: [UUID: AsyncStream<Counts>.Continuation] = [:]
        var latest: Counts?
        /// Tells this event's reader from one that an earlier set of watchers had.
        var generation: UUID
    }

    private let read: Reader
    private let interval: Duration
    private let lock = NSLock()
    private var events: [String: Watched] = [:]

    init(interval: Duration = .seconds(1), read: @escaping Reader) {
        self.interval = interval
        self.read = read
    }

    /// Counts of people inside and invites accepted, read through `events` as the watcher.
    public convenience init(events: EventService) {
        self.init { eventID, principal in
            let event = try await events.get(eventID, for: principal)
            return Counts(inside: event.inviteStats.checkedIn, accepted: event.inviteStats.accepted)
        }
    }

    /// Counts for `eventID` every `interval` (the latest known at once), until the watch ends.
    func watch(eventID: String, as principal: Principal) -> Watch {
        let (stream, continuation) = AsyncStream<Counts>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = UUID()
        let newReader: UUID? = lock.withLock {
            var watched = events[eventID] ?? Watched(principal: principal, generation: UUID())
            let isNew = watched.watchers.isEmpty
            watched.watchers[id] = continuation
            if let latest = watched.latest { continuation.yield(latest) }
            events[eventID] = watched
            return isNew ? watched.generation : nil
        }
        continuation.onTermination = { [weak self] _ in self?.leave(eventID, id) }
        if let generation = newReader {
            Task { await self.poll(eventID, generation: generation) }
        }
        return Watch(counts: stream) { continuation.finish() }
    }

    /// How many events are being read: for tests.
    var watchedEvents: Int { lock.withLock { events.count } }

    private func leave(_ eventID: String, _ id: UUID) {
        lock.withLock {
            events[eventID]?.watchers[id] = nil
            if events[eventID]?.watchers.isEmpty == true { events[eventID] = nil }
        }
    }

    /// Reads the event's counts until its last watcher leaves.
    private func poll(_ eventID: String, generation: UUID) async {
        while let principal = lock.withLock({ events[eventID]?.generation == generation ? events[eventID]?.principal : nil }) {
            // A failed read (the database restarting) keeps the last counts; the next tick tries again.
            if let counts = try? await read(eventID, principal) {
                let watchers = lock.withLock { () -> [AsyncStream<Counts>.Continuation] in
                    guard events[eventID]?.generation == generation else { return [] }
                    events[eventID]?.latest = counts
                    return events[eventID].map { Array($0.watchers.values) } ?? []
                }
                for watcher in watchers { watcher.yield(counts) }
            }
            try? await Task.sleep(for: interval)
        }
    }
}
