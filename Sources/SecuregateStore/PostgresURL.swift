import Foundation
import PostgresNIO

/// A PostgreSQL server as `postgres://USER[:PASSWORD]@HOST[:PORT]/DBNAME[?max_connections=N&connect_timeout=S&sslmode=M]`.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    /// The pool's size (per server instance).
    public var maximumConnections: Int
    /// How long to wait for a new connection, in seconds.
    public var connectTimeoutSeconds: Int
    /// `disable`, `prefer` (the default, as libpq) or `require`.
    public var sslMode: String

    /// Parses the URL; `nil` when it is not a PostgreSQL URL or lacks a part.
    public init?(_ text: String) {
        guard let components = URLComponents(string: text),
              components.scheme == "postgres" || components.scheme == "postgresql",
              let host = components.host, !host.isEmpty,
              let username = components.user, !username.isEmpty
        else { return nil }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { return nil }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        self.host = host
        self.port = components.port ?? 5432
        self.username = username.removingPercentEncoding ?? username
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database
        self.maximumConnections = query["max_connections"].flatMap(Int.init) ?? 20
        self.connectTimeoutSeconds = query["connect_timeout"].flatMap(Int.init) ?? 10
        self.sslMode = query["sslmode"] ?? "prefer"
        guard maximumConnections > 0, connectTimeoutSeconds > 0, ["disable", "prefer", "require"].contains(sslMode) else {
            return nil
        }
    }

    var tls: PostgresClient.Configuration.TLS {
        switch sslMode {
        case "disable": .disable
        case "require": .require(.makeClientConfiguration())
        default: .prefer(.makeClientConfiguration())
        }
    }

    /// The whole URL, password included, as `--database` takes it.
    public var connectionString: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = username
        components.password = password
        components.host = host
        components.port = port
        components.path = "/" + database
        components.queryItems = [
            URLQueryItem(name: "max_connections", value: String(maximumConnections)),
            URLQueryItem(name: "connect_timeout", value: String(connectTimeoutSeconds)),
            URLQueryItem(name: "sslmode", value: sslMode),
        ]
        return components.string ?? description
    }

    /// The URL without its password, for logs.
    public var description: String {
        "postgres://\(username)@\(host):\(port)/\(database)"
    }
}
