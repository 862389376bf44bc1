/// One element of an error's location: a field name or a list index.
public enum LocPart: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case key(String)
    case index(Int)

    public init(stringLiteral value: String) { self = .key(value) }
    public init(integerLiteral value: Int) { self = .index(value) }
}

/// One validation error, shaped as pydantic v2 reports it and FastAPI returns it.
public struct ValidationIssue: Sendable, Equatable {
    public var type: String
    public var loc: [LocPart]
    public var msg: String
    public var input: JSONValue
    public var ctx: JSONObject?

    public init(type: String, loc: [LocPart], msg: String, input: JSONValue, ctx: JSONObject? = nil) {
        self.type = type
        self.loc = loc
        self.msg = msg
        self.input = input
        self.ctx = ctx
    }

    /// Writes `{"type":…,"loc":…,"msg":…,"input":…,"ctx":…}` in FastAPI's order.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("type")
        writer.string(type)
        writer.key("loc")
        writer.beginArray()
        for part in loc {
            switch part {
            case .key(let name): writer.string(name)
            case .index(let i): writer.int(i)
            }
        }
        writer.endArray()
        writer.key("msg")
        writer.string(msg)
        writer.key("input")
        writer.value(input)
        if let ctx {
            writer.key("ctx")
            writer.value(.object(ctx))
        }
        writer.endObject()
    }
}

extension ValidationIssue {
    static func missing(_ loc: [LocPart], input: JSONValue) -> Self {
        .init(type: "missing", loc: loc, msg: "Field required", input: input)
    }

    static func stringType(_ loc: [LocPart], input: JSONValue) -> Self {
        .init(type: "string_type", loc: loc, msg: "Input should be a valid string", input: input)
    }

    static func modelAttributesType(_ loc: [LocPart], input: JSONValue) -> Self {
        .init(
            type: "model_attributes_type", loc: loc,
            msg: "Input should be a valid dictionary or object to extract fields from", input: input
        )
    }

    static func listType(_ loc: [LocPart], input: JSONValue) -> Self {
        .init(type: "list_type", loc: loc, msg: "Input should be a valid list", input: input)
    }

    /// PostgreSQL cannot store a NUL character, so no backend accepts one: the same rule everywhere, reported as
    /// pydantic reports a string that fails its pattern.
    static func nulCharacter(in value: String, at loc: [LocPart]) -> Self? {
        guard value.utf8.contains(0) else { return nil }
        let pattern = #"^[^\x00]*$"#
        return .init(
            type: "string_pattern_mismatch", loc: loc, msg: "String should match pattern '\(pattern)'", input: .string(value),
            ctx: JSONObject([("pattern", .string(pattern))])
        )
    }

    /// The error FastAPI writes for a body that is not JSON.
    public static func jsonInvalid(_ failure: JSONDecodeFailure) -> Self {
        .init(
            type: "json_invalid", loc: ["body", .index(failure.position)], msg: "JSON decode error",
            input: .object(JSONObject()), ctx: JSONObject([("error", .string(failure.message))])
        )
    }
}
