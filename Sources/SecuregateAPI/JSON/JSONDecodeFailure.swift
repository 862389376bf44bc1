/// Why a body is not JSON, in the words and at the position (in characters) that Python's `json` module uses.
public struct JSONDecodeFailure: Error, Sendable, Equatable {
    /// Python's message, e.g. `Expecting value`.
    public var message: String
    /// The offset in characters (Unicode scalars) where decoding failed.
    public var position: Int

    public init(message: String, position: Int) {
        self.message = message
        self.position = position
    }
}
