/// An array of encodable elements, which can be written in pieces.
public protocol APIEncodableArray: Sendable {
    /// This array's JSON in pieces of about `size` bytes.
    func jsonChunks(size: Int) -> any IteratorProtocol<[UInt8]> & Sendable
}

extension Array: APIEncodableArray where Element: APIEncodable {
    public func jsonChunks(size: Int) -> any IteratorProtocol<[UInt8]> & Sendable {
        JSONChunks(self, size: size)
    }
}
