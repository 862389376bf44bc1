import Foundation
import SecuregateCore

/// The events' images, fetched by the server so that a page loads nothing from another origin: through the
/// same fetcher as the faces' image URLs (public addresses only, bounded size and time), kept only when they
/// are JPEG or PNG, and remembered for a while so that a page view does not fetch again.
final class EventImageCache: @unchecked Sendable {
    struct Image {
        var type: String
        var bytes: [UInt8]
    }

    private let fetcher: any ImageFetcher
    private let lifetime: TimeInterval
    private let capacity: Int
    private let lock = NSLock()
    private var entries: [String: (image: Image?, fetchedAt: Date)] = [:]

    init(fetcher: any ImageFetcher, lifetime: TimeInterval = 600, capacity: Int = 64) {
        self.fetcher = fetcher
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The image at `url`, or nil when it cannot be fetched or is not a JPEG or PNG (remembered too, so that a
    /// broken URL is not fetched on every view).
    func image(at url: String, now: Date) async -> Image? {
        if let entry = lock.withLock({ entries[url] }), now.timeIntervalSince(entry.fetchedAt) < lifetime {
            return entry.image
        }
        let image = (try? await fetcher.fetch(url)).flatMap { Self.image(of: $0) }
        lock.withLock {
            if entries.count >= capacity, let oldest = entries.min(by: { $0.value.fetchedAt < $1.value.fetchedAt })?.key {
                entries[oldest] = nil
            }
            entries[url] = (image, now)
        }
        return image
    }

    /// Whether `url` was fetched lately and could not be shown.
    func isKnownBroken(_ url: String, now: Date) -> Bool {
        lock.withLock {
            guard let entry = entries[url], now.timeIntervalSince(entry.fetchedAt) < lifetime else { return false }
            return entry.image == nil
        }
    }

    /// The bytes as an image the page may show: its type from its first bytes, never from the remote server.
    static func image(of data: Data) -> Image? {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return Image(type: "image/jpeg", bytes: bytes) }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return Image(type: "image/png", bytes: bytes) }
        return nil
    }
}
