import Foundation
import SecuregateCore

extension InviteDraft: APIInputModel {
    public init() { self.init(firstName: "") }

    /// The vendor's `InviteCreate`.
    public static let model = Model<InviteDraft>("InviteCreate", [
        .field("first_name", \.firstName),
        .field("last_name", \.lastName),
        .field("email", \.email),
        .field("country_code", \.countryCode),
        .field("mobile_number", \.mobileNumber),
        .field("authentication_method", \.authenticationMethod),
    ])
}

extension Invite: APIModel {
    public static let model = Model<Invite>("Invite", [
        .output("first_name", \.firstName),
        .output("last_name", \.lastName),
        .output("email", \.email),
        .output("country_code", \.countryCode),
        .output("mobile_number", \.mobileNumber),
        .output("authentication_method", \.authenticationMethod),
        .output("id", \.id),
        .output("event_id", \.eventID),
        .output("session_code", \.sessionCode),
        .output("image", \.image, default: .null, required: false),
        .output("session_id", \.sessionID),
        .output("created_at", \.createdAt),
        .output("updated_at", \.updatedAt),
        .output("last_seen", \.lastSeen, default: .null, required: false),
        .output("onyxplus_id", \.onyxplusID, default: .null, required: false),
        .output("ticket_id", \.ticketID, default: .null, required: false),
        .output("status", \.status, default: "pending"),
        .output("onboarding_flow_type", \.onboardingFlowType, required: false, addition: true),
    ])
}

extension InviteStatusChange: APIModel {
    /// Addition: one entry of an invite's status history.
    public static let model = Model<InviteStatusChange>("InviteStatusChange", [
        .output("invite_id", \.inviteID),
        .output("from_status", \.from),
        .output("to_status", \.to),
        .output("changed_at", \.changedAt),
        .output("key_id", \.keyID),
        .output("source", \.source),
    ])
}

extension ChangeSource: APIEnum {}

extension InviteLink: APIModel {
    /// Addition: an invitee's personal link, to send by other means than the server's messages.
    public static let model = Model<InviteLink>("InviteLink", [
        .output("invite_id", \.inviteID),
        .output("url", \.url),
    ])
}
