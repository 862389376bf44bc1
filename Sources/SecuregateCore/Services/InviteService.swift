import Foundation

/// The rules for invitations: idempotent batches, lookups, status changes and their history.
public struct InviteService: Sendable {
    let store: any SecuregateStore
    let time: any TimeSource
    let ids: any IDGenerator

    public init(store: any SecuregateStore, time: any TimeSource, ids: any IDGenerator) {
        self.store = store
        self.time = time
        self.ids = ids
    }

    /// Invites everyone in `drafts` to the caller's event, all or nothing. An email already invited (or repeated in
    /// the batch) is not invited twice: the existing invite stands at its position. New invites are queued for
    /// notification on the channels of `notify` in the same transaction.
    public func createBatch(
        _ drafts: [InviteDraft], eventID: String, notify: NotifyMode, flow: OnboardingFlowType, by principal: Principal
    ) async throws -> [Invite] {
        try await createCountingBatch(drafts, eventID: eventID, notify: notify, flow: flow, by: principal).invites
    }

    /// `createBatch`, saying also how many invites were created and how many people were already invited.
    public func createCountingBatch(
        _ drafts: [InviteDraft], eventID: String, notify: NotifyMode, flow: OnboardingFlowType, by principal: Principal,
        source: ChangeSource = .api
    ) async throws -> (invites: [Invite], count: InviteImportCount) {
        guard let event = try await store.event(id: eventID, accountID: principal.accountID) else {
            throw SecuregateError.eventNotFound
        }
        guard !event.isDeleted else { throw SecuregateError.eventArchived }
        let now = time.now()
        var unique: [Invite] = []
        var positionOfEmail: [String: Int] = [:]
        var positions: [Int] = []
        for draft in drafts {
            let email = draft.normalizedEmail
            if let position = positionOfEmail[email] {
                positions.append(position)
                continue
            }
            positionOfEmail[email] = unique.count
            positions.append(unique.count)
            unique.append(Invite(
                id: ids.makeID(.invite), eventID: event.id, accountID: principal.accountID,
                firstName: draft.firstName, lastName: draft.lastName, email: draft.email,
                countryCode: draft.countryCode, mobileNumber: draft.mobileNumber,
                authenticationMethod: draft.authenticationMethod, sessionCode: ids.makeSessionCode(),
                sessionID: ids.makeID(.session), createdAt: now, updatedAt: now, status: .pending,
                onboardingFlowType: flow
            ))
        }
        let history = unique.map {
            InviteStatusChange(inviteID: $0.id, from: nil, to: .pending, changedAt: now, keyID: principal.keyID, source: source)
        }
        let messages = unique.flatMap { invite in
            notify.channels.map { channel in
                OutboxMessage.invitation(id: ids.makeID(.message), invite: invite, channel: channel, at: now)
            }
        }
        let stored = try await store.createInvites(
            unique, history: history, messages: messages, eventID: event.id, accountID: principal.accountID
        )
        let created = zip(unique, stored).filter { $0.id == $1.id }.count
        return (positions.map { stored[$0] }, InviteImportCount(created: created, alreadyInvited: drafts.count - created))
    }

    /// The invites of one of the caller's events in creation order, optionally of one status.
    public func list(eventID: String, status: InviteStatus?, for principal: Principal) async throws -> [Invite] {
        try await store.invites(eventID: eventID, accountID: principal.accountID, status: status)
    }

    /// A page of the guest list of one of the caller's events.
    public func page(eventID: String, query: InviteQuery, for principal: Principal) async throws -> InvitePage {
        InvitePage(read: try await store.invites(eventID: eventID, accountID: principal.accountID, query: query), for: query)
    }

    /// The caller's invites among `ids`, by id.
    public func invites(ids: [String], for principal: Principal) async throws -> [String: Invite] {
        Dictionary(try await store.invites(ids: ids, accountID: principal.accountID).map { ($0.id, $0) }) { first, _ in first }
    }

    /// One of the caller's invites.
    public func get(_ id: String, for principal: Principal) async throws -> Invite {
        guard let invite = try await store.invite(id: id, accountID: principal.accountID) else {
            throw SecuregateError.inviteNotFound
        }
        return invite
    }

    /// The caller's invite for an email (trimmed, case-insensitive): within `eventID` when given, else the newest.
    public func find(email: String, eventID: String?, for principal: Principal) async throws -> Invite {
        if let eventID, try await store.event(id: eventID, accountID: principal.accountID) == nil {
            throw SecuregateError.eventNotFound
        }
        let normalized = Invite.normalize(email: email)
        guard let invite = try await store.invite(normalizedEmail: normalized, accountID: principal.accountID, eventID: eventID) else {
            throw SecuregateError.inviteNotFound
        }
        return invite
    }

    /// The caller's invite found by session id or invite id (both must match when both are given), with its event.
    public func withEvent(sessionID: String?, inviteID: String?, for principal: Principal) async throws -> (Invite, Event) {
        let invite: Invite?
        switch (sessionID, inviteID) {
        case (nil, nil):
            throw SecuregateError.lookupNeedsSessionOrInvite
        case (let sessionID?, let inviteID):
            invite = try await store.invite(sessionID: sessionID, accountID: principal.accountID)
                .flatMap { inviteID == nil || $0.id == inviteID ? $0 : nil }
        case (nil, let inviteID?):
            invite = try await store.invite(id: inviteID, accountID: principal.accountID)
        }
        guard let invite else { throw SecuregateError.inviteNotFound }
        guard let event = try await store.event(id: invite.eventID, accountID: principal.accountID) else {
            throw SecuregateError.eventNotFound
        }
        return (invite, event)
    }

    /// Sets an invite's status (any status: a manual override), stamps `updated_at` and records the change.
    public func updateStatus(
        eventID: String, inviteID: String, to status: InviteStatus, by principal: Principal, source: ChangeSource = .api
    ) async throws -> Invite {
        try await store.updateInviteStatus(
            eventID: eventID, inviteID: inviteID, accountID: principal.accountID, status: status,
            at: time.now(), keyID: principal.keyID, source: source
        )
    }

    /// The status changes of one of the caller's invites, oldest first; the invite must be in `eventID`.
    public func history(eventID: String, inviteID: String, for principal: Principal) async throws -> [InviteStatusChange] {
        guard try await store.event(id: eventID, accountID: principal.accountID) != nil else {
            throw SecuregateError.eventNotFound
        }
        guard let invite = try await store.invite(id: inviteID, accountID: principal.accountID), invite.eventID == eventID else {
            throw SecuregateError.inviteNotFound
        }
        return try await store.statusHistory(inviteID: invite.id, accountID: principal.accountID)
    }
}
