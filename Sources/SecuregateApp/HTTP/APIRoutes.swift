import Hummingbird
import SecuregateAPI
import SecuregateCore

/// The documented operations and this server's additions, each a translation to a domain service call.
enum APIRoutes {
    static func register(on router: Router<AppRequestContext>, services: SecuregateServices, limits: RequestLimits) {
        let keys = services.keys
        let events = services.events
        let invites = services.invites

        router.add(Operations.getAllEvents, keys: keys, limits: limits) { input in
            try await events.list(for: input.principal)
        }
        router.add(Operations.createEvent, keys: keys, limits: limits) { input in
            try await events.create(input.body, by: input.principal)
        }
        router.add(Operations.getEventWithStats, keys: keys, limits: limits) { input in
            try await events.get(input.path("event_id"), for: input.principal)
        }
        router.add(Operations.updateEvent, keys: keys, limits: limits) { input in
            try await events.update(input.path("event_id"), with: input.body, by: input.principal)
        }
        router.add(Operations.deleteEvent, keys: keys, limits: limits) { input in
            try await events.delete(input.path("event_id"), for: input.principal)
        }
        router.add(Operations.createInvites, keys: keys, limits: limits) { input in
            let created = try await invites.createBatch(
                input.body.invites, eventID: input.path("event_id"),
                notify: NotifyMode(rawValue: input.query.notify) ?? .emailAndSMS,
                flow: input.query.onboardingFlowType ?? .onlyAuth, by: input.principal
            )
            input.logger.info("Invites created", metadata: ["event": "\(input.path("event_id"))", "count": "\(created.count)"])
            return created
        }
        router.add(Operations.getInvites, keys: keys, limits: limits) { input in
            try await invites.list(eventID: input.path("event_id"), status: input.query.status, for: input.principal)
        }
        router.add(Operations.updateInviteStatus, keys: keys, limits: limits) { input in
            let invite = try await invites.updateStatus(
                eventID: input.path("event_id"), inviteID: input.path("invite_id"), to: input.body.status,
                by: input.principal
            )
            input.logger.info("Invite status set", metadata: ["invite": "\(invite.id)", "status": "\(invite.status.rawValue)"])
            return invite
        }
        router.add(Operations.getInviteMessages, keys: keys, limits: limits) { input in
            try await invites.messages(inviteID: input.path("invite_id"), for: input.principal)
        }
        router.add(Operations.sendInviteMessage, keys: keys, limits: limits) { input in
            try await invites.resend(inviteID: input.path("invite_id"), channel: input.body.channel, by: input.principal)
        }
        router.add(Operations.getInviteLink, keys: keys, limits: limits) { input in
            try await services.invitees.link(inviteID: input.path("invite_id"), for: input.principal)
        }
        router.add(Operations.replaceInviteLink, keys: keys, limits: limits) { input in
            let link = try await services.invitees.replaceLink(inviteID: input.path("invite_id"), for: input.principal)
            input.logger.info("Invite link replaced", metadata: ["invite": "\(link.inviteID)"])
            return link
        }
        router.add(Operations.getInviteStatusHistory, keys: keys, limits: limits) { input in
            try await invites.history(eventID: input.path("event_id"), inviteID: input.path("invite_id"), for: input.principal)
        }
        router.add(Operations.getInviteByID, keys: keys, limits: limits) { input in
            try await invites.get(input.path("invite_id"), for: input.principal)
        }
        router.add(Operations.getInviteByEmail, keys: keys, limits: limits) { input in
            try await invites.find(email: input.query.email, eventID: input.query.eventID, for: input.principal)
        }
        router.add(Operations.getInviteWithEvent, keys: keys, limits: limits) { input in
            let (invite, event) = try await invites.withEvent(
                sessionID: input.query.sessionID, inviteID: input.query.inviteID, for: input.principal
            )
            return InviteWithEvent(invite: invite, event: event)
        }
    }
}
