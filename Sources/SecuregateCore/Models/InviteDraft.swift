/// What an organizer sends for one person in a batch of invitations.
public struct InviteDraft: Sendable, Equatable {
    public var firstName: String
    public var lastName: String
    public var email: String
    public var countryCode: CountryCode
    public var mobileNumber: String
    public var authenticationMethod: AuthenticationMethod

    public init(
        firstName: String = "", lastName: String = "", email: String = "", countryCode: CountryCode = .northAmerica,
        mobileNumber: String = "", authenticationMethod: AuthenticationMethod = .qrCode
    ) {
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.countryCode = countryCode
        self.mobileNumber = mobileNumber
        self.authenticationMethod = authenticationMethod
    }

    /// The email as invitations are matched: trimmed and case-insensitive.
    public var normalizedEmail: String { Invite.normalize(email: email) }
}

extension Invite {
    /// Trims and lower-cases an email, the form in which invitations are matched.
    public static func normalize(email: String) -> String {
        // The characters Foundation's `.whitespacesAndNewlines` trims, without its NSString copy of every email
        // (a twentieth of a 10 000-invite batch's CPU); stored emails were normalized with Foundation's set.
        let scalars = email.unicodeScalars
        guard let first = scalars.first, let last = scalars.last, isTrimmed(first) || isTrimmed(last) else {
            return email.lowercased()
        }
        let start = scalars.firstIndex { !isTrimmed($0) } ?? scalars.endIndex
        let end = scalars.lastIndex { !isTrimmed($0) }.map { scalars.index(after: $0) } ?? start
        return String(scalars[start..<end]).lowercased()
    }

    /// Unicode's White_Space property, and the zero-width space, which Foundation's set also holds.
    private static func isTrimmed(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{200B}"
    }
}
