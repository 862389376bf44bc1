extension Array where Element: Sendable {
    /// `transform` applied to every element, at most `limit` at once; the results in completion order.
    func concurrentMap<T: Sendable>(limit: Int, _ transform: @escaping @Sendable (Element) async throws -> T) async throws -> [T] {
        try await withThrowingTaskGroup(of: T.self) { group in
            var results: [T] = []
            results.reserveCapacity(count)
            var next = makeIterator()
            for _ in 0..<Swift.max(1, limit) {
                guard let element = next.next() else { break }
                group.addTask { try await transform(element) }
            }
            while let result = try await group.next() {
                results.append(result)
                if let element = next.next() { group.addTask { try await transform(element) } }
            }
            return results
        }
    }
}
