import SecuregateCore

/// A string enumeration of the API, a named schema in the OpenAPI document.
public protocol APIEnum: APIDecodable, RawRepresentable<String>, CaseIterable {
    /// The schema's name and title in the OpenAPI document (by default the type's name).
    static var schemaName: String { get }
    /// The values the vendor's document lists, in its order (a value may repeat there).
    static var documentedValues: [String] { get }
}

extension APIEnum {
    public static var schemaName: String { String(describing: Self.self) }

    public static var documentedValues: [String] { allCases.map(\.rawValue) }

    public static func jsonSchema(in components: inout SchemaComponents) -> JSONValue {
        components.reference(schemaName) { _ in
            ["type": "string", "enum": .array(documentedValues.map { .string($0) }), "title": .string(schemaName)]
        }
    }

    public static func validate(_ input: JSONValue, at loc: [LocPart], into errors: inout [ValidationIssue]) -> Self? {
        if case .string(let text) = input, let value = Self(rawValue: text) { return value }
        let expected = Self.expectedText
        errors.append(.init(
            type: "enum", loc: loc, msg: "Input should be \(expected)", input: input,
            ctx: JSONObject([("expected", .string(expected))])
        ))
        return nil
    }

    /// pydantic's list of expected values: `'a', 'b' or 'c'`.
    static var expectedText: String {
        let quoted = documentedValues.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + quoted[quoted.count - 1]
    }

    public func write(to writer: inout JSONWriter) { writer.string(rawValue) }
}

extension InviteStatus: APIEnum {}

extension AuthenticationMethod: APIEnum {}

extension CountryCode: APIEnum {
    public static var schemaName: String { "CountryCodeSimple" }
    // The vendor's enumeration names "1" twice (two countries share the code); pydantic lists it twice too.
    public static var documentedValues: [String] { ["1", "44", "1", "61", "91", "345"] }
}

extension EventType: APIEnum {}

extension OnboardingFlowType: APIEnum {}

extension NotificationChannel: APIEnum {}
