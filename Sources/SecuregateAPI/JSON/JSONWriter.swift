import Foundation

/// Writes compact JSON the way FastAPI's response does (`json.dumps` with `ensure_ascii=False` and the
/// separators `,` and `:`), straight into bytes.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = []

    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// The bytes written so far, leaving the writer empty but inside the same containers: what follows
    /// continues the same document.
    public mutating func takeBytes() -> [UInt8] {
        var taken: [UInt8] = []
        taken.reserveCapacity(bytes.capacity)
        swap(&taken, &bytes)
        return taken
    }

    // MARK: Containers

    /// Opens an object; members follow through `key(_:)` and a value each.
    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }

    public mutating func endObject() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    public mutating func endArray() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes a member's key; the next value written is its value.
    public mutating func key(_ key: String) {
        separate()
        writeQuoted(key)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    private var afterKey = false

    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = needsComma.indices.last else { return }
        if needsComma[last] {
            bytes.append(UInt8(ascii: ","))
        } else {
            needsComma[last] = true
        }
    }

    // MARK: Scalars

    public mutating func null() {
        separate()
        bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
    }

    public mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func int(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Writes digits verbatim: an integer beyond 64 bits.
    public mutating func rawNumber(_ digits: String) {
        separate()
        bytes.append(contentsOf: digits.utf8)
    }

    /// Writes a float as Python's `repr` does; non-finite values, which JSON cannot carry, as `null`.
    public mutating func float(_ value: Double) {
        separate()
        guard value.isFinite else {
            bytes.append(contentsOf: "null".utf8)
            return
        }
        bytes.append(contentsOf: Self.pythonRepr(value).utf8)
    }

    public mutating func string(_ value: String) {
        separate()
        writeQuoted(value)
    }

    /// Writes JSON text the caller vouches for, verbatim.
    public mutating func raw(_ json: String) {
        separate()
        bytes.append(contentsOf: json.utf8)
    }

    /// Writes any parsed JSON value.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .bigInt(let digits): rawNumber(digits)
        case .float(let d): float(d)
        case .string(let s): string(s)
        case .array(let items):
            beginArray()
            for item in items { self.value(item) }
            endArray()
        case .object(let object):
            beginObject()
            for member in object.members {
                key(member.key)
                self.value(member.value)
            }
            endObject()
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private mutating func writeQuoted(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        // Runs without an escape are copied whole: most strings have none, and a byte-by-byte append cost a
        // twentieth of encoding a 10 000-invite answer.
        s.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices where utf8[index] < 0x20 || utf8[index] == 0x22 || utf8[index] == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                writeEscaped(utf8[index])
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A quote, a backslash or a control character as `json.dumps` escapes it.
    private mutating func writeEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
        case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        default:
            bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 15)]])
        }
    }

    /// Python's `repr(float)`. Swift prints the same shortest round-tripping digits with the same switch to
    /// exponent form (below 1e-4 and from 1e16), so its description is used as it is.
    static func pythonRepr(_ value: Double) -> String {
        "\(value)"
    }
}
