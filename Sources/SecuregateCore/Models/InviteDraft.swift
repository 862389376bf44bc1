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
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
