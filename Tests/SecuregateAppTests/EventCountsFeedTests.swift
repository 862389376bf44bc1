import Foundation
import SecuregateCore
@testable import SecuregatePages
import Testing

/// The door pages' live counts: every watcher of an event gets each change, one reader per event whatever
/// the number of pages, and nothing is read once the last page has gone.
struct EventCountsFeedTests {
    /// Counts the reads of each event and answers what `counts` holds.
    final class Source: @unchecked Sendable {
        private let lock = NSLock()
        private var counts = EventCountsFeed.Counts(inside: 0, accepted: 3)
        private(set) var reads: [String: Int] = [:]

        func set(_ value: EventCountsFeed.Counts) { lock.withLock { counts = value } }
        func readCount(_ eventID: String) -> Int { lock.withLock { reads[eventID, default: 0] } }
        func read(_ eventID: String) -> EventCountsFeed.Counts {
            lock.withLock {
                reads[eventID, default: 0] += 1
                return counts
            }
        }
    }

    @Test func everyWatcherGetsEachChangeFromOneReader() async throws {
        let source = Source()
        let feed = EventCountsFeed(interval: .milliseconds(20)) { eventID, _ in source.read(eventID) }
        let principal = Principal(accountID: "a", keyID: "k", scope: .checkin)
        let first = feed.watch(eventID: "evt_1", as: principal)
        let second = feed.watch(eventID: "evt_1", as: principal)
        var firstCounts = first.counts.makeAsyncIterator()
        var secondCounts = second.counts.makeAsyncIterator()
        #expect(await firstCounts.next() == .init(inside: 0, accepted: 3))
        #expect(await secondCounts.next() == .init(inside: 0, accepted: 3))
        source.set(.init(inside: 1, accepted: 3))
        var seen: EventCountsFeed.Counts?
        while seen?.inside != 1 { seen = await firstCounts.next() }
        seen = nil
        while seen?.inside != 1 { seen = await secondCounts.next() }
        #expect(feed.watchedEvents == 1, "one reader for both pages")

        // Both pages gone: the reader stops, and nothing more is read.
        first.end()
        second.end()
        try await Task.sleep(for: .milliseconds(100))
        #expect(feed.watchedEvents == 0)
        let reads = source.readCount("evt_1")
        try await Task.sleep(for: .milliseconds(200))
        #expect(source.readCount("evt_1") <= reads + 1, "no reads once nobody watches")
        // A page that comes later starts a new reader.
        let later = feed.watch(eventID: "evt_1", as: principal)
        var laterCounts = later.counts.makeAsyncIterator()
        #expect(await laterCounts.next() == .init(inside: 1, accepted: 3))
        later.end()
    }
}
