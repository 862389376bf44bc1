import Foundation
import Testing

@testable import SecuregateAPI

struct JSONWriterTests {
    func written(_ value: JSONValue) -> String {
        var writer = JSONWriter()
        writer.value(value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test func writesCompactJSONAsPythonDumps() {
        let value: JSONValue = ["a": [1, 2.5, true, nil], "b": ["c": "d"], "e": [], "f": [:]]
        #expect(written(value) == #"{"a":[1,2.5,true,null],"b":{"c":"d"},"e":[],"f":{}}"#)
    }

    @Test func escapesAsPythonWithoutEnsureASCII() {
        #expect(written("q\"b\\n\n\r\t\u{08}\u{0C}\u{01}é日") == #""q\"b\\n\n\r\t\b\f\u0001é日""#)
    }

    @Test func escapesAtEitherEndAndInRuns() {
        #expect(written("") == #""""#)
        #expect(written("\"") == #""\"""#)
        #expect(written("\n\nab\"\"c\\") == #""\n\nab\"\"c\\""#)
        #expect(written("\u{1F}x\u{7F}\u{00}") == "\"\\u001fx\u{7F}\\u0000\"")
        #expect(written(.string(String(repeating: "plain é ", count: 40))) == "\"" + String(repeating: "plain é ", count: 40) + "\"")
    }

    @Test func arrayPiecesJoinIntoTheWholeDocument() {
        let values = (0..<1_000).map { "value \($0) \"quoted\"" }
        var whole = JSONWriter()
        values.write(to: &whole)
        var chunks = JSONChunks(values, size: 100)
        var pieces: [[UInt8]] = []
        while let piece = chunks.next() { pieces.append(piece) }
        #expect(pieces.count > 100)
        #expect(pieces.dropLast().allSatisfy { $0.count >= 100 })
        #expect(Array(pieces.joined()) == whole.bytes)
        var empty = JSONChunks([String](), size: 100)
        #expect(empty.next() == Array("[]".utf8))
        #expect(empty.next() == nil)
    }

    @Test func writesFloatsAsPythonRepr() {
        #expect(written([1.0, 1.5, 1e16, 1e-5, 0.0001, 123456789.125]) == "[1.0,1.5,1e+16,1e-05,0.0001,123456789.125]")
    }

    @Test func formatsTimesAsRFC3339UTC() {
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1_677_663_000)) == "2023-03-01T09:30:00Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 0.9)) == "1970-01-01T00:00:00Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 4_102_444_799)) == "2099-12-31T23:59:59Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
    }
}
