/// Where the data lives, as given to `--database`: `sqlite:PATH` (the embedded default) or a PostgreSQL URL.
public enum DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
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
            let path = String(text.dropFirst(prefix.count))
            guard !path.isEmpty else { break }
            self = .sqlite(path: path)
            return
        }
        throw StoreError.unsupportedDatabaseURL(text)
    }

    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): url.description
        }
    }
}
