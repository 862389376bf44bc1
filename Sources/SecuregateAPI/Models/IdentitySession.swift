import Foundation
import SecuregateCore

/// The answer of `POST /identity`: the matched invitee's verification session, in the vendor's shape
/// (`userInfo`, `authentication`, `kyc`, `status`, `qrId`, `activities`, `metadata`, `visitedOrder`).
public struct IdentitySession: APIEncodable {
    public let identification: Identification

    public init(_ identification: Identification) {
        self.identification = identification
    }

    public static func jsonSchema(in components: inout SchemaComponents) -> JSONValue {
        components.reference("IdentitySession") { _ in
            [
                "type": "object", "title": "IdentitySession",
                "required": ["userInfo", "authentication", "kyc", "status", "qrId", "activities", "metadata", "visitedOrder"],
                "properties": [
                    "userInfo": ["type": "object", "title": "Userinfo"],
                    "authentication": ["type": "array", "items": ["type": "object"], "title": "Authentication"],
                    "kyc": ["type": "array", "items": ["type": "object"], "title": "Kyc"],
                    "status": ["type": "string", "title": "Status"],
                    "qrId": ["type": "string", "title": "Qrid"],
                    "activities": ["type": "array", "items": ["type": "object"], "title": "Activities"],
                    "metadata": ["type": "object", "title": "Metadata"],
                    "visitedOrder": ["type": "array", "items": ["type": "string"], "title": "Visitedorder"],
                ],
            ]
        }
    }

    public func write(to writer: inout JSONWriter) {
        writer.value(json)
    }

    /// The session as JSON.
    public var json: JSONValue {
        let invite = identification.invite
        let started = JSONValue.string(RFC3339.format(identification.startedAt))
        let finished = JSONValue.string(RFC3339.format(identification.finishedAt))
        let step: JSONValue = .object(JSONObject([
            ("conditions", []),
            ("_id", .string("auth_" + invite.id.dropFirst(4))),
            ("data", .object(JSONObject([
                ("stepId", "authentication"),
                ("actionId", "facialRecognition"),
                ("status", "completed"),
                ("data", .object(JSONObject([
                    ("distance", .float(FaceDescriptor.reported(identification.distance))),
                    ("threshold", .float(FaceDescriptor.reported(identification.threshold))),
                ]))),
                ("stepStartTime", started),
                ("stepEndTime", finished),
            ]))),
            ("parentIds", []),
            ("stepId", "authentication"),
        ]))
        return .object(JSONObject([
            ("userInfo", .object(JSONObject([
                ("email", .string(invite.email)),
                ("userId", .string(invite.id)),
                ("name", .string([invite.firstName, invite.lastName].filter { !$0.isEmpty }.joined(separator: " "))),
                ("phone", .string(invite.mobileNumber)),
                ("countryCode", .string("+" + invite.countryCode.rawValue)),
            ]))),
            ("authentication", .array([step])),
            // Identity documents are not checked by this server: no KYC steps are reported.
            ("kyc", []),
            ("status", "completed"),
            ("qrId", .string(invite.sessionCode)),
            ("activities", .array([.object(JSONObject([
                ("type", "face_identified"), ("time", finished), ("distance", .float(FaceDescriptor.reported(identification.distance))),
            ]))])),
            ("metadata", .object(JSONObject([
                ("eventId", .string(invite.eventID)),
                ("inviteId", .string(invite.id)),
                ("sessionId", .string(invite.sessionID)),
                ("authenticationMethod", .string(invite.authenticationMethod.rawValue)),
                ("onboardingFlowType", .string(invite.onboardingFlowType.rawValue)),
            ]))),
            ("visitedOrder", ["authentication"]),
        ]))
    }
}
