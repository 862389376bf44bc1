import Foundation

/// Who a photo showed: the matched invite, how near, and when the identification ran.
public struct Identification: Sendable, Equatable {
    public var invite: Invite
    public var distance: Float
    public var threshold: Float
    public var startedAt: Date
    public var finishedAt: Date

    public init(invite: Invite, distance: Float, threshold: Float, startedAt: Date, finishedAt: Date) {
        self.invite = invite
        self.distance = distance
        self.threshold = threshold
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}
