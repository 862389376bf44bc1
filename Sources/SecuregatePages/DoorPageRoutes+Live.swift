import Hummingbird

extension DoorPageRoutes {
    /// The event's counts as Server-Sent Events for this device's door; 401 for a device that is no door.
    func liveCounts(_ request: Request) async throws -> Response {
        guard let (principal, door) = try await device(request) else { return Response(status: .unauthorized) }
        return feed.stream(eventID: door.eventID, as: principal)
    }
}
