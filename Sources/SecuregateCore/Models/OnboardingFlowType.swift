/// The verification flow an invitee goes through when onboarding.
public enum OnboardingFlowType: String, Sendable, CaseIterable, Codable {
    case onlyAuth = "only_auth"
    case kyc
    case ssnVerification = "ssn_verification"
    case pepsSanctions = "peps_sanctions"
    case criminalCheck = "criminal_check"
}
