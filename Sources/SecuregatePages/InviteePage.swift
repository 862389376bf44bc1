import Foundation
import SecuregateCore

/// What the invitee's page shows, as its template names it.
enum InviteePage {
    /// The page of `invite` at `stage`, under `base` (`/i/{token}`), with times in `timeZone`.
    static func context(invite: Invite, event: Event, stage: InviteeStage, base: String, timeZone: TimeZone) -> [String: Any] {
        var context = InvitationTemplateValues.of(invite, event, timeZone: timeZone)
        context["open"] = stage == .open
        context["underway"] = stage == .underway
        context["over"] = stage == .over
        context["accepted"] = invite.status == .accepted
        context["declined"] = invite.status == .rejected
        context["unanswered"] = invite.status == .pending || invite.status == .sent
        context["answer_url"] = "\(base)/answer"
        if invite.status == .accepted {
            context["entry_code"] = invite.sessionCode
            context["qr_url"] = "\(base)/qr.png"
            context["calendar_url"] = "\(base)/invitation.ics"
        }
        return context
    }

    /// The results of the face step the page can announce, as `?face=` names them.
    static let faceResults: Set<String> = [
        "enrolled", "removed", "no_face", "several_faces", "unreadable", "too_large", "consent", "busy", "unavailable",
    ]

    /// The face step's part of the page.
    static func faceContext(base: String, enrolled: Bool, keepsPhotos: Bool, retention: TimeInterval, result: String?) -> [String: Any] {
        var context: [String: Any] = [
            "face_step": true, "face_enrolled": enrolled, "face_keeps_photo": keepsPhotos,
            "face_url": "\(base)/face", "face_remove_url": "\(base)/face/remove",
        ]
        let days = Int((retention / 86_400).rounded(.up))
        if days > 0 { context["face_retention_days"] = days }
        if let result, faceResults.contains(result) { context["face_result_\(result)"] = true }
        return context
    }
}
