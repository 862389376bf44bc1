import Foundation

/// A Twilio-compatible Messages API: `https://ACCOUNT_SID:AUTH_TOKEN@HOST[:PORT][/PREFIX]`; messages are posted
/// to `…/2010-04-01/Accounts/{AccountSid}/Messages.json` with basic auth. Plain `http://` is for a gateway on
/// the same machine. SID and token are percent-decoded once.
public struct SMSGatewaySettings: Sendable, Equatable, CustomStringConvertible {
    /// Where messages are posted.
    public var endpoint: String
    public var accountSID: String
    public var authToken: String
    /// The sender: a number in E.164 form, an alphanumeric sender id, or a messaging service (`MG…`).
    public var from: String
    /// How long one request may take.
    public var timeoutSeconds: Int64 = 30
    /// How long a connection may take to open, the attempts the client makes when it is refused included.
    public var connectTimeoutSeconds: Int64 = 10

    /// Parses the URL; `nil` when it is not an http(s) URL with an account SID and a token.
    public init?(url text: String, from: String) {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
              scheme == "https" || scheme == "http", let host = components.percentEncodedHost, !host.isEmpty,
              let sid = components.percentEncodedUser?.removingPercentEncoding, !sid.isEmpty,
              let token = components.percentEncodedPassword?.removingPercentEncoding, !token.isEmpty,
              components.query == nil,
              let escapedSID = sid.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"]))
        else { return nil }
        var prefix = components.percentEncodedPath
        while prefix.hasSuffix("/") { prefix.removeLast() }
        let port = components.port.map { ":\($0)" } ?? ""
        endpoint = "\(scheme)://\(host)\(port)\(prefix)/2010-04-01/Accounts/\(escapedSID)/Messages.json"
        accountSID = sid
        authToken = token
        self.from = from
    }

    /// The `Authorization` header's value.
    var authorization: String {
        "Basic \(Data("\(accountSID):\(authToken)".utf8).base64EncodedString())"
    }

    /// Whether `from` names a messaging service, which Twilio takes as `MessagingServiceSid` instead of `From`.
    var fromIsMessagingService: Bool {
        from.hasPrefix("MG") && from.count == 34
    }

    /// The endpoint without the token, for logs.
    public var description: String { endpoint }
}
