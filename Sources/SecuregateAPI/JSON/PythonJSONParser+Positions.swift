extension PythonJSONParser {
    func failure(_ message: String, at byteOffset: Int) -> JSONDecodeFailure {
        JSONDecodeFailure(message: message, position: Self.scalarCount(bytes[..<min(byteOffset, bytes.count)]))
    }

    /// The number of Unicode scalars in valid UTF-8 bytes: Python's string index at that byte offset.
    static func scalarCount(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return nil }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }
}
