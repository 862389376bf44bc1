import CSMTP
import Foundation
import SecuregateCore

/// Email over SMTP through libcurl: a few connections, each kept open across messages and used by one thread
/// of its own at a time (libcurl blocks), never an event loop. The server's answer decides: accepted (250
/// after DATA) is delivered; a 5xx reply is a permanent failure (the recipient or the message refused); a 4xx
/// reply, no reply at all (connection, TLS, time-out) and refused credentials (a setting an operator can
/// correct) are temporary.
public final class SMTPTransport: NotificationTransport, @unchecked Sendable {
    let settings: SMTPSettings
    let templates: MessageTemplates
    let time: any TimeSource
    private let connections: WorkerPool<SMTPConnection>

    /// A transport to the server of `settings`, with at most `connections` open at once, writing messages with
    /// `templates`.
    public init(settings: SMTPSettings, connections: Int = 4, templates: MessageTemplates, time: any TimeSource) {
        self.settings = settings
        self.templates = templates
        self.time = time
        self.connections = WorkerPool(limit: connections) { try SMTPConnection(settings) }
    }

    public func deliver(_ invitation: Invitation) async throws {
        let message = invitation.message
        guard let recipient = MailAddress(message.recipient) else {
            throw DeliveryFailure.permanent("not an email address: \(message.recipient)")
        }
        let name = "\(invitation.invite.firstName) \(invitation.invite.lastName)".trimmingCharacters(in: .whitespaces)
        let mail = try MailMessage(
            invitation: invitation, templates: templates, from: settings.from,
            to: MailAddress(name: name.isEmpty ? nil : name, address: recipient.address), date: time.now()
        )
        let connection = try await connections.take()
        let outcome = await connection.send(mail, from: settings.from.address, to: recipient.address)
        await connections.give(connection)
        switch outcome {
        case .accepted:
            return
        case .loginDenied(let reason):
            throw DeliveryFailure.temporary("the mail server refused the credentials: \(reason)")
        case .refused(let reply, let reason) where reply >= 500:
            throw DeliveryFailure.permanent("SMTP \(reply): \(reason)")
        case .refused(let reply, let reason):
            throw DeliveryFailure.temporary(reply > 0 ? "SMTP \(reply): \(reason)" : reason)
        }
    }
}

/// One libcurl connection and the thread its exchanges run on.
final class SMTPConnection: @unchecked Sendable {
    enum Outcome {
        case accepted
        case loginDenied(String)
        /// The server's last reply code (0 when there was none) and what went wrong.
        case refused(reply: Int, reason: String)
    }

    // Only ever used on `queue`, one message at a time.
    private let handle: OpaquePointer
    private let queue = DispatchQueue(label: "securegate.smtp")

    init(_ settings: SMTPSettings) throws {
        let opened = settings.curlURL.withCString { url in
            Self.withOptionalCString(settings.username) { username in
                Self.withOptionalCString(settings.password) { password in
                    Self.withOptionalCString(settings.caFile) { caFile in
                        var config = sg_smtp_config(
                            url: url, username: username, password: password, require_tls: settings.requireTLS ? 1 : 0,
                            verify_tls: settings.verifyTLS ? 1 : 0, ca_file: caFile, timeout_seconds: settings.timeoutSeconds
                        )
                        return sg_smtp_open(&config)
                    }
                }
            }
        }
        guard let opened else { throw DeliveryFailure.temporary("libcurl could not start") }
        handle = opened
    }

    deinit { sg_smtp_close(handle) }

    /// Sends `mail` on this connection's thread.
    func send(_ mail: MailMessage, from: String, to: String) async -> Outcome {
        let bytes = mail.bytes
        return await withCheckedContinuation { continuation in
            queue.async { [self] in
                var reply = 0
                var error = [CChar](repeating: 0, count: 512)
                let result = bytes.withUnsafeBufferPointer { buffer in
                    sg_smtp_send(handle, from, to, buffer.baseAddress, buffer.count, &reply, &error, error.count)
                }
                let reason = String(cString: error)
                let outcome: Outcome = switch result {
                case 0: .accepted
                case SG_SMTP_LOGIN_DENIED: .loginDenied(reason)
                default: .refused(reply: reply, reason: reason)
                }
                continuation.resume(returning: outcome)
            }
        }
    }

    private static func withOptionalCString<T>(_ text: String?, _ body: (UnsafePointer<CChar>?) -> T) -> T {
        guard let text else { return body(nil) }
        return text.withCString(body)
    }
}
