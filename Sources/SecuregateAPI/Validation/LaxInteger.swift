/// pydantic's lax integer rules: integers, whole floats, and strings of digits (with a sign, surrounding white
/// space, single underscores between digits and a `.0…` tail). Values beyond 64 bits are refused as pydantic
/// refuses floats beyond its range, so nothing downstream ever overflows.
enum LaxInteger {
    static func validate(_ input: JSONValue, at loc: [LocPart], into errors: inout [ValidationIssue]) -> Int? {
        switch input {
        case .int(let value):
            return value
        case .bool(let value):
            return value ? 1 : 0
        case .bigInt:
            errors.append(tooLarge(loc, input))
            return nil
        case .float(let value):
            guard value.isFinite else {
                errors.append(.init(type: "finite_number", loc: loc, msg: "Input should be a finite number", input: input))
                return nil
            }
            guard value == value.rounded(.towardZero) else {
                errors.append(.init(
                    type: "int_from_float", loc: loc,
                    msg: "Input should be a valid integer, got a number with a fractional part", input: input
                ))
                return nil
            }
            guard let exact = Int(exactly: value) else {
                errors.append(tooLarge(loc, input))
                return nil
            }
            return exact
        case .string(let text):
            switch parse(text) {
            case .value(let value):
                return value
            case .tooLarge:
                errors.append(tooLarge(loc, input))
            case .invalid:
                errors.append(.init(
                    type: "int_parsing", loc: loc,
                    msg: "Input should be a valid integer, unable to parse string as an integer", input: input
                ))
            }
            return nil
        case .null, .array, .object:
            errors.append(.init(type: "int_type", loc: loc, msg: "Input should be a valid integer", input: input))
            return nil
        }
    }

    private static func tooLarge(_ loc: [LocPart], _ input: JSONValue) -> ValidationIssue {
        .init(
            type: "int_parsing_size", loc: loc,
            msg: "Unable to parse input string as an integer, exceeded maximum size", input: input
        )
    }

    enum Parsed: Equatable {
        case value(Int)
        case tooLarge
        case invalid
    }

    /// Parses a string as pydantic does for an integer field.
    static func parse(_ text: String) -> Parsed {
        var scalars = Substring(text).unicodeScalars.drop(while: { $0.properties.isWhitespace })
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        var negative = false
        if let first = scalars.first, first == "+" || first == "-" {
            negative = first == "-"
            scalars = scalars.dropFirst()
        }
        // A fractional part is allowed only when it is all zeros.
        if let dot = scalars.firstIndex(of: ".") {
            let fraction = scalars[scalars.index(after: dot)...]
            guard !fraction.isEmpty, fraction.allSatisfy({ $0 == "0" }) else { return .invalid }
            scalars = scalars[..<dot]
        }
        var digits = ""
        var previousWasDigit = false
        for scalar in scalars {
            if scalar.isASCII, ("0"..."9").contains(scalar) {
                digits.unicodeScalars.append(scalar)
                previousWasDigit = true
            } else if scalar == "_", previousWasDigit {
                previousWasDigit = false
            } else {
                return .invalid
            }
        }
        guard !digits.isEmpty, previousWasDigit else { return .invalid }
        guard let value = Int(negative ? "-" + digits : digits) else { return .tooLarge }
        return .value(value)
    }
}
