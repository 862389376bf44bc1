/// Where the data lives, as given to `--database`: `sqlite:PATH[?synchronous=full]` (the embedded default) or a
/// PostgreSQL URL.
public enum DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String, synchronous: SQLiteSynchronous = .normal)
    case postgres(PostgresURL)

    /// The embedded default: `securegate.db` in the working directory.
    public static let defaultURL = DatabaseURL.sqlite(path: "securegate.db")

    /// Parses `sqlite:PATH` (also `sqlite://PATH`) or `postgres://…`; throws for anything else.
    public init(parsing text: String) throws {
        if let postgres = PostgresURL(text) {
            self = .postgres(postgres)
            return
        }
        for prefix in ["sqlite://", "sqlite:"] where text.hasPrefix(prefix) {
            var path = String(text.dropFirst(prefix.count))
            var synchronous = SQLiteSynchronous.normal
            if let query = path.range(of: "?synchronous=") {
                guard let mode = SQLiteSynchronous(rawValue: String(path[query.upperBound...]).lowercased()) else { break }
                synchronous = mode
                path = String(path[..<query.lowerBound])
            }
            guard !path.isEmpty else { break }
            self = .sqlite(path: path, synchronous: synchronous)
            return
        }
        throw StoreError.unsupportedDatabaseURL(text)
    }

    public var description: String {
        switch self {
        case .sqlite(let path, .normal): "sqlite:\(path)"
        case .sqlite(let path, let synchronous): "sqlite:\(path)?synchronous=\(synchronous.rawValue)"
        case .postgres(let url): url.description
        }
    }
}

/// How SQLite syncs its write-ahead log to disk.
public enum SQLiteSynchronous: String, Sendable, Equatable {
    /// Syncs at checkpoints: an acknowledged write survives a crash of the process, not always a power failure.
    case normal
    /// Syncs every commit: an acknowledged write survives a power failure too, at the cost of one fsync a write.
    case full
}
