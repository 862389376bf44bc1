import Hummingbird
import HummingbirdAuth

/// The console's request context: the parent's, with the session the session middleware loads and saves.
public struct ConsoleRequestContext<Parent: RequestContext>: ChildRequestContext, SessionRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<ConsoleSession>

    public init(context: Parent) {
        coreContext = context.coreContext
        sessions = SessionContext()
    }
}
