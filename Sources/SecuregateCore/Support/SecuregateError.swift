/// The failures of the domain that a caller is told about, each with the contract's detail text.
public enum SecuregateError: Error, Sendable, Equatable {
    case eventNotFound
    case inviteNotFound
    case eventArchived
    case lookupNeedsSessionOrInvite
    case invalidAPIKey
    case notAllowedForKey
    /// The server runs without face models.
    case faceNotConfigured
    /// The photo is not a JPEG or PNG that decodes.
    case unreadableImage
    /// The photo shows no face.
    case noFaceFound
    /// A reference photo must show exactly one face; this one shows more.
    case multipleFaces(Int)
    /// No enrolled invitee of the event is near enough.
    case noMatchingInvitee
    /// Enrollment without a photo, for an invite without an `image` URL.
    case imageRequired
    /// The invite has no enrolled face.
    case faceNotEnrolled
    /// A scan with neither a code nor a photo.
    case scanNeedsCodeOrFace
    /// The image URL was refused or could not be fetched; the text says why.
    case imageFetchFailed(String)
    /// A scanner's nonce came back with another scan than the one it was first sent with.
    case nonceReused
    /// The photo declares more pixels than the server accepts.
    case imageTooLarge(width: Int, height: Int, limit: Int)
    /// Every face worker is busy and the line in front of them is full: try again shortly.
    case faceBusy
    /// The database cannot store or read now (a full disk, an I/O error); nothing of the request was stored.
    case storageUnavailable
    /// A personal link that is unknown or was replaced; the page says nothing more.
    case linkNotFound
    /// The invitee may no longer answer: the event has started, ended or is archived.
    case answerClosed
    /// The face step is not open to this invitee: their invitation asks for no face, is not accepted, or is over.
    case faceStepClosed
    /// The invitee did not tick the consent to their face being stored.
    case consentRequired
    /// The account has no webhook endpoint with this id.
    case webhookNotFound
    /// A webhook endpoint's URL or events are not acceptable; the text says why.
    case invalidWebhook(String)
    /// The endpoint has no delivery with this id.
    case webhookDeliveryNotFound
    /// The endpoint is disabled: nothing is sent to it until it is enabled again.
    case webhookDisabled
    /// The event has no door with this id.
    case doorNotFound
    /// A door's gate is not acceptable; the text says why.
    case invalidDoor(String)
    /// A camera frame came to a server that reads no codes from images.
    case codeReadingNotConfigured
    /// Every frame reader is busy and the line in front of them is full: try again shortly.
    case frameReaderBusy
    /// The key sent camera frames faster than its allowance; it may send again after this many seconds.
    case tooManyFrames(retryAfter: Int)

    /// The `detail` the API answers with.
    public var detail: String {
        switch self {
        case .eventNotFound: "Event not found"
        case .inviteNotFound: "Invite not found"
        case .eventArchived: "Event is archived"
        case .lookupNeedsSessionOrInvite: "Either session_id or invite_id is required"
        case .invalidAPIKey: "Invalid API key"
        case .notAllowedForKey: "Not allowed for this key"
        case .faceNotConfigured: "Face identification is not configured"
        case .unreadableImage: "The image is not a JPEG or PNG that can be read"
        case .codeReadingNotConfigured: "Reading codes from images is not configured"
        case .doorNotFound: "Door not found"
        case .invalidDoor(let reason): reason
        case .frameReaderBusy: "Every frame reader is busy; try again shortly"
        case .tooManyFrames: "Too many camera frames from this key; send fewer a second"
        case .noFaceFound: "No face found in the image"
        case .multipleFaces(let count): "Found \(count) faces in the image; a reference photo must show exactly one"
        case .noMatchingInvitee: "No matching invitee"
        case .imageRequired: "Send a JPEG or PNG photo as the body, or set the invite's image URL"
        case .faceNotEnrolled: "Face not enrolled"
        case .scanNeedsCodeOrFace: "Either code, image or face_image is required"
        case .imageFetchFailed(let reason): "Could not fetch the image: \(reason)"
        case .nonceReused: "Nonce reused with a different scan"
        case .storageUnavailable: "Storage is unavailable"
        case .imageTooLarge(let width, let height, let limit):
            "The image is \(width)x\(height) pixels; at most \(limit) pixels are accepted"
        case .faceBusy: "Face identification is busy; retry shortly"
        case .linkNotFound: "Not found"
        case .answerClosed: "The invitation can no longer be answered"
        case .faceStepClosed: "The face step is not open for this invitation"
        case .consentRequired: "Consent is required to store a face"
        case .webhookNotFound: "Webhook not found"
        case .invalidWebhook(let reason): reason
        case .webhookDeliveryNotFound: "Delivery not found"
        case .webhookDisabled: "Webhook endpoint is disabled; enable it first"
        }
    }
}
