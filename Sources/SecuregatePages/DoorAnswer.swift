import Foundation
import SecuregateCore

/// What the door's result page shows for a scan's outcome: green for an entry or exit, amber when a face is
/// still needed, red with the reason otherwise. The words are the template's; this says which apply.
struct DoorAnswer {
    let outcome: ScanOutcome
    let type: CheckinType
    let timeZone: TimeZone
    /// Where the page goes back to for the next scan.
    let back: String

    /// Which answer it is, for the page and its script.
    enum State: String {
        case ok
        case refused
        /// The code was read, the face is awaited.
        case wait
        /// A frame that showed nobody: the camera goes on without a word.
        case silent = "none"
    }

    /// The one place that decides which answer an outcome is.
    var state: State {
        switch (outcome.result, outcome.reason) {
        case (.ok, _): .ok
        case (.refused, .biometricRequired?), (.refused, .noFace?) where outcome.invite != nil: .wait
        case (.refused, .noCode?): .silent
        case (.refused, _): .refused
        }
    }

    var context: [String: Any] {
        var context: [String: Any] = ["back_url": back]
        if let invite = outcome.invite {
            context["name"] = "\(invite.firstName) \(invite.lastName)".trimmingCharacters(in: .whitespaces)
        }
        if type == .exit { context["exit"] = true }
        switch state {
        case .ok:
            context["ok"] = true
            let method = outcome.invite?.authenticationMethod
            context[method == .biometric ? "by_face" : method == .both ? "by_qr_face" : "by_qr"] = true
        case .wait:
            context["face_needed"] = true
        case .refused, .silent:
            context["refused"] = true
            let reason = outcome.reason
            if let reason { context[reason.rawValue] = true }
            if reason == .alreadyCheckedIn, let at = outcome.checkedInAt {
                context["at"] = EventTimes.clock(at, in: timeZone)
                if let gate = outcome.checkedInGate, !gate.isEmpty { context["at_gate"] = gate }
            }
        }
        return context
    }
}
