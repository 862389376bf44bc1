import Hummingbird
import SecuregateAPI
import SecuregateCore

/// The webhook endpoints of an account (admin keys only), each a translation to `WebhookService`.
enum WebhookRoutes {
    static func register(on router: Router<AppRequestContext>, services: SecuregateServices, limits: RequestLimits) {
        let keys = services.keys
        let webhooks = services.webhooks

        router.add(Operations.createWebhook, keys: keys, limits: limits) { input in
            let endpoint = try await webhooks.create(input.body.draft, by: input.principal)
            input.logger.info("Webhook endpoint created", metadata: ["webhook": "\(endpoint.id)"])
            return WebhookEndpointWithSecret(endpoint)
        }
        router.add(Operations.listWebhooks, keys: keys, limits: limits) { input in
            try await webhooks.list(for: input.principal)
        }
        router.add(Operations.getWebhook, keys: keys, limits: limits) { input in
            try await webhooks.get(input.path("webhook_id"), for: input.principal)
        }
        router.add(Operations.updateWebhook, keys: keys, limits: limits) { input in
            try await webhooks.update(input.path("webhook_id"), with: input.body.draft, by: input.principal)
        }
        router.add(Operations.deleteWebhook, keys: keys, limits: limits) { input in
            let endpoint = try await webhooks.delete(input.path("webhook_id"), by: input.principal)
            input.logger.info("Webhook endpoint deleted", metadata: ["webhook": "\(endpoint.id)"])
            return endpoint
        }
        router.add(Operations.rotateWebhookSecret, keys: keys, limits: limits) { input in
            let endpoint = try await webhooks.rotateSecret(input.path("webhook_id"), by: input.principal)
            input.logger.info("Webhook secret rotated", metadata: ["webhook": "\(endpoint.id)"])
            return WebhookEndpointWithSecret(endpoint)
        }
        router.add(Operations.listWebhookDeliveries, keys: keys, limits: limits) { input in
            try await webhooks.deliveries(
                of: input.path("webhook_id"), cursor: input.query.cursor, limit: input.query.limit, for: input.principal
            )
        }
        router.add(Operations.retryWebhookDelivery, keys: keys, limits: limits) { input in
            let delivery = try await webhooks.retry(input.path("delivery_id"), of: input.path("webhook_id"), by: input.principal)
            input.logger.info("Webhook delivery retried", metadata: ["webhook": "\(delivery.endpointID)", "delivery": "\(delivery.id)"])
            return delivery
        }
        router.add(Operations.testWebhook, keys: keys, limits: limits) { input in
            let delivery = try await webhooks.sendTest(to: input.path("webhook_id"), by: input.principal)
            input.logger.info("Webhook test queued", metadata: ["webhook": "\(delivery.endpointID)", "delivery": "\(delivery.id)"])
            return delivery
        }
    }
}
