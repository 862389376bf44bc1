/// A door's pairing link, kept (with the session's persisted values) for as long as the link works, so that
/// the console can show it again after the redirect that follows **Pair a new door**. Only the account that
/// made it can read it back.
struct ConsolePairing: Codable, Sendable, Equatable {
    var accountID: String
    var url: String

    /// The persisted values' key of a door's pairing link.
    static func key(_ doorID: String) -> String { "console.pairing.\(doorID)" }
}
