import Foundation

/// The metric handles of one name, one per set of label values, made on first use and kept: the registry's
/// lookup by name and labels is left out of every request.
final class LabelledMetrics<Key: Hashable & Sendable, Handle: Sendable>: @unchecked Sendable {
    // Guards `handles`.
    private let lock = NSLock()
    private var handles: [Key: Handle] = [:]
    private let make: @Sendable (Key) -> Handle

    init(_ make: @escaping @Sendable (Key) -> Handle) {
        self.make = make
    }

    /// The handle for `key`, made now when it is the first.
    subscript(key: Key) -> Handle {
        lock.withLock {
            if let handle = handles[key] { return handle }
            let handle = make(key)
            handles[key] = handle
            return handle
        }
    }
}
