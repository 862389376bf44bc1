import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SecuregateAPI
import SecuregateCore

/// Serves one declared operation the way FastAPI does: read and parse the body, authenticate, validate the query
/// and the body together (every error listed), then call the handler and translate its answer or its error.
struct APIHandler<Query: APIInputModel, Body: APIInputModel, Output: APIEncodable>: Sendable {
    let operation: APIOperation<Query, Body, Output>
    let keys: KeyService
    let limits: RequestLimits
    let handler: @Sendable (APIInput<Query, Body>) async throws -> Output
    /// Whether the operation answers with bytes rather than JSON, decided once per route.
    let isBinary = Output.self is any BinaryBody.Type
    /// Whether the operation answers with an array, which is sent in pieces when long.
    let isArray = Output.self is any APIEncodableArray.Type
    /// The path's parameter names, read once per route rather than from the template on every request.
    let pathParameters: [String]

    init(
        operation: APIOperation<Query, Body, Output>, keys: KeyService, limits: RequestLimits,
        handler: @escaping @Sendable (APIInput<Query, Body>) async throws -> Output
    ) {
        self.operation = operation
        self.keys = keys
        self.limits = limits
        self.handler = handler
        self.pathParameters = operation.pathParameters
    }

    func respond(to request: Request, context: AppRequestContext) async throws -> Response {
        // FastAPI reads and parses the body before it runs the security dependency.
        var bodyValue: JSONValue?
        var image: ImageUpload?
        // The body's bytes stay counted against the process's budget until the answer is made from them. Only
        // operations that read a body make a reservation: the others (most reads) allocate nothing for it.
        let reservation = operation.hasBody || operation.hasImageBody ? BodyReservation(budget: limits.bodies) : nil
        defer { reservation?.release() }
        if let reservation, operation.hasBody {
            switch try await readBody(request, reservation) {
            case .success(let value): bodyValue = value
            case .failure(let failure): return failure.response
            }
        } else if let reservation, operation.hasImageBody {
            switch try await collectBody(request, reservation) {
            case .success(let bytes): image = ImageUpload(bytes: Data(bytes.readableBytesView))
            case .failure(let failure): return failure.response
            }
        }
        guard let key = request.headers[.apiKey], !key.isEmpty else {
            return JSONResponse.detail(.unauthorized, "Not authenticated", headers: [.wwwAuthenticate: "APIKey"])
        }
        let principal: Principal
        do {
            principal = try await keys.authenticate(key)
        } catch SecuregateError.invalidAPIKey {
            return JSONResponse.detail(.unauthorized, SecuregateError.invalidAPIKey.detail)
        }
        if case .limited(let retryAfter) = limits.perKey.acquire(principal.keyID) {
            limits.metrics.rateLimited.increment()
            return JSONResponse.detail(.tooManyRequests, "Rate limit exceeded", headers: [.retryAfter: String(retryAfter)])
        }
        defer { limits.perKey.release(principal.keyID) }
        guard operation.scopes.contains(principal.scope) else {
            return Self.response(for: .notAllowedForKey)
        }
        var issues: [ValidationIssue] = []
        var path: [String: String] = [:]
        for name in pathParameters {
            // Starlette hands path parameters over percent-decoded.
            let raw = context.parameters.get(name) ?? ""
            // Validated as every other string is (NUL refused), so path, query and body share one rule.
            path[name] = String.validate(.string(raw.removingPercentEncoding ?? raw), at: ["path", .key(name)], into: &issues)
        }
        let queryObject = QueryString.parse(request.uri.query.map { Substring($0) } ?? "")
        let query = Query.model.validate(
            .object(queryObject), into: Query(), at: ["query"], missingInput: .null, errors: &issues
        )
        if image?.photo == nil {
            for name in operation.requiredWithoutImage where queryObject[name] == nil {
                issues.append(ValidationIssue(type: "missing", loc: ["query", .key(name)], msg: "Field required", input: .null))
            }
        }
        var body: Body? = image.flatMap { $0 as? Body } ?? Body()
        if operation.hasBody {
            if let bodyValue, bodyValue != .null {
                body = Body.validate(bodyValue, at: ["body"], into: &issues)
            } else {
                issues.append(ValidationIssue(type: "missing", loc: ["body"], msg: "Field required", input: .null))
            }
        }
        guard issues.isEmpty, let query, let body else {
            return JSONResponse.validationErrors(issues)
        }
        let logger = context.logger.with(metadata: ["account": "\(principal.accountID)", "key": "\(principal.keyID)"])
        let input = APIInput(principal: principal, path: path, query: query, body: body, logger: logger)
        do {
            let output = operation.worksOnPhotos
                ? try await Self.cancelledWhenClosed(context.channel) { try await handler(input) }
                : try await handler(input)
            // Checked on the type first: a cast to an existential costs more than the rest of a small answer.
            if isBinary, let binary = output as? any BinaryBody {
                return JSONResponse.binary(binary)
            }
            if isArray, let array = output as? any APIEncodableArray {
                return JSONResponse.make(.ok, array: array)
            }
            return JSONResponse.make(.ok, output)
        } catch let error as SecuregateError {
            return Self.response(for: error)
        }
    }

    /// Runs `work` in a task that is cancelled when `channel` closes: a client that leaves takes its photo out of
    /// the line in front of the face workers.
    static func cancelledWhenClosed<T: Sendable>(
        _ channel: any Channel, _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let task = Task { try await work() }
        channel.closeFuture.whenComplete { _ in task.cancel() }
        return try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
    }

    /// The body as JSON when the content type says JSON, else as text, as FastAPI reads it.
    private func readBody(_ request: Request, _ reservation: BodyReservation) async throws -> Result<JSONValue?, ResponseError> {
        let buffer: ByteBuffer
        switch try await collectBody(request, reservation) {
        case .success(let collected): buffer = collected
        case .failure(let failure): return .failure(failure)
        }
        let bytes = buffer.readableBytesView
        guard !bytes.isEmpty else { return .success(nil) }
        guard ContentType.isJSON(request.headers[.contentType]) else {
            return .success(.string(String(decoding: bytes, as: UTF8.self)))
        }
        do {
            return .success(try PythonJSONParser.parse(bytes))
        } catch {
            return .failure(ResponseError(response: JSONResponse.validationErrors([.jsonInvalid(error)])))
        }
    }

    /// The whole body, its bytes reserved in the process's budget first; a 413 when it is larger than the
    /// limit, a 503 when the budget has no room for it in time.
    private func collectBody(_ request: Request, _ reservation: BodyReservation) async throws -> Result<ByteBuffer, ResponseError> {
        let tooLarge = ResponseError(response: JSONResponse.detail(.contentTooLarge, "Request body too large"))
        if let length = request.headers[.contentLength].flatMap({ Int($0) }) {
            guard length <= APILimits.maxBodySize else { return .failure(tooLarge) }
            guard await reservation.add(length) else { return .failure(Self.busy) }
            do {
                return .success(try await request.body.collect(upTo: length))
            } catch let error as HTTPError where error.status == .contentTooLarge {
                return .failure(tooLarge)
            }
        }
        // A chunked body: each piece is reserved as it comes.
        var collected = ByteBuffer()
        for try await piece in request.body {
            guard collected.readableBytes + piece.readableBytes <= APILimits.maxBodySize else { return .failure(tooLarge) }
            guard await reservation.add(piece.readableBytes) else { return .failure(Self.busy) }
            collected.writeImmutableBuffer(piece)
        }
        return .success(collected)
    }

    /// The answer when the process holds as many body bytes as it may.
    static var busy: ResponseError {
        ResponseError(response: JSONResponse.detail(.serviceUnavailable, "Server is busy; retry shortly", headers: [.retryAfter: "1"]))
    }

    static func response(for error: SecuregateError) -> Response {
        let status: HTTPResponse.Status = switch error {
        case .eventNotFound, .inviteNotFound, .noMatchingInvitee, .faceNotEnrolled, .linkNotFound, .webhookNotFound,
             .webhookDeliveryNotFound, .doorNotFound: .notFound
        case .eventArchived, .nonceReused, .answerClosed, .faceStepClosed, .webhookDisabled: .conflict
        case .consentRequired: .badRequest
        case .lookupNeedsSessionOrInvite, .imageFetchFailed: .badRequest
        case .unreadableImage, .noFaceFound, .multipleFaces, .imageRequired, .scanNeedsCodeOrFace, .imageTooLarge, .invalidWebhook, .invalidDoor:
            .unprocessableContent
        case .faceNotConfigured, .storageUnavailable, .faceBusy, .codeReadingNotConfigured, .frameReaderBusy: .serviceUnavailable
        case .notAllowedForKey: .forbidden
        case .invalidAPIKey: .unauthorized
        case .tooManyFrames: .tooManyRequests
        }
        // A busy face or frame queue frees up within a photo's time.
        let headers: HTTPFields = switch error {
        case .faceBusy, .frameReaderBusy: [.retryAfter: "1"]
        case .tooManyFrames(let wait): [.retryAfter: String(wait)]
        default: [:]
        }
        return JSONResponse.detail(status, error.detail, headers: headers)
    }
}

/// Limits on what a request may carry.
public enum APILimits {
    /// The largest body accepted: 16 MiB.
    public static let maxBodySize = 16 * 1024 * 1024
}

/// A finished response carried through a `Result`.
struct ResponseError: Error {
    let response: Response
}

extension HTTPField.Name {
    static let apiKey = HTTPField.Name("x-api-key")!
    static let requestID = HTTPField.Name("x-request-id")!
    static let xForwardedFor = HTTPField.Name("x-forwarded-for")!
}

extension Logger {
    /// A copy of this logger with extra metadata.
    func with(metadata: Logger.Metadata) -> Logger {
        var logger = self
        // One assignment: a handler may redo work on every change of its metadata (StreamLogHandler
        // re-renders all of it), and this runs on every request.
        logger.handler.metadata.merge(metadata) { $1 }
        return logger
    }
}
