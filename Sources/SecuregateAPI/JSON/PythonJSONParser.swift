/// Parses JSON exactly as CPython's `json.loads` does: the same accepted inputs (including `NaN`, `Infinity` and
/// integers of any size), the same error messages and the same character offsets, so that a malformed body gets
/// the 422 FastAPI would write.
public struct PythonJSONParser {
    /// How deeply arrays and objects may nest; deeper input is refused instead of exhausting the stack.
    public static let maxDepth = 512

    let bytes: [UInt8]
    private var depth = 0
    /// Where the first lone surrogate escape stands. Python accepts one; no UTF-8 text can carry it, so a document
    /// that is otherwise valid is refused for it, while any other error comes first, as Python reports it.
    var firstLoneSurrogate: Int?

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses a whole document.
    public static func parse(_ data: some Collection<UInt8>) throws(JSONDecodeFailure) -> JSONValue {
        var bytes = Array(data)
        // json.loads(bytes) decodes with utf-8-sig when a byte-order mark leads.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let invalid = Self.firstInvalidUTF8Offset(bytes) {
            throw JSONDecodeFailure(message: "Invalid UTF-8", position: Self.scalarCount(bytes[..<invalid]))
        }
        var parser = PythonJSONParser(bytes: bytes)
        return try parser.document()
    }

    private mutating func document() throws(JSONDecodeFailure) -> JSONValue {
        var i = skipWhitespace(0)
        let value = try valueOrExpecting(at: &i)
        i = skipWhitespace(i)
        if i != bytes.count { throw failure("Extra data", at: i) }
        if let firstLoneSurrogate { throw failure("Lone surrogate in string", at: firstLoneSurrogate) }
        return value
    }

    // MARK: Values

    private mutating func valueOrExpecting(at i: inout Int) throws(JSONDecodeFailure) -> JSONValue {
        guard let value = try scanOnce(at: &i) else { throw failure("Expecting value", at: i) }
        return value
    }

    /// Python's `scan_once`: a value at `i`, or `nil` (its `StopIteration`) when none starts there.
    private mutating func scanOnce(at i: inout Int) throws(JSONDecodeFailure) -> JSONValue? {
        guard i < bytes.count else { return nil }
        switch bytes[i] {
        case UInt8(ascii: "\""):
            return .string(try string(openingQuoteAt: &i))
        case UInt8(ascii: "{"):
            return try object(openingAt: &i)
        case UInt8(ascii: "["):
            return try array(openingAt: &i)
        case UInt8(ascii: "n") where matches("null", at: i):
            i += 4
            return .null
        case UInt8(ascii: "t") where matches("true", at: i):
            i += 4
            return .bool(true)
        case UInt8(ascii: "f") where matches("false", at: i):
            i += 5
            return .bool(false)
        case UInt8(ascii: "N") where matches("NaN", at: i):
            i += 3
            return .float(.nan)
        case UInt8(ascii: "I") where matches("Infinity", at: i):
            i += 8
            return .float(.infinity)
        case UInt8(ascii: "-") where matches("-Infinity", at: i):
            i += 9
            return .float(-.infinity)
        default:
            return number(at: &i)
        }
    }

    private func matches(_ word: StaticString, at i: Int) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        return word.withUTF8Buffer { $0.elementsEqual(bytes[i..<(i + count)]) }
    }

    private func number(at i: inout Int) -> JSONValue? {
        let start = i
        var j = i
        let end = bytes.count
        if j < end, bytes[j] == UInt8(ascii: "-") {
            j += 1
            if j >= end { return nil }
        }
        if isDigit(j), bytes[j] != UInt8(ascii: "0") {
            while isDigit(j) { j += 1 }
        } else if j < end, bytes[j] == UInt8(ascii: "0") {
            j += 1
        } else {
            return nil
        }
        var isFloat = false
        if j + 1 < end, bytes[j] == UInt8(ascii: "."), isDigit(j + 1) {
            isFloat = true
            j += 2
            while isDigit(j) { j += 1 }
        }
        if j + 1 < end, bytes[j] == UInt8(ascii: "e") || bytes[j] == UInt8(ascii: "E") {
            let exponentStart = j
            j += 1
            if j + 1 < end, bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+") { j += 1 }
            while isDigit(j) { j += 1 }
            if isDigit(j - 1) { isFloat = true } else { j = exponentStart }
        }
        let text = String(decoding: bytes[start..<j], as: UTF8.self)
        i = j
        if isFloat { return .float(Double(text) ?? .nan) }
        if let value = Int(text) { return .int(value) }
        return .bigInt(text)
    }

    private func isDigit(_ i: Int) -> Bool {
        i < bytes.count && bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9")
    }

    // MARK: Containers

    private mutating func object(openingAt i: inout Int) throws(JSONDecodeFailure) -> JSONValue {
        try enterContainer(at: i)
        defer { depth -= 1 }
        var object = JSONObject()
        var j = skipWhitespace(i + 1)
        if j < bytes.count, bytes[j] == UInt8(ascii: "}") {
            i = j + 1
            return .object(object)
        }
        while true {
            guard j < bytes.count, bytes[j] == UInt8(ascii: "\"") else {
                throw failure("Expecting property name enclosed in double quotes", at: j)
            }
            let key = try string(openingQuoteAt: &j)
            j = skipWhitespace(j)
            guard j < bytes.count, bytes[j] == UInt8(ascii: ":") else { throw failure("Expecting ':' delimiter", at: j) }
            j = skipWhitespace(j + 1)
            object[key] = try valueOrExpecting(at: &j)
            j = skipWhitespace(j)
            if j < bytes.count, bytes[j] == UInt8(ascii: "}") { break }
            guard j < bytes.count, bytes[j] == UInt8(ascii: ",") else { throw failure("Expecting ',' delimiter", at: j) }
            j = skipWhitespace(j + 1)
        }
        i = j + 1
        return .object(object)
    }

    private mutating func array(openingAt i: inout Int) throws(JSONDecodeFailure) -> JSONValue {
        try enterContainer(at: i)
        defer { depth -= 1 }
        var values: [JSONValue] = []
        var j = skipWhitespace(i + 1)
        if j < bytes.count, bytes[j] == UInt8(ascii: "]") {
            i = j + 1
            return .array(values)
        }
        while true {
            values.append(try valueOrExpecting(at: &j))
            j = skipWhitespace(j)
            if j < bytes.count, bytes[j] == UInt8(ascii: "]") { break }
            guard j < bytes.count, bytes[j] == UInt8(ascii: ",") else { throw failure("Expecting ',' delimiter", at: j) }
            j = skipWhitespace(j + 1)
        }
        i = j + 1
        return .array(values)
    }

    private mutating func enterContainer(at i: Int) throws(JSONDecodeFailure) {
        depth += 1
        if depth > Self.maxDepth { throw failure("Maximum nesting depth exceeded", at: i) }
    }

    private func skipWhitespace(_ i: Int) -> Int {
        var j = i
        while j < bytes.count {
            switch bytes[j] {
            case 0x20, 0x09, 0x0A, 0x0D: j += 1
            default: return j
            }
        }
        return j
    }
}
