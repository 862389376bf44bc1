import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOCore
import Logging
import ServiceLifecycle
import SecuregateAPI
import SecuregateBuildInfo
import SecuregateCore
import SecuregatePages
import SecuregateStore

/// Builds the Securegate application: the router with every operation, and beside it the workers that deliver
/// messages and webhooks (without a webhook transport, webhook events are kept but not sent) and forget what
/// outlived its retention.
public func buildApplication(
    configuration: AppConfiguration, services: SecuregateServices, transport: any NotificationTransport,
    webhooks: (any WebhookTransport)? = nil, time: any TimeSource, logger: Logger, readiness: Readiness = Readiness(),
    metrics: ServerMetrics = ServerMetrics()
) throws -> some ApplicationProtocol {
    let router = buildRouter(services: services, configuration: configuration, time: time, readiness: readiness, metrics: metrics)
    let transport = MeteredNotificationTransport(base: transport, metrics: metrics)
    var dispatcher = OutboxDispatcher(store: services.store, transport: transport, time: time)
    dispatcher.lease = configuration.deliveryLease
    dispatcher.links = configuration.linksInMessages ? services.invitees : nil
    let delivery = PeriodicWorker.outboxDelivery(dispatcher: dispatcher, interval: configuration.outboxInterval, logger: logger)
    let retention = PeriodicWorker.retention(services: services, configuration: configuration, logger: logger)
    var workers: [any Service] = [delivery, retention]
    if let webhooks, configuration.webhookConcurrency > 0 {
        let webhooks = MeteredWebhookTransport(base: webhooks, metrics: metrics)
        var dispatcher = WebhookDispatcher(store: services.store, transport: webhooks, time: time)
        dispatcher.concurrency = configuration.webhookConcurrency
        dispatcher.batchSize = configuration.webhookConcurrency * 2
        dispatcher.requestTimeout = configuration.webhookTimeout
        dispatcher.retries = configuration.webhookRetries
        workers.append(PeriodicWorker.webhookDelivery(dispatcher: dispatcher, interval: configuration.webhookInterval, logger: logger))
    }
    if let port = configuration.metricsPort {
        workers.append(metricsApplication(port: port, configuration: configuration, services: services, metrics: metrics, time: time, logger: logger))
    }
    workers.append(CertificateReloadService(certificates: configuration.tls, logger: logger))
    let connections = ConnectionLimitHandler.Count()
    let http1 = HTTPServerBuilder.http1(configuration: .init(
        additionalChannelHandlers: [
            ConnectionLimitHandler(count: connections, limit: configuration.maxConnections),
            ReadTimeoutHandler(headTimeout: .init(configuration.headerReadTimeout), bodyTimeout: .init(configuration.bodyReadTimeout)),
            MalformedRequestBodyHandler(),
            ExpectContinueHandler(),
        ],
        idleTimeout: .init(configuration.idleTimeout),
        // A request head is at most 64 KiB in 100 fields: enough for any client, and a flood is refused.
        httpDecoderConfiguration: .init(maxHeaderFieldSize: 64 * 1024, maxHeaderListSize: 64 * 1024, maxHeaderFieldCount: 100)
    ))
    // `.tls` only throws for a configuration NIOSSL refuses; the pair was checked when it was loaded.
    let server = try configuration.tls.map { try HTTPServerBuilder.tls(http1, tlsConfiguration: $0.serverConfiguration()) } ?? http1
    return Application(
        router: router,
        server: server,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "securegate"),
        services: workers,
        logger: logger
    )
}

/// The router: health and readiness, the OpenAPI document, the API and the pages.
public func buildRouter(
    services: SecuregateServices, configuration: AppConfiguration = AppConfiguration(), time: any TimeSource = SystemTimeSource(),
    readiness: Readiness = Readiness(), metrics: ServerMetrics = ServerMetrics()
) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    var extraPaths = ["/healthz": ["GET"], "/readyz": ["GET"], "/version": ["GET"], "/openapi.json": ["GET"]]
        .merging(InviteePageRoutes.paths) { $1 }.merging(APIDocsRoutes.paths) { $1 }.merging(DoorPageRoutes.paths) { $1 }
        .merging(ConsoleRoutes.paths) { $1 }
    if configuration.metricsPort == nil {
        extraPaths["/metrics"] = ["GET"]
    }
    let routes = RouteTable(operations: Operations.all, extraPaths: extraPaths)
    router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
    router.add(middleware: RequestLogMiddleware(routes: routes, proxies: configuration.trustedProxies))
    router.add(middleware: MethodNotAllowedMiddleware(routes: routes))
    router.get("/healthz") { _, _ in
        JSONResponse.detail(.ok, "ok")
    }
    router.get("/readyz") { _, _ in
        await readiness.answer(services: services)
    }
    let version: [UInt8] = {
        var writer = JSONWriter(capacity: 256)
        writer.value(.object(JSONObject([
            ("version", .string(securegateVersion)), ("commit", .string(BuildInfo.commit)), ("build_date", .string(BuildInfo.date)),
            ("schema_version", .int(SQLStore.schemaVersion)),
        ])))
        return writer.bytes
    }()
    router.get("/version") { _, _ in
        JSONResponse.make(.ok, bytes: version)
    }
    if configuration.metricsPort == nil {
        metrics.serve(on: router, store: services.store, time: time)
    }
    let document = OpenAPIDocument.build(version: securegateVersion)
    let openAPI: [UInt8] = {
        var writer = JSONWriter(capacity: 32_768)
        writer.value(document)
        return writer.bytes
    }()
    router.get("/openapi.json") { _, _ in
        JSONResponse.make(.ok, bytes: openAPI)
    }
    let limiter = KeyRateLimiter(
        settings: .init(rate: configuration.rateLimit, burst: configuration.rateBurst, maxConcurrent: configuration.maxConcurrentPerKey),
        time: time
    )
    let limits = RequestLimits(perKey: limiter, bodies: BodyBudget(limit: configuration.maxBufferedBodyBytes), metrics: metrics)
    APIRoutes.register(on: router, services: services, limits: limits)
    DoorRoutes.register(on: router, services: services, limits: limits)
    FaceRoutes.register(on: router, services: services, limits: limits)
    WebhookRoutes.register(on: router, services: services, limits: limits)
    let assets = PageAssets()
    router.add(middleware: assets.middleware(for: AppRequestContext.self))
    let templates = PageTemplates()
    APIDocsRoutes(document: document, version: securegateVersion, templates: templates, assets: assets).register(on: router)
    let counts = EventCountsFeed(events: services.events)
    DoorPageRoutes(
        doors: services.doors, events: services.events, keys: services.keys, checkins: services.checkins, templates: templates, assets: assets,
        timeZone: configuration.timeZone, secureCookie: services.doors.publicURL.hasPrefix("https:"), feed: counts
    ).register(on: router)
    InviteePageRoutes(
        invitees: services.invitees, templates: templates, assets: assets, timeZone: configuration.timeZone, time: time,
        imageFetcher: services.imageFetcher
    ).register(on: router)
    ConsoleRoutes(
        services: ConsoleServices(
            console: services.console, events: services.events, invites: services.invites, invitees: services.invitees, faces: services.faces,
            doors: services.doors, checkins: services.checkins, keys: services.keys, webhooks: services.webhooks
        ),
        templates: templates, assets: assets, timeZone: configuration.timeZone,
        sessions: StorePersistDriver(store: services.store, time: services.time, hasher: services.hasher),
        secureCookie: services.doors.publicURL.hasPrefix("https:"), counts: counts
    ).register(on: router)
    return router
}

/// The server of `--metrics-port`: `/metrics` alone, on a port of its own that need not be public.
func metricsApplication(
    port: Int, configuration: AppConfiguration, services: SecuregateServices, metrics: ServerMetrics, time: any TimeSource, logger: Logger
) -> some Service {
    let router = Router(context: AppRequestContext.self)
    metrics.serve(on: router, store: services.store, time: time)
    return Application(
        router: router, configuration: .init(address: .hostname(configuration.host, port: port), serverName: "securegate"), logger: logger
    )
}
