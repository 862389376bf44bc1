import Testing

@testable import SecuregateAPI

/// pydantic v2's lax rules for integers and booleans; expected values were produced by pydantic 2.13.
struct LaxValidationTests {
    func int(_ input: JSONValue) -> (Int?, [String]) {
        var errors: [ValidationIssue] = []
        let value = Int.validate(input, at: ["x"], into: &errors)
        return (value, errors.map(\.type))
    }

    func bool(_ input: JSONValue) -> (Bool?, [String]) {
        var errors: [ValidationIssue] = []
        let value = Bool.validate(input, at: ["x"], into: &errors)
        return (value, errors.map(\.type))
    }

    @Test func integersAcceptWhatPydanticAccepts() {
        let accepted: [(JSONValue, Int)] = [
            (7, 7), (true, 1), (2.0, 2), (-0.0, 0), ("1677609600", 1_677_609_600), (" 12 ", 12), ("1.0", 1), ("1.00", 1),
            ("1_000", 1000), ("+5", 5), ("-1.0", -1), ("00012", 12), ("\t7\n", 7), ("\u{a0}7", 7), ("1_0.0", 10),
        ]
        for (input, expected) in accepted {
            #expect(int(input).0 == expected, "\(input)")
            #expect(int(input).1.isEmpty, "\(input)")
        }
    }

    @Test func integersRefuseWithPydanticsErrorType() {
        let refused: [(JSONValue, String)] = [
            ("abc", "int_parsing"), ("1.5", "int_parsing"), ("1.", "int_parsing"), (".5", "int_parsing"),
            ("0x10", "int_parsing"), ("1__0", "int_parsing"), ("_1", "int_parsing"), ("1_", "int_parsing"),
            ("", "int_parsing"), ("1e3", "int_parsing"), ("١٢", "int_parsing"), ("1.0_0", "int_parsing"),
            (1.5, "int_from_float"), (.float(.infinity), "finite_number"), (.float(.nan), "finite_number"),
            (1e20, "int_parsing_size"), (.bigInt("123456789012345678901234567890"), "int_parsing_size"),
            ("9223372036854775808", "int_parsing_size"), (nil, "int_type"), ([1], "int_type"),
        ]
        for (input, type) in refused {
            #expect(int(input).0 == nil, "\(input)")
            #expect(int(input).1 == [type], "\(input)")
        }
    }

    @Test func booleansFollowPydantic() {
        let accepted: [(JSONValue, Bool)] = [
            (true, true), ("t", true), ("F", false), ("Y", true), ("n", false), ("ON", true), ("off", false),
            ("1", true), ("0", false), ("TRUE", true), (0, false), (1, true), (0.0, false), (1.0, true),
        ]
        for (input, expected) in accepted {
            #expect(bool(input).0 == expected, "\(input)")
        }
        let refused: [(JSONValue, String)] = [
            ("maybe", "bool_parsing"), ("true ", "bool_parsing"), ("", "bool_parsing"), (2, "bool_parsing"),
            (-1, "bool_parsing"), (2.0, "bool_parsing"), (0.5, "bool_type"), (nil, "bool_type"), ([], "bool_type"),
        ]
        for (input, type) in refused {
            #expect(bool(input).1 == [type], "\(input)")
        }
    }

    @Test func titlesFollowPythonsTitleCase() {
        #expect(pythonTitle("first_name") == "First Name")
        #expect(pythonTitle("imageUrl") == "Imageurl")
        #expect(pythonTitle("zipCode") == "Zipcode")
        #expect(pythonTitle("Response_create_invites_events__event_id__invites_post")
            == "Response Create Invites Events  Event Id  Invites Post")
    }
}
