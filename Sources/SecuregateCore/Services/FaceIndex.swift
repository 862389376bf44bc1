/// The enrolled faces of recently used events, held in memory as one contiguous matrix per event and searched
/// with SIMD arithmetic. An event's entry is reloaded when its face generation in the store has changed, so
/// several server instances over one database stay correct.
public actor FaceIndex {
    /// One event's faces: `descriptors` holds `inviteIDs.count` rows of 128 floats, row after row.
    public struct Entry: Sendable {
        public let generation: Int64
        public let inviteIDs: [String]
        public let descriptors: [SIMD16<Float>]

        public init(generation: Int64, faces: [(inviteID: String, descriptor: FaceDescriptor)]) {
            self.generation = generation
            self.inviteIDs = faces.map(\.inviteID)
            var rows: [SIMD16<Float>] = []
            rows.reserveCapacity(faces.count * Self.chunks)
            for face in faces {
                for chunk in 0..<Self.chunks {
                    rows.append(SIMD16(face.descriptor.values[(chunk * 16)..<(chunk * 16 + 16)]))
                }
            }
            self.descriptors = rows
        }

        static let chunks = FaceDescriptor.length / 16

        /// The nearest face to `descriptor`, or `nil` when the event has none.
        public func nearest(to descriptor: FaceDescriptor) -> FaceMatch? {
            guard !inviteIDs.isEmpty else { return nil }
            var probe: [SIMD16<Float>] = []
            for chunk in 0..<Self.chunks {
                probe.append(SIMD16(descriptor.values[(chunk * 16)..<(chunk * 16 + 16)]))
            }
            var best = Float.infinity
            var bestRow = 0
            descriptors.withUnsafeBufferPointer { rows in
                probe.withUnsafeBufferPointer { probe in
                    for row in 0..<inviteIDs.count {
                        var sum = SIMD16<Float>()
                        let base = row * Self.chunks
                        for chunk in 0..<Self.chunks {
                            let difference = rows[base + chunk] - probe[chunk]
                            sum += difference * difference
                        }
                        let squared = sum.sum()
                        if squared < best {
                            best = squared
                            bestRow = row
                        }
                    }
                }
            }
            return FaceMatch(inviteID: inviteIDs[bestRow], distance: best.squareRoot())
        }
    }

    private let store: any FaceStore
    private let capacity: Int
    private var entries: [String: Entry] = [:]
    /// Event ids, least recently used first.
    private var recency: [String] = []

    /// An index over `store` holding at most `capacity` events.
    public init(store: any FaceStore, capacity: Int = 64) {
        self.store = store
        self.capacity = max(1, capacity)
    }

    /// The nearest enrolled face of the event to `descriptor`, read from memory when the event's faces are
    /// unchanged since they were loaded.
    public func nearest(to descriptor: FaceDescriptor, eventID: String) async throws -> FaceMatch? {
        try await entry(eventID: eventID).nearest(to: descriptor)
    }

    /// The event's current entry, loaded or reloaded when its generation moved.
    public func entry(eventID: String) async throws -> Entry {
        let generation = try await store.faceGeneration(eventID: eventID)
        if let entry = entries[eventID], entry.generation == generation {
            touch(eventID)
            return entry
        }
        let loaded = try await store.faces(eventID: eventID)
        let entry = Entry(generation: loaded.generation, faces: loaded.faces)
        entries[eventID] = entry
        touch(eventID)
        while recency.count > capacity {
            entries[recency.removeFirst()] = nil
        }
        return entry
    }

    private func touch(_ eventID: String) {
        recency.removeAll { $0 == eventID }
        recency.append(eventID)
    }
}
