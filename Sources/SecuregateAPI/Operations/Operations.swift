import SecuregateCore

/// Every operation the server serves, the vendor's and this server's additions.
public enum Operations {
    public static let getAllEvents = APIOperation<Empty, Empty, EventsByStatus>(
        "GET", "/events", operationID: "get_all_events_events_get", summary: "Get All Events"
    )
    public static let createEvent = APIOperation<Empty, EventDraft, Event>(
        "POST", "/events", operationID: "create_event_events_post", summary: "Create Event"
    )
    public static let getEventWithStats = APIOperation<Empty, Empty, EventWithStats>(
        "GET", "/events/{event_id}", operationID: "get_event_with_stats_events__event_id__get",
        summary: "Get Event With Stats", errors: [404]
    )
    public static let deleteEvent = APIOperation<Empty, Empty, Event>(
        "DELETE", "/events/{event_id}", operationID: "delete_event_events__event_id__delete",
        summary: "Delete Event", errors: [404]
    )
    public static let updateEvent = APIOperation<Empty, EventDraft, Event>(
        "PUT", "/events/{event_id}", operationID: "update_event_events__event_id__put", summary: "Update Event",
        errors: [404, 409], addition: true
    )
    public static let createInvites = APIOperation<CreateInvitesQuery, InviteBatch, [Invite]>(
        "POST", "/events/{event_id}/invites", operationID: "create_invites_events__event_id__invites_post",
        summary: "Create Invites", errors: [404, 409]
    )
    public static let getInvites = APIOperation<ListInvitesQuery, Empty, [Invite]>(
        "GET", "/events/{event_id}/invites", operationID: "get_invites_events__event_id__invites_get",
        summary: "Get Invites", errors: [404]
    )
    public static let updateInviteStatus = APIOperation<Empty, InviteStatusUpdate, Invite>(
        "PUT", "/events/{event_id}/invites/{invite_id}",
        operationID: "update_invite_status_events__event_id__invites__invite_id__put",
        summary: "Update Invite Status", errors: [404, 409]
    )
    public static let getInviteStatusHistory = APIOperation<Empty, Empty, [InviteStatusChange]>(
        "GET", "/events/{event_id}/invites/{invite_id}/history",
        operationID: "get_invite_status_history_events__event_id__invites__invite_id__history_get",
        summary: "Get Invite Status History", errors: [404], addition: true
    )
    public static let getInviteByID = APIOperation<Empty, Empty, Invite>(
        "GET", "/invites/{invite_id}", operationID: "get_invite_by_id_invites__invite_id__get",
        summary: "Get Invite By Id", errors: [404]
    )
    public static let getInviteByEmail = APIOperation<InviteByEmailQuery, Empty, Invite>(
        "GET", "/invites", operationID: "get_invite_by_email_invites_get", summary: "Get Invite By Email",
        errors: [404]
    )
    public static let getInviteWithEvent = APIOperation<InviteWithEventQuery, Empty, InviteWithEvent>(
        "GET", "/invites-with-event", operationID: "get_invite_with_event_invites_with_event_get",
        summary: "Get Invite With Event", errors: [400, 404]
    )

    public static let getInviteQRCode = APIOperation<QRQuery, Empty, QRImage>(
        "GET", "/invites/{invite_id}/qr", operationID: "get_invite_qr_code_invites__invite_id__qr_get",
        summary: "Get Invite QR Code", errors: [404], addition: true
    )
    public static let scanCheckin = APIOperation<Empty, ScanRequest, ScanOutcome>(
        "POST", "/events/{event_id}/checkins", operationID: "scan_checkin_events__event_id__checkins_post",
        summary: "Scan Checkin", errors: [404, 409, 422, 503], addition: true, scopes: [.admin, .checkin],
        worksOnPhotos: true
    )
    public static let getCheckins = APIOperation<LedgerQuery, Empty, CheckinPage>(
        "GET", "/events/{event_id}/checkins", operationID: "get_checkins_events__event_id__checkins_get",
        summary: "Get Checkins", errors: [404], addition: true, scopes: [.admin, .checkin]
    )
    public static let getInviteMessages = APIOperation<Empty, Empty, [OutboxMessage]>(
        "GET", "/invites/{invite_id}/messages", operationID: "get_invite_messages_invites__invite_id__messages_get",
        summary: "Get Invite Messages", errors: [404], addition: true
    )
    public static let sendInviteMessage = APIOperation<Empty, MessageRequest, OutboxMessage>(
        "POST", "/invites/{invite_id}/messages", operationID: "send_invite_message_invites__invite_id__messages_post",
        summary: "Send Invite Message", errors: [404, 409], addition: true
    )
    public static let getInviteLink = APIOperation<Empty, Empty, InviteLink>(
        "GET", "/invites/{invite_id}/link", operationID: "get_invite_link_invites__invite_id__link_get",
        summary: "Get Invite Link", errors: [404], addition: true
    )
    public static let replaceInviteLink = APIOperation<Empty, Empty, InviteLink>(
        "POST", "/invites/{invite_id}/link", operationID: "replace_invite_link_invites__invite_id__link_post",
        summary: "Replace Invite Link", errors: [404], addition: true
    )
    public static let createWebhook = APIOperation<Empty, WebhookCreate, WebhookEndpointWithSecret>(
        "POST", "/webhooks", operationID: "create_webhook_webhooks_post", summary: "Create Webhook", errors: [422],
        addition: true
    )
    public static let listWebhooks = APIOperation<Empty, Empty, [WebhookEndpoint]>(
        "GET", "/webhooks", operationID: "list_webhooks_webhooks_get", summary: "List Webhooks", addition: true
    )
    public static let getWebhook = APIOperation<Empty, Empty, WebhookEndpoint>(
        "GET", "/webhooks/{webhook_id}", operationID: "get_webhook_webhooks__webhook_id__get", summary: "Get Webhook",
        errors: [404], addition: true
    )
    public static let updateWebhook = APIOperation<Empty, WebhookUpdate, WebhookEndpoint>(
        "PATCH", "/webhooks/{webhook_id}", operationID: "update_webhook_webhooks__webhook_id__patch", summary: "Update Webhook",
        errors: [404, 422], addition: true
    )
    public static let deleteWebhook = APIOperation<Empty, Empty, WebhookEndpoint>(
        "DELETE", "/webhooks/{webhook_id}", operationID: "delete_webhook_webhooks__webhook_id__delete", summary: "Delete Webhook",
        errors: [404], addition: true
    )
    public static let rotateWebhookSecret = APIOperation<Empty, Empty, WebhookEndpointWithSecret>(
        "POST", "/webhooks/{webhook_id}/secret", operationID: "rotate_webhook_secret_webhooks__webhook_id__secret_post",
        summary: "Rotate Webhook Secret", errors: [404], addition: true
    )
    public static let listWebhookDeliveries = APIOperation<LedgerQuery, Empty, WebhookDeliveryPage>(
        "GET", "/webhooks/{webhook_id}/deliveries", operationID: "list_webhook_deliveries_webhooks__webhook_id__deliveries_get",
        summary: "List Webhook Deliveries", errors: [404], addition: true
    )
    public static let retryWebhookDelivery = APIOperation<Empty, Empty, WebhookDelivery>(
        "POST", "/webhooks/{webhook_id}/deliveries/{delivery_id}/retry",
        operationID: "retry_webhook_delivery_webhooks__webhook_id__deliveries__delivery_id__retry_post",
        summary: "Retry Webhook Delivery", errors: [404], addition: true
    )
    public static let testWebhook = APIOperation<Empty, Empty, WebhookDelivery>(
        "POST", "/webhooks/{webhook_id}/test", operationID: "test_webhook_webhooks__webhook_id__test_post",
        summary: "Test Webhook", errors: [404, 409], addition: true
    )
    public static let getInviteByCode = APIOperation<Empty, Empty, Invite>(
        "GET", "/events/{event_id}/codes/{code}", operationID: "get_invite_by_code_events__event_id__codes__code__get",
        summary: "Get Invite By Code", errors: [404], addition: true, scopes: [.admin, .checkin]
    )
    public static let identify = APIOperation<IdentityQuery, ImageUpload, IdentitySession>(
        "POST", "/identity", operationID: "identify_identity_post", summary: "Identify",
        errors: [400, 404, 422, 503], scopes: [.admin, .checkin], requiredWithoutImage: ["image_url"], worksOnPhotos: true
    )
    public static let enrollFace = APIOperation<EnrollFaceQuery, ImageUpload, FaceEnrollment>(
        "PUT", "/invites/{invite_id}/face", operationID: "enroll_face_invites__invite_id__face_put",
        summary: "Enroll Face", errors: [400, 404, 409, 422, 503], addition: true, worksOnPhotos: true
    )
    public static let getFace = APIOperation<Empty, Empty, FaceEnrollment>(
        "GET", "/invites/{invite_id}/face", operationID: "get_face_invites__invite_id__face_get",
        summary: "Get Face", errors: [404], addition: true
    )
    public static let deleteFace = APIOperation<Empty, Empty, FaceErasure>(
        "DELETE", "/invites/{invite_id}/face", operationID: "delete_face_invites__invite_id__face_delete",
        summary: "Delete Face", errors: [404], addition: true
    )

    /// The descriptions of all operations, in the order the document lists them.
    public static let createDoor = APIOperation<Empty, DoorCreate, DoorPairingAnswer>(
        "POST", "/events/{event_id}/doors", operationID: "create_door_events__event_id__doors_post", summary: "Create Door",
        errors: [404, 409, 422], addition: true
    )
    public static let listDoors = APIOperation<Empty, Empty, [Door]>(
        "GET", "/events/{event_id}/doors", operationID: "list_doors_events__event_id__doors_get", summary: "List Doors",
        errors: [404], addition: true
    )
    public static let revokeDoor = APIOperation<Empty, Empty, Door>(
        "DELETE", "/events/{event_id}/doors/{door_id}", operationID: "revoke_door_events__event_id__doors__door_id__delete",
        summary: "Revoke Door", errors: [404], addition: true
    )
    public static let all: [OperationDescription] = [
        getAllEvents.description, createEvent.description, getEventWithStats.description, deleteEvent.description,
        updateEvent.description, createInvites.description, getInvites.description, updateInviteStatus.description,
        getInviteStatusHistory.description, getInviteMessages.description, sendInviteMessage.description,
        getInviteLink.description, replaceInviteLink.description,
        createWebhook.description, listWebhooks.description, getWebhook.description, updateWebhook.description,
        deleteWebhook.description, rotateWebhookSecret.description, listWebhookDeliveries.description,
        retryWebhookDelivery.description, testWebhook.description,
        getInviteByID.description, getInviteByEmail.description,
        getInviteWithEvent.description, getInviteQRCode.description, scanCheckin.description, getCheckins.description,
        getInviteByCode.description, identify.description, enrollFace.description, getFace.description,
        deleteFace.description, createDoor.description, listDoors.description, revokeDoor.description,
    ]
}
