import SQLKit

/// `VALUES (…), (…)` for a multi-row insert, each value a bound parameter, set as an `SQLInsert`'s value query.
/// SQLKit's own form wraps every value in an expression that is boxed, serialized and asked for its
/// placeholder one by one: most of a 10 000-invite batch's statement building. Here, when the dialect's
/// placeholder is the same at every position (SQLite's `?`), a row's text is built once; otherwise (PostgreSQL's
/// `$n`) each placeholder is still asked for, so every dialect gets its own.
struct SQLValueRows: SQLExpression {
    let rows: [[any Encodable & Sendable]]

    func serialize(to serializer: inout SQLSerializer) {
        guard let width = rows.first?.count else { return }
        precondition(rows.allSatisfy { $0.count == width }, "every row has as many values as the first")
        serializer.write("VALUES ")
        if let placeholder = Self.constantPlaceholder(serializer.database) {
            let row = "(" + Array(repeating: placeholder, count: width).joined(separator: ", ") + ")"
            for (index, values) in rows.enumerated() {
                if index > 0 { serializer.write(", ") }
                serializer.write(row)
                serializer.binds.append(contentsOf: values)
            }
        } else {
            for (index, values) in rows.enumerated() {
                serializer.write(index > 0 ? ", (" : "(")
                for (position, value) in values.enumerated() {
                    if position > 0 { serializer.write(", ") }
                    serializer.write(bind: value)
                }
                serializer.write(")")
            }
        }
    }

    /// The database's placeholder when it does not depend on the position, else nil.
    private static func constantPlaceholder(_ database: any SQLDatabase) -> String? {
        let first = text(of: database.dialect.bindPlaceholder(at: 1), database)
        return first == text(of: database.dialect.bindPlaceholder(at: 2), database) ? first : nil
    }

    private static func text(of expression: any SQLExpression, _ database: any SQLDatabase) -> String {
        var serializer = SQLSerializer(database: database)
        expression.serialize(to: &serializer)
        return serializer.sql
    }
}
