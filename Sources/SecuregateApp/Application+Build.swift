import Hummingbird
import NIOCore
import Logging
import ServiceLifecycle
import SecuregateAPI
import SecuregateCore
import SecuregatePages

/// The server's version, shown in the OpenAPI document.
public let securegateVersion = "0.1.0"

/// Builds the Securegate application: the router with every operation, and beside it the workers that deliver
/// messages and webhooks (without a webhook transport, webhook events are kept but not sent) and forget what
/// outlived its retention.
public func buildApplication(
    configuration: AppConfiguration, services: SecuregateServices, transport: any NotificationTransport,
    webhooks: (any WebhookTransport)? = nil, time: any TimeSource, logger: Logger, readiness: Readiness = Readiness()
) -> some ApplicationProtocol {
    let router = buildRouter(services: services, configuration: configuration, time: time, readiness: readiness)
    var dispatcher = OutboxDispatcher(store: services.store, transport: transport, time: time)
    dispatcher.lease = configuration.deliveryLease
    dispatcher.links = configuration.linksInMessages ? services.invitees : nil
    let delivery = PeriodicWorker.outboxDelivery(dispatcher: dispatcher, interval: configuration.outboxInterval, logger: logger)
    let retention = PeriodicWorker.retention(services: services, configuration: configuration, logger: logger)
    var workers: [any Service] = [delivery, retention]
    if let webhooks, configuration.webhookConcurrency > 0 {
        var dispatcher = WebhookDispatcher(store: services.store, transport: webhooks, time: time)
        dispatcher.concurrency = configuration.webhookConcurrency
        dispatcher.batchSize = configuration.webhookConcurrency * 2
        dispatcher.requestTimeout = configuration.webhookTimeout
        dispatcher.retries = configuration.webhookRetries
        workers.append(PeriodicWorker.webhookDelivery(dispatcher: dispatcher, interval: configuration.webhookInterval, logger: logger))
    }
    let connections = ConnectionLimitHandler.Count()
    return Application(
        router: router,
        server: .http1(configuration: .init(
            additionalChannelHandlers: [
                ConnectionLimitHandler(count: connections, limit: configuration.maxConnections),
                ReadTimeoutHandler(headTimeout: .init(configuration.headerReadTimeout), bodyTimeout: .init(configuration.bodyReadTimeout)),
                MalformedRequestBodyHandler(),
                ExpectContinueHandler(),
            ],
            idleTimeout: .init(configuration.idleTimeout),
            // A request head is at most 64 KiB in 100 fields: enough for any client, and a flood is refused.
            httpDecoderConfiguration: .init(maxHeaderFieldSize: 64 * 1024, maxHeaderListSize: 64 * 1024, maxHeaderFieldCount: 100)
        )),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "securegate"),
        services: workers,
        logger: logger
    )
}

/// The router: health and readiness, the OpenAPI document, the API and the pages.
public func buildRouter(
    services: SecuregateServices, configuration: AppConfiguration = AppConfiguration(), time: any TimeSource = SystemTimeSource(),
    readiness: Readiness = Readiness()
) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    let routes = RouteTable(
        operations: Operations.all,
        extraPaths: ["/healthz": ["GET"], "/readyz": ["GET"], "/openapi.json": ["GET"]].merging(InviteePageRoutes.paths) { $1 }
    )
    router.add(middleware: RequestLogMiddleware(routes: routes, proxies: configuration.trustedProxies))
    router.add(middleware: MethodNotAllowedMiddleware(routes: routes))
    router.get("/healthz") { _, _ in
        JSONResponse.detail(.ok, "ok")
    }
    router.get("/readyz") { _, _ in
        await readiness.answer(services: services)
    }
    let openAPI: [UInt8] = {
        var writer = JSONWriter(capacity: 32_768)
        writer.value(OpenAPIDocument.build(version: securegateVersion))
        return writer.bytes
    }()
    router.get("/openapi.json") { _, _ in
        JSONResponse.make(.ok, bytes: openAPI)
    }
    let limiter = KeyRateLimiter(
        settings: .init(rate: configuration.rateLimit, burst: configuration.rateBurst, maxConcurrent: configuration.maxConcurrentPerKey),
        time: time
    )
    let limits = RequestLimits(perKey: limiter, bodies: BodyBudget(limit: configuration.maxBufferedBodyBytes))
    APIRoutes.register(on: router, services: services, limits: limits)
    DoorRoutes.register(on: router, services: services, limits: limits)
    FaceRoutes.register(on: router, services: services, limits: limits)
    WebhookRoutes.register(on: router, services: services, limits: limits)
    let assets = PageAssets()
    router.add(middleware: assets.middleware(for: AppRequestContext.self))
    InviteePageRoutes(
        invitees: services.invitees, templates: PageTemplates(), assets: assets, timeZone: configuration.timeZone, time: time,
        imageFetcher: services.imageFetcher
    ).register(on: router)
    return router
}
