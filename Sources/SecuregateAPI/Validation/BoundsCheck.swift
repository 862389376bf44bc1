/// pydantic's constraint errors for bounded integers and lists.
enum BoundsCheck {
    static func check(_ value: Int, in range: ClosedRange<Int>, at loc: [LocPart], input: JSONValue) -> ValidationIssue? {
        if value > range.upperBound {
            return .init(
                type: "less_than_equal", loc: loc, msg: "Input should be less than or equal to \(range.upperBound)",
                input: input, ctx: JSONObject([("le", .int(range.upperBound))])
            )
        }
        if value < range.lowerBound {
            return .init(
                type: "greater_than_equal", loc: loc,
                msg: "Input should be greater than or equal to \(range.lowerBound)", input: input,
                ctx: JSONObject([("ge", .int(range.lowerBound))])
            )
        }
        return nil
    }

    static func check(count: Int, max: Int, at loc: [LocPart], input: JSONValue) -> ValidationIssue? {
        guard count > max else { return nil }
        return .init(
            type: "too_long", loc: loc,
            msg: "List should have at most \(max) item\(max == 1 ? "" : "s") after validation, not \(count)", input: input,
            ctx: JSONObject([("field_type", "List"), ("max_length", .int(max)), ("actual_length", .int(count))])
        )
    }
}
