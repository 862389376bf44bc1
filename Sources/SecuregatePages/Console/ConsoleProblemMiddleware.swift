import Hummingbird
import SecuregateCore

/// Turns the domain's refusals that a console page can meet (a stale tab posting to an archived event, an
/// invite or door that is gone) into the console's own pages rather than the API's JSON; anything else is
/// left to the server's error handling.
struct ConsoleProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let templates: PageTemplates
    let assets: PageAssets

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch SecuregateError.eventArchived {
            return templates.page(.conflict, "problem", ["archived": true], assets: assets)
        } catch SecuregateError.eventNotFound, SecuregateError.inviteNotFound, SecuregateError.doorNotFound, SecuregateError.webhookNotFound,
            SecuregateError.webhookDeliveryNotFound {
            return templates.page(.notFound, "problem", ["not_found": true], assets: assets)
        }
    }
}
