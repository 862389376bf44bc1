import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

/// SQLKit's view of an `SQLiteHandle`: the same builders and dialect as SQLiteKit's, executed in the calling
/// task without leaving it.
struct SQLiteDirectDatabase: SQLDatabase {
    let handle: SQLiteHandle
    let logger: Logger
    // Asked for only by SQLKit's future-based calls; not picked for every read and write.
    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { nil }

    private static let encoder = SQLiteDataEncoder()
    private static let decoder = SQLiteDataDecoder()

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        do {
            try run(query, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try run(query, onRow)
    }

    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> ()) throws {
        let (sql, binds) = serialize(query)
        let data = try binds.map(Self.data)
        try handle.run(sql, data) { columns, values in
            onRow(SQLiteDirectRow(columns: columns, values: values, decoder: Self.decoder))
        }
    }

    /// A bind as SQLite's value: text and integers (nearly every bind) directly, the rest through SQLiteKit's
    /// encoder, which first looks for a protocol conformance (a search costlier than these two type checks).
    private static func data(_ bind: any Encodable & Sendable) throws -> SQLiteData {
        switch bind {
        case let text as String: .text(text)
        case let integer as Int: .integer(integer)
        default: try encoder.encode(bind)
        }
    }
}

/// One row read by `SQLiteDirectDatabase`.
struct SQLiteDirectRow: SQLRow {
    let columns: [String]
    let values: [SQLiteData]
    let decoder: SQLiteDataDecoder

    var allColumns: [String] { columns }

    func contains(column: String) -> Bool { columns.contains(column) }

    func decodeNil(column: String) throws -> Bool {
        guard let index = columns.firstIndex(of: column) else { return true }
        return values[index] == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let index = columns.firstIndex(of: column) else { throw SQLiteDirectRowError.missingColumn(column) }
        // The store's rows are mostly text and integers: those skip the generic decoder.
        switch values[index] {
        case .text(let text) where D.self == String.self: return text as! D
        case .integer(let integer) where D.self == Int.self: return integer as! D
        default: return try decoder.decode(D.self, from: values[index])
        }
    }
}

enum SQLiteDirectRowError: Error {
    case missingColumn(String)
}
