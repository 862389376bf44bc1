import Foundation
import NIOSSL
import PostgresNIO

/// A PostgreSQL server as `postgres://USER[:PASSWORD]@HOST[:PORT]/DBNAME[?OPTIONS]`, with libpq's meanings.
///
/// Options: `max_connections` (the pool of each instance, default 20), `connect_timeout` (seconds, default 10),
/// `sslmode` (`disable`, `prefer` (default), `require`, `verify-ca`, `verify-full`), `sslrootcert` (a PEM file of
/// the certificates to trust), and `host` (a directory holding the server's Unix socket, as libpq takes it; a
/// host that starts with `/`, percent-encoded in the URL, means the same). User and password are
/// percent-decoded once, so a password may hold `%`, `@` and `:` written as `%25`, `%40` and `%3A`.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    /// The host name or address; for a Unix socket, the directory that holds it.
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    /// The pool's size (per server instance).
    public var maximumConnections: Int
    /// How long to wait for a new connection, in seconds.
    public var connectTimeoutSeconds: Int
    /// libpq's `sslmode`.
    public var sslMode: SSLMode
    /// The certificates to trust instead of the system's, for `verify-ca` and `verify-full` (and `require`,
    /// which then verifies the chain, as libpq does).
    public var sslRootCert: String?

    /// libpq's TLS modes: whether TLS is used, and how much of the server's certificate is checked.
    public enum SSLMode: String, Sendable, CaseIterable {
        /// No TLS.
        case disable
        /// TLS when the server offers it; the certificate is not checked.
        case prefer
        /// TLS always; the certificate is not checked (unless `sslrootcert` is given: then its chain is).
        case require
        /// TLS always; the certificate must chain to a trusted root.
        case verifyCA = "verify-ca"
        /// TLS always; the certificate must chain to a trusted root and name the host.
        case verifyFull = "verify-full"
    }

    /// Whether `host` is a socket directory rather than a network host.
    public var isUnixSocket: Bool { host.hasPrefix("/") }

    /// Parses the URL; `nil` when it is not a PostgreSQL URL, lacks a part or has an unknown option value.
    public init?(_ text: String) {
        guard let components = URLComponents(string: text),
              components.scheme == "postgres" || components.scheme == "postgresql",
              let encodedUser = components.percentEncodedUser, let username = encodedUser.removingPercentEncoding,
              !username.isEmpty
        else { return nil }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { return nil }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        // libpq: a `host` option wins over the URL's host; a socket directory may stand in either place.
        guard let host = query["host"] ?? components.percentEncodedHost?.removingPercentEncoding, !host.isEmpty else {
            return nil
        }
        self.host = host
        self.port = components.port ?? 5432
        self.username = username
        // URLComponents' `password` is decoded already; decoding it again would turn "%41" into "A".
        self.password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        self.database = database
        self.maximumConnections = query["max_connections"].flatMap(Int.init) ?? 20
        self.connectTimeoutSeconds = query["connect_timeout"].flatMap(Int.init) ?? 10
        guard let sslMode = SSLMode(rawValue: query["sslmode"] ?? "prefer") else { return nil }
        self.sslMode = sslMode
        self.sslRootCert = query["sslrootcert"].flatMap { $0.isEmpty ? nil : $0 }
        guard maximumConnections > 0, connectTimeoutSeconds > 0 else { return nil }
    }

    /// The TLS to use: `nil` for none; else whether the server must speak it, and how its certificate is
    /// checked. Throws when `sslrootcert` cannot be read.
    func tlsConfiguration() throws -> (required: Bool, configuration: TLSConfiguration)? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let sslRootCert {
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(sslRootCert))
        }
        switch sslMode {
        case .disable:
            return nil
        case .prefer:
            configuration.certificateVerification = .none
            return (false, configuration)
        case .require:
            configuration.certificateVerification = sslRootCert == nil ? .none : .noHostnameVerification
        case .verifyCA:
            configuration.certificateVerification = .noHostnameVerification
        case .verifyFull:
            configuration.certificateVerification = .fullVerification
        }
        return (true, configuration)
    }

    /// The pool's configuration.
    func clientConfiguration() throws -> PostgresClient.Configuration {
        if isUnixSocket {
            return PostgresClient.Configuration(
                unixSocketPath: socketPath, username: username, password: password, database: database
            )
        }
        let tls: PostgresClient.Configuration.TLS = switch try tlsConfiguration() {
        case nil: .disable
        case let (required, configuration)?: required ? .require(configuration) : .prefer(configuration)
        }
        var client = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls
        )
        client.options.maximumConnections = maximumConnections
        client.options.connectTimeout = .seconds(Int64(connectTimeoutSeconds))
        return client
    }

    /// The configuration of one connection, for the check at start.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        if isUnixSocket {
            return PostgresConnection.Configuration(unixSocketPath: socketPath, username: username, password: password, database: database)
        }
        let tls: PostgresConnection.Configuration.TLS = switch try tlsConfiguration() {
        case nil: .disable
        case let (required, configuration)?:
            required ? .require(try NIOSSLContext(configuration: configuration)) : .prefer(try NIOSSLContext(configuration: configuration))
        }
        var connection = PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls
        )
        connection.options.connectTimeout = .seconds(Int64(connectTimeoutSeconds))
        return connection
    }

    /// libpq's socket directory holds a socket file for each port.
    var socketPath: String { "\(host)/.s.PGSQL.\(port)" }

    /// The whole URL, password included, as `--database` takes it.
    public var connectionString: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.percentEncodedUser = Self.encoded(username)
        components.percentEncodedPassword = password.map(Self.encoded)
        var items = [
            URLQueryItem(name: "max_connections", value: String(maximumConnections)),
            URLQueryItem(name: "connect_timeout", value: String(connectTimeoutSeconds)),
            URLQueryItem(name: "sslmode", value: sslMode.rawValue),
        ]
        if isUnixSocket {
            components.host = "localhost"
            items.append(URLQueryItem(name: "host", value: host))
        } else {
            components.host = host
        }
        components.port = port
        components.path = "/" + database
        if let sslRootCert { items.append(URLQueryItem(name: "sslrootcert", value: sslRootCert)) }
        components.queryItems = items
        return components.string ?? description
    }

    /// `text` with everything but unreserved characters percent-encoded, for the user and password.
    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }

    /// The URL without its password, for logs.
    public var description: String {
        isUnixSocket ? "postgres://\(username)@[\(host)]:\(port)/\(database)" : "postgres://\(username)@\(host):\(port)/\(database)"
    }
}
