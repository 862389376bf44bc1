/// An array's JSON in pieces of about `size` bytes, each written when it is asked for: a long answer is sent
/// while it is being written, and never held whole.
public struct JSONChunks<Element: APIEncodable>: IteratorProtocol, Sendable {
    private let elements: [Element]
    private let size: Int
    private var index = 0
    private var writer: JSONWriter
    private var finished = false

    public init(_ elements: [Element], size: Int) {
        self.elements = elements
        self.size = size
        self.writer = JSONWriter(capacity: size + size / 4)
        writer.beginArray()
    }

    /// The next piece: whole elements until it reaches `size` bytes, the closing bracket with the last one.
    public mutating func next() -> [UInt8]? {
        guard !finished else { return nil }
        while index < elements.count, writer.bytes.count < size {
            elements[index].write(to: &writer)
            index += 1
        }
        if index == elements.count {
            writer.endArray()
            finished = true
        }
        return writer.takeBytes()
    }
}
