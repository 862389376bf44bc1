/// What a console session remembers: the admin key it was begun with, which every action is done as.
public struct ConsoleSession: Codable, Sendable, Equatable {
    public var keyID: String

    public init(keyID: String) {
        self.keyID = keyID
    }
}
