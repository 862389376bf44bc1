import ArgumentParser
import Foundation
import Logging
import SecuregateApp
import SecuregateCore

/// The options of message delivery (email, SMS, the templates), each also read from its environment variable.
struct DeliveryOptions: ParsableArguments {
    @Option(help: "The mail server: smtp://USER:PASSWORD@HOST:PORT (STARTTLS; ?starttls=off for a local relay, ?tls_verify=off, ?ca_file=PATH) or smtps://…. Default: $SECUREGATE_SMTP_URL, else no email is sent.")
    var smtpURL: String?

    @Option(help: "The sender of invitations, \"Name <address>\". Default: $SECUREGATE_MAIL_FROM. Needed with --smtp-url.")
    var mailFrom: String?

    @Option(help: "Connections to the mail server kept open at once. Default: $SECUREGATE_SMTP_CONNECTIONS, else 4.")
    var smtpConnections: Int?

    @Option(help: "A Twilio-compatible SMS gateway: https://ACCOUNT_SID:AUTH_TOKEN@HOST. Default: $SECUREGATE_SMS_GATEWAY_URL, else no SMS is sent.")
    var smsGatewayURL: String?

    @Option(help: "The SMS sender: an E.164 number, a sender id, or a messaging service SID (MG…). Default: $SECUREGATE_SMS_FROM. Needed with --sms-gateway-url.")
    var smsFrom: String?

    @Option(help: "Requests to the SMS gateway in flight at once. Default: $SECUREGATE_SMS_REQUESTS, else 8.")
    var smsRequests: Int?

    @Option(help: "A folder of .mustache files replacing the messages' default templates by name. Default: $SECUREGATE_TEMPLATES, else the built-in ones.")
    var templates: String?

    @Option(help: "The time zone messages and pages state event times in (an IANA name: Europe/Berlin). Default: $SECUREGATE_TIME_ZONE, else UTC.")
    var timeZone: String?

    /// The transports, and what closes them when the server stops.
    struct Delivery {
        var transport: any NotificationTransport
        var shutdown: @Sendable () async throws -> Void
    }

    /// Email over SMTP and SMS through the gateway when they are set; the log for every channel without a
    /// transport of its own, said plainly at every start, since what goes to the log reaches nobody and leaves
    /// its invite pending.
    func delivery(time: any TimeSource, logger: Logger) async throws -> Delivery {
        let environment = ProcessInfo.processInfo.environment
        let messageTemplates = try await loadTemplates(logger: logger)
        var transports: [NotificationChannel: any NotificationTransport] = [:]
        if let url = smtpURL ?? environment["SECUREGATE_SMTP_URL"] {
            guard let fromText = mailFrom ?? environment["SECUREGATE_MAIL_FROM"], let from = MailAddress(fromText) else {
                throw ValidationError("--smtp-url needs --mail-from \"Name <address>\" (or SECUREGATE_MAIL_FROM)")
            }
            guard let settings = SMTPSettings(url: url, from: from) else {
                throw ValidationError("--smtp-url must be smtp://[USER:PASSWORD@]HOST[:PORT] or smtps://…, with starttls and tls_verify on or off")
            }
            let connections = try Setting.value(smtpConnections, "SECUREGATE_SMTP_CONNECTIONS") ?? 4
            guard connections > 0 else { throw ValidationError("--smtp-connections must be at least 1") }
            logger.info(
                "Email goes to the mail server",
                metadata: ["smtp": "\(settings)", "from": "\(from.address)", "connections": "\(connections)"]
            )
            transports[.email] = SMTPTransport(settings: settings, connections: connections, templates: messageTemplates, time: time)
        }
        var sms: SMSTransport?
        if let url = smsGatewayURL ?? environment["SECUREGATE_SMS_GATEWAY_URL"] {
            guard let from = smsFrom ?? environment["SECUREGATE_SMS_FROM"], !from.isEmpty else {
                throw ValidationError("--sms-gateway-url needs --sms-from (or SECUREGATE_SMS_FROM)")
            }
            guard let settings = SMSGatewaySettings(url: url, from: from) else {
                throw ValidationError("--sms-gateway-url must be https://ACCOUNT_SID:AUTH_TOKEN@HOST[/PREFIX]")
            }
            let requests = try Setting.value(smsRequests, "SECUREGATE_SMS_REQUESTS") ?? 8
            guard requests > 0 else { throw ValidationError("--sms-requests must be at least 1") }
            logger.info("SMS goes to the gateway", metadata: ["gateway": "\(settings)", "requests": "\(requests)"])
            sms = SMSTransport(settings: settings, requests: requests, templates: messageTemplates, time: time)
            transports[.sms] = sms
        }
        switch (transports[.email] != nil, transports[.sms] != nil) {
        case (false, false):
            logger.warning(
                "No mail or SMS transport: notifications are written to the log, nothing is sent, and invites stay pending",
                metadata: ["transport": "log"]
            )
        case (true, false):
            logger.warning("No SMS gateway: SMS notifications are written to the log and nothing is sent", metadata: ["transport": "log"])
        case (false, true):
            logger.warning("No mail server: email notifications are written to the log and nothing is sent", metadata: ["transport": "log"])
        case (true, true):
            break
        }
        let gateway = sms
        return Delivery(
            transport: ChannelTransport(transports, fallback: LogTransport(logger: logger)),
            shutdown: { try await gateway?.shutdown() }
        )
    }

    /// The zone messages and pages state event times in.
    func zone() throws -> TimeZone {
        let zoneName = timeZone ?? ProcessInfo.processInfo.environment["SECUREGATE_TIME_ZONE"] ?? "UTC"
        guard let zone = TimeZone(identifier: zoneName) else {
            throw ValidationError("--time-zone must be an IANA time zone such as Europe/Berlin, not \(zoneName.debugDescription)")
        }
        return zone
    }

    /// The built-in templates with the folder's in their place, stating times in the time zone set.
    private func loadTemplates(logger: Logger) async throws -> MessageTemplates {
        let environment = ProcessInfo.processInfo.environment
        let zone = try zone()
        let directory = templates ?? environment["SECUREGATE_TEMPLATES"]
        if let directory {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
                throw ValidationError("--templates must be a folder: \(directory)")
            }
        }
        do {
            let loaded = try await MessageTemplates(directory: directory, timeZone: zone)
            if let directory {
                logger.info("Message templates", metadata: ["folder": "\(directory)", "replaced": "\(loaded.overridden.joined(separator: ","))"])
            }
            return loaded
        } catch let error as MessageTemplates.LoadError {
            throw ValidationError(error.description)
        }
    }
}
