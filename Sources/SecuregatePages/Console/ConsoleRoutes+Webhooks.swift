import Foundation
import Hummingbird
import SecuregateCore

extension ConsoleRoutes {
    /// The account's webhook endpoints: each with its URL, events and state, linking to its page; a form adds
    /// one (its signing secret then shown once).
    func webhooksPage(_ principal: Principal, form: String? = nil, error: String? = nil) async throws -> Response {
        let endpoints = try await services.webhooks.list(for: principal)
        var page: [String: Any] = [
            "key_id": principal.keyID, "none": endpoints.isEmpty, "endpoints": endpoints.map(endpointLine),
            "event_types": Self.eventChoices(checked: form.map { FormBody.values("events", in: $0) } ?? ["*"]),
        ]
        if let form { page["url"] = FormBody.value("url", in: form) ?? ""; page["description"] = FormBody.value("description", in: form) ?? "" }
        if let error { page["form_error"] = error }
        return html(error == nil ? .ok : .unprocessableContent, "console-webhooks", page)
    }

    /// The event types the form offers, `*` first, with whether each is checked.
    static func eventChoices(checked: [String]) -> [[String: Any]] {
        (["*"] + WebhookEventType.allCases.map(\.rawValue)).map { ["type": $0, "everything": $0 == "*", "checked": checked.contains($0)] }
    }

    /// One endpoint in the list and on its page.
    func endpointLine(_ endpoint: WebhookEndpoint) -> [String: Any] {
        var line: [String: Any] = ["endpoint_id": endpoint.id, "url": endpoint.url, "events": endpoint.events.joined(separator: ", "), "made": moment(endpoint.createdAt),
            "every_event": endpoint.events == ["*"]]
        if !endpoint.description.isEmpty { line["description"] = endpoint.description }
        if let disabled = endpoint.disabledAt {
            line["disabled"] = moment(disabled)
            line[endpoint.disabledReason == "paused" ? "paused" : "stopped"] = true
            if let reason = endpoint.disabledReason, reason != "paused" { line["disabled_reason"] = reason }
        } else if let failing = endpoint.failingSince {
            line["failing_since"] = moment(failing)
        }
        return line
    }

    /// Adds an endpoint from the form and shows its secret, once; what the API would refuse is said above the form.
    func createWebhook<Context>(_ request: Request, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await accountAction(request, context) { principal in
            let form = String(buffer: try await request.body.collect(upTo: 16 * 1024))
            let events = FormBody.values("events", in: form)
            do {
                let endpoint = try await services.webhooks.create(
                    WebhookDraft(url: (FormBody.value("url", in: form) ?? "").trimmingCharacters(in: .whitespacesAndNewlines), events: events.contains("*") ? ["*"] : events,
                                 description: FormBody.value("description", in: form) ?? ""),
                    by: principal
                )
                context.logger.info("Webhook endpoint made in the console", metadata: ["endpoint_id": "\(endpoint.id)", "key_id": "\(principal.keyID)"])
                return try await webhookPage(principal, endpoint.id, request, secret: endpoint.secret)
            } catch SecuregateError.invalidWebhook(let reason) {
                return try await webhooksPage(principal, form: form, error: reason)
            }
        }
    }

    /// An endpoint's page: what it wants, its state, **Send a test**, **Pause** or **Resume**, **Rotate the
    /// secret**, **Delete**, and its newest deliveries with every attempt (status, time, error) and **Retry**.
    func webhookPage(_ principal: Principal, _ id: String, _ request: Request, secret: String? = nil) async throws -> Response {
        let endpoint = try await services.webhooks.get(id, for: principal)
        let query = request.uri.query ?? ""
        let older = FormBody.value("older", in: query).flatMap { $0.isEmpty ? nil : $0 }
        let deliveries = try await services.webhooks.deliveries(of: id, cursor: older, limit: 50, for: principal)
        var page = endpointLine(endpoint)
        page["key_id"] = principal.keyID
        page["console_script"] = assets.path("console.js")
        page["deliveries"] = deliveries.items.map(deliveryLine)
        page["no_deliveries"] = deliveries.items.isEmpty
        if let next = deliveries.nextCursor { page["older_url"] = "/console/webhooks/\(id)?older=\(next)" }
        if let secret { page["secret"] = secret }
        if let done = FormBody.value("done", in: query) { page["done_\(done)"] = true }
        if FormBody.value("confirm", in: query) == "delete" { page["confirm_delete"] = true }
        return html(.ok, "console-webhook", page)
    }

    /// One delivery with its attempts.
    func deliveryLine(_ delivery: WebhookDelivery) -> [String: Any] {
        var line: [String: Any] = [
            "delivery_id": delivery.id, "type": delivery.event.type.rawValue, "at": moment(delivery.event.createdAt), "state_\(delivery.state.rawValue)": true,
            "attempt_count": delivery.attemptCount, "can_retry": delivery.state == .failed || delivery.state == .delivered,
            "attempts": delivery.attempts.map { attempt -> [String: Any] in
                var item: [String: Any] = ["at": moment(attempt.attemptedAt), "ms": attempt.durationMilliseconds]
                if let status = attempt.statusCode { item["status"] = status }
                if let error = attempt.error { item["error"] = error }
                return item
            },
        ]
        if let next = delivery.nextAttemptAt, delivery.state == .pending { line["next"] = moment(next) }
        return line
    }

    /// An action of an endpoint's page: test, pause, resume, rotate, delete, or a delivery's retry.
    func webhookAction<Context>(_ id: String, _ action: String, _ request: Request, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await accountAction(request, context) { principal in
            let form = String(buffer: try await request.body.collect(upTo: 4096))
            do {
                switch action {
                case "test": _ = try await services.webhooks.sendTest(to: id, by: principal)
                case "pause": _ = try await services.webhooks.update(id, with: WebhookDraft(enabled: false), by: principal)
                case "resume": _ = try await services.webhooks.update(id, with: WebhookDraft(enabled: true), by: principal)
                case "retry": _ = try await services.webhooks.retry(FormBody.value("delivery", in: form) ?? "", of: id, by: principal)
                case "rotate":
                    let endpoint = try await services.webhooks.rotateSecret(id, by: principal)
                    context.logger.info("Webhook secret rotated in the console", metadata: ["endpoint_id": "\(id)", "key_id": "\(principal.keyID)"])
                    return try await webhookPage(principal, id, request, secret: endpoint.secret)
                case "delete":
                    _ = try await services.webhooks.delete(id, by: principal)
                    context.logger.info("Webhook endpoint deleted in the console", metadata: ["endpoint_id": "\(id)", "key_id": "\(principal.keyID)"])
                    return Response(status: .seeOther, headers: [.location: "/console/webhooks"])
                default: return html(.unprocessableContent, "problem", ["bad_request": true])
                }
            } catch SecuregateError.webhookDisabled {
                return Response(status: .seeOther, headers: [.location: "/console/webhooks/\(id)?done=disabled"])
            }
            context.logger.info("Webhook endpoint changed in the console", metadata: ["endpoint_id": "\(id)", "action": "\(action)", "key_id": "\(principal.keyID)"])
            return Response(status: .seeOther, headers: [.location: "/console/webhooks/\(id)?done=\(action)"])
        }
    }
}
