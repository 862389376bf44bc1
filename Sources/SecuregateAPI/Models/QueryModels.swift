import SecuregateCore

/// A model without fields: an operation that takes no query parameters or no body.
public struct Empty: APIInputModel {
    public init() {}
    public static let model = Model<Empty>("Empty", [])
}

/// The query of `POST /events/{event_id}/invites`.
public struct CreateInvitesQuery: APIInputModel {
    public var onboardingFlowType: OnboardingFlowType? = nil
    public var notify = 2

    public init() {}

    public static let model = Model<CreateInvitesQuery>("CreateInvitesQuery", [
        .field("onboarding_flow_type", \.onboardingFlowType, default: .some(nil)),
        .field("notify", \.notify, default: 2, in: 0...2),
    ])
}

/// The query of `GET /events/{event_id}/invites`.
public struct ListInvitesQuery: APIInputModel {
    public var status: InviteStatus? = nil

    public init() {}

    public static let model = Model<ListInvitesQuery>("ListInvitesQuery", [
        .field("status", \.status, default: .some(nil)),
    ])
}

/// The query of `GET /invites`.
public struct InviteByEmailQuery: APIInputModel {
    public var email = ""
    public var eventID: String? = nil

    public init() {}

    public static let model = Model<InviteByEmailQuery>("InviteByEmailQuery", [
        .field("email", \.email),
        .field("event_id", \.eventID, default: .some(nil)),
    ])
}

/// The query of `GET /invites-with-event`.
public struct InviteWithEventQuery: APIInputModel {
    public var sessionID: String? = nil
    public var inviteID: String? = nil

    public init() {}

    public static let model = Model<InviteWithEventQuery>("InviteWithEventQuery", [
        .field("session_id", \.sessionID, default: .some(nil)),
        .field("invite_id", \.inviteID, default: .some(nil)),
    ])
}
