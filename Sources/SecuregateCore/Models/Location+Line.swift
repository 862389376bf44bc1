import Foundation

extension Location {
    /// The place on one line: its parts that are not empty, joined by commas.
    public var line: String {
        [address, city, state, zipCode, country].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }.joined(separator: ", ")
    }
}
