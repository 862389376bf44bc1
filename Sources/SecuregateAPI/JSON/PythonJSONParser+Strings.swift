extension PythonJSONParser {
    /// Python's `scanstring`: the string whose opening quote is at `i`; leaves `i` after the closing quote.
    mutating func string(openingQuoteAt i: inout Int) throws(JSONDecodeFailure) -> String {
        let begin = i
        var j = i + 1
        var chunkStart = j
        var out: [UInt8] = []
        while true {
            while j < bytes.count, bytes[j] != UInt8(ascii: "\""), bytes[j] != UInt8(ascii: "\\") {
                if bytes[j] < 0x20 { throw failure("Invalid control character at", at: j) }
                j += 1
            }
            guard j < bytes.count else { throw failure("Unterminated string starting at", at: begin) }
            if bytes[j] == UInt8(ascii: "\"") {
                if out.isEmpty {
                    i = j + 1
                    return String(decoding: bytes[chunkStart..<j], as: UTF8.self)
                }
                out.append(contentsOf: bytes[chunkStart..<j])
                i = j + 1
                return String(decoding: out, as: UTF8.self)
            }
            out.append(contentsOf: bytes[chunkStart..<j])
            let backslash = j
            j += 1
            guard j < bytes.count else { throw failure("Unterminated string starting at", at: begin) }
            let escape = bytes[j]
            if escape != UInt8(ascii: "u") {
                let decoded: UInt8
                switch escape {
                case UInt8(ascii: "\""): decoded = UInt8(ascii: "\"")
                case UInt8(ascii: "\\"): decoded = UInt8(ascii: "\\")
                case UInt8(ascii: "/"): decoded = UInt8(ascii: "/")
                case UInt8(ascii: "b"): decoded = 0x08
                case UInt8(ascii: "f"): decoded = 0x0C
                case UInt8(ascii: "n"): decoded = 0x0A
                case UInt8(ascii: "r"): decoded = 0x0D
                case UInt8(ascii: "t"): decoded = 0x09
                default: throw failure("Invalid \\escape", at: backslash)
                }
                out.append(decoded)
                j += 1
            } else {
                var scalar = try hex4(afterU: j)
                j += 5
                if (0xD800...0xDBFF).contains(scalar), j + 6 < bytes.count,
                   bytes[j] == UInt8(ascii: "\\"), bytes[j + 1] == UInt8(ascii: "u")
                {
                    let low = try hex4(afterU: j + 1)
                    if (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        j += 6
                    }
                }
                if let unicode = Unicode.Scalar(scalar) {
                    out.append(contentsOf: Array(String(Character(unicode)).utf8))
                } else if firstLoneSurrogate == nil {
                    firstLoneSurrogate = backslash
                }
            }
            chunkStart = j
        }
    }

    /// The four hex digits after the `u` at `u`, as CPython reads them.
    func hex4(afterU u: Int) throws(JSONDecodeFailure) -> UInt32 {
        // CPython needs the four digits and at least one character after them.
        guard u + 5 < bytes.count else { throw failure("Invalid \\uXXXX escape", at: u) }
        var value: UInt32 = 0
        for k in (u + 1)...(u + 4) {
            let c = bytes[k]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: throw failure("Invalid \\uXXXX escape", at: u)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
