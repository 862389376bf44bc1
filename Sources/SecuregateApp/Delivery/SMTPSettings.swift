import Foundation

/// Where mail goes: `smtp://[USER:PASSWORD@]HOST[:PORT]` (STARTTLS required unless `?starttls=off`, for a
/// local relay; port 587 by default) or `smtps://…` (TLS from the start; port 465). The certificate is verified
/// unless `?tls_verify=off`; `?ca_file=PATH` trusts a private CA. User and password are percent-decoded once.
public struct SMTPSettings: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var implicitTLS: Bool
    public var requireTLS: Bool
    public var verifyTLS: Bool
    public var caFile: String?
    public var username: String?
    public var password: String?
    /// The sender, as `Name <address>` or a bare address.
    public var from: MailAddress
    /// How long one message's exchange with the server may take.
    public var timeoutSeconds: Int = 30

    /// Parses the URL; `nil` when it is not an SMTP URL or has an unknown option value.
    public init?(url text: String, from: MailAddress) {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
              scheme == "smtp" || scheme == "smtps",
              let host = components.percentEncodedHost?.removingPercentEncoding, !host.isEmpty
        else { return nil }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        implicitTLS = scheme == "smtps"
        self.host = host
        port = components.port ?? (implicitTLS ? 465 : 587)
        username = components.percentEncodedUser?.removingPercentEncoding
        password = components.percentEncodedPassword?.removingPercentEncoding
        guard let starttls = Self.flag(query["starttls"]), let verify = Self.flag(query["tls_verify"]) else { return nil }
        requireTLS = implicitTLS || starttls
        verifyTLS = verify
        caFile = query["ca_file"].flatMap { $0.isEmpty ? nil : $0 }
        self.from = from
    }

    /// `on` (the default when absent) or `off`.
    private static func flag(_ value: String?) -> Bool? {
        switch value {
        case nil, "on": true
        case "off": false
        default: nil
        }
    }

    /// The URL libcurl connects to, without credentials.
    var curlURL: String { "\(implicitTLS ? "smtps" : "smtp")://\(host):\(port)" }

    /// The server without the password, for logs.
    public var description: String {
        "\(implicitTLS ? "smtps" : "smtp")://\(username.map { "\($0)@" } ?? "")\(host):\(port)"
    }
}
