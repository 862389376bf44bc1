import Foundation
import Hummingbird
import SecuregateCore

extension ConsoleRoutes {
    /// The account's API keys: each with its label, scope, when made, when it expires or was revoked, and
    /// **Revoke**; a form makes a new one, shown once on the page that answers it.
    func keysPage(_ principal: Principal, _ request: Request, made: (APIKeyRecord, APIKeyToken)? = nil, error: Bool = false) async throws -> Response {
        let now = services.console.now
        let keys = try await services.keys.keys(for: principal)
        var page: [String: Any] = [
            "key_id": principal.keyID, "label_error": error, "console_script": assets.path("console.js"),
            "keys": keys.reversed().map { key -> [String: Any] in
                var line: [String: Any] = [
                    "id": key.id, "scope": key.scope.rawValue, "admin": key.scope == .admin, "made": moment(key.createdAt),
                    "current": key.id == principal.keyID, "valid": key.isValid(at: now),
                ]
                if !key.label.isEmpty { line["label"] = key.label }
                if let revoked = key.revokedAt { line["revoked"] = moment(revoked) }
                if let expires = key.expiresAt { line[expires > now ? "expires" : "expired"] = moment(expires) }
                return line
            },
        ]
        if let revoked = FormBody.value("revoked", in: request.uri.query ?? "") { page["revoked_id"] = revoked }
        if let (record, token) = made {
            page["made_token"] = token.text
            page["made_admin"] = record.scope == .admin
        }
        // Like every page, it is served `Cache-Control: no-store` (PageHeadersMiddleware): the key is kept nowhere.
        return html(error ? .unprocessableContent : .ok, "console-keys", page)
    }

    /// Makes a key in the account from the form (label, scope, days it lasts) and shows it, once.
    func createKey<Context>(_ request: Request, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await accountAction(request, context) { principal in
            let form = String(buffer: try await request.body.collect(upTo: 4096))
            let label = (FormBody.value("label", in: form) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !label.isEmpty, label.count <= 100 else { return try await keysPage(principal, request, error: true) }
            let scope = FormBody.value("scope", in: form).flatMap(APIKeyScope.init(rawValue:)) ?? .admin
            let days = FormBody.value("days", in: form).flatMap(Int.init).flatMap { $0 > 0 && $0 <= 3650 ? $0 : nil }
            let made = try await services.keys.issue(scope: scope, label: label, lifetime: days.map { Double($0) * 86_400 }, for: principal)
            context.logger.info("API key made in the console", metadata: ["new_key_id": "\(made.record.id)", "scope": "\(scope.rawValue)", "key_id": "\(principal.keyID)"])
            return try await keysPage(principal, request, made: made)
        }
    }

    /// Revokes a key of the account at once (the one signed in with too, which ends this session).
    func revokeKey<Context>(_ keyID: String, _ request: Request, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await accountAction(request, context) { principal in
            guard try await services.keys.revoke(keyID: keyID, for: principal) else { return html(.notFound, "problem", ["not_found": true]) }
            context.logger.info("API key revoked in the console", metadata: ["revoked_key_id": "\(keyID)", "key_id": "\(principal.keyID)"])
            return Response(status: .seeOther, headers: [.location: keyID == principal.keyID ? "/console" : "/console/keys?revoked=\(keyID)"])
        }
    }
}
