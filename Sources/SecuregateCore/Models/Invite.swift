import Foundation

/// One person's invitation to one event.
public struct Invite: Sendable, Equatable {
    public var id: String
    public var eventID: String
    public var accountID: String
    public var firstName: String
    public var lastName: String
    public var email: String
    public var countryCode: CountryCode
    public var mobileNumber: String
    public var authenticationMethod: AuthenticationMethod
    /// What the invite's QR code carries.
    public var sessionCode: String
    public var image: String?
    public var sessionID: String
    public var createdAt: Date
    public var updatedAt: Date
    public var lastSeen: Date?
    public var onyxplusID: String?
    public var ticketID: String?
    public var status: InviteStatus
    public var onboardingFlowType: OnboardingFlowType

    public init(
        id: String, eventID: String, accountID: String, firstName: String, lastName: String, email: String,
        countryCode: CountryCode, mobileNumber: String, authenticationMethod: AuthenticationMethod,
        sessionCode: String, image: String? = nil, sessionID: String, createdAt: Date, updatedAt: Date,
        lastSeen: Date? = nil, onyxplusID: String? = nil, ticketID: String? = nil, status: InviteStatus,
        onboardingFlowType: OnboardingFlowType
    ) {
        self.id = id
        self.eventID = eventID
        self.accountID = accountID
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.countryCode = countryCode
        self.mobileNumber = mobileNumber
        self.authenticationMethod = authenticationMethod
        self.sessionCode = sessionCode
        self.image = image
        self.sessionID = sessionID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.lastSeen = lastSeen
        self.onyxplusID = onyxplusID
        self.ticketID = ticketID
        self.status = status
        self.onboardingFlowType = onboardingFlowType
    }
}
