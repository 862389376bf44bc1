import Testing

@testable import SecuregateAPI

/// The parser must fail where CPython's `json.loads` fails, with its message and character offset.
/// Expected values were produced by `json.loads` itself.
struct PythonJSONParserTests {
    static let failures: [(input: String, message: String, position: Int)] = [
        ("", "Expecting value", 0),
        ("notjson", "Expecting value", 0),
        (#"{"status":"accepted""#, "Expecting ',' delimiter", 20),
        ("{", "Expecting property name enclosed in double quotes", 1),
        ("[", "Expecting value", 1),
        ("[1", "Expecting ',' delimiter", 2),
        ("[1,", "Expecting value", 3),
        ("[1,]", "Expecting value", 3),
        (#"{"a":1,}"#, "Expecting property name enclosed in double quotes", 7),
        (#"{"a""#, "Expecting ':' delimiter", 4),
        (#"{"a":}"#, "Expecting value", 5),
        (#"{"a" 1}"#, "Expecting ':' delimiter", 5),
        ("{1:2}", "Expecting property name enclosed in double quotes", 1),
        (#""abc"#, "Unterminated string starting at", 0),
        (#""a\x""#, #"Invalid \escape"#, 2),
        (#""\u12""#, #"Invalid \uXXXX escape"#, 2),
        (#""\u12G4""#, #"Invalid \uXXXX escape"#, 2),
        (#"{"é":"ü" x"#, "Expecting ',' delimiter", 9),
        ("\"a\tb\"", "Invalid control character at", 2),
        ("[1] 2", "Extra data", 4),
        ("-", "Expecting value", 0),
        ("01", "Extra data", 1),
        ("1.", "Extra data", 1),
        ("1e", "Extra data", 1),
        ("[-]", "Expecting value", 1),
        ("nul", "Expecting value", 0),
        (#"{"a":1 "b":2}"#, "Expecting ',' delimiter", 7),
        (" \n ", "Expecting value", 3),
        (#""\"#, "Unterminated string starting at", 0),
        (#"["\ud800\u12"]"#, #"Invalid \uXXXX escape"#, 9),
        ("NaNx", "Extra data", 3),
        (#"{"k":"日本語",}"#, "Expecting property name enclosed in double quotes", 11),
    ]

    @Test(arguments: failures.indices)
    func failsLikePython(_ index: Int) {
        let (input, message, position) = Self.failures[index]
        #expect(throws: JSONDecodeFailure(message: message, position: position)) {
            try PythonJSONParser.parse(Array(input.utf8))
        }
    }

    @Test func parsesWhatPythonAccepts() throws {
        let value = try PythonJSONParser.parse(Array(#" {"a": [1, -2.5e3, true, false, null, "x\u00e9\n"], "a": 7, "b": NaN} "#.utf8))
        guard case .object(let object) = value else {
            Issue.record("not an object")
            return
        }
        // A repeated key keeps its first position and its last value, as a Python dict does.
        #expect(object.members.map(\.key) == ["a", "b"])
        #expect(object["a"] == .int(7))
        guard case .float(let nan) = object["b"] else {
            Issue.record("NaN is not a float")
            return
        }
        #expect(nan.isNaN)
        #expect(try PythonJSONParser.parse(Array(#"[-2.5e3, "x\u00e9\n", -Infinity]"#.utf8))
            == .array([.float(-2500), .string("xé\n"), .float(-.infinity)]))
    }

    @Test func keepsIntegersBeyond64BitsAsDigits() throws {
        #expect(try PythonJSONParser.parse(Array("123456789012345678901234567890".utf8)) == .bigInt("123456789012345678901234567890"))
        #expect(try PythonJSONParser.parse(Array("1e400".utf8)) == .float(.infinity))
    }

    @Test func joinsSurrogatePairsAndRefusesLoneSurrogates() throws {
        #expect(try PythonJSONParser.parse(Array(#""\ud83d\ude00""#.utf8)) == .string("😀"))
        #expect(throws: JSONDecodeFailure(message: "Lone surrogate in string", position: 1)) {
            try PythonJSONParser.parse(Array(#""\ud800x""#.utf8))
        }
    }

    @Test func refusesInvalidUTF8AndDeepNesting() {
        #expect(throws: JSONDecodeFailure(message: "Invalid UTF-8", position: 2)) {
            try PythonJSONParser.parse([0x22, 0xC3, 0xA9, 0xFF, 0x22])
        }
        let deep = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        #expect(throws: JSONDecodeFailure(message: "Maximum nesting depth exceeded", position: PythonJSONParser.maxDepth)) {
            try PythonJSONParser.parse(Array(deep.utf8))
        }
    }

    @Test func skipsAByteOrderMark() throws {
        #expect(try PythonJSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == .array([.int(1)]))
    }
}
