import SQLKit

extension SQLInsertBuilder {
    /// Inserts these rows, each value bound, in the order of the builder's columns.
    @discardableResult
    func valueRows(_ rows: [[any Encodable & Sendable]]) -> Self {
        insert.valueQuery = SQLValueRows(rows: rows)
        return self
    }
}
