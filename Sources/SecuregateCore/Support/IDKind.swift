/// The kinds of identifier the server hands out, each with its visible prefix.
public enum IDKind: String, Sendable, CaseIterable {
    case account = "acc"
    case event = "evt"
    case invite = "inv"
    case session = "ses"
    case message = "msg"
    case key = "key"
    case checkin = "chk"
    case webhook = "whk"
    case endpoint = "ep"
    case delivery = "dlv"
    case door = "door"
    /// A CSV file read in the console, between its preview and its import.
    case upload = "upl"
}
