import Hummingbird
import SecuregateAPI
import SecuregateCore

/// Faces: enrollment of an invitee's reference face, and identification (`POST /identity`).
enum FaceRoutes {
    static func register(on router: Router<AppRequestContext>, services: SecuregateServices, limits: RequestLimits) {
        let keys = services.keys
        let faces = services.faces

        router.add(Operations.identify, keys: keys, limits: limits) { input in
            let identification = try await faces.identify(
                eventID: input.query.eventID, photo: input.body.photo, url: input.query.imageURL, by: input.principal
            )
            input.logger.info(
                "Identified",
                metadata: ["invite": "\(identification.invite.id)", "distance": "\(identification.distance)"]
            )
            return IdentitySession(identification)
        }
        router.add(Operations.enrollFace, keys: keys, limits: limits) { input in
            let enrollment = try await faces.enroll(
                inviteID: input.path("invite_id"), photo: input.body.photo, url: input.query.imageURL, by: input.principal
            )
            input.logger.info("Face enrolled", metadata: ["invite": "\(enrollment.inviteID)", "source": "\(enrollment.source.rawValue)"])
            return enrollment
        }
        router.add(Operations.getFace, keys: keys, limits: limits) { input in
            try await faces.enrollment(inviteID: input.path("invite_id"), for: input.principal)
        }
        router.add(Operations.deleteFace, keys: keys, limits: limits) { input in
            let inviteID = input.path("invite_id")
            return FaceErasure(inviteID: inviteID, erased: try await faces.erase(inviteID: inviteID, by: input.principal))
        }
    }
}
