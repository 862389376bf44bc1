import Foundation

/// An event's start and end as people read them, in one time zone: `Sunday 17 March 2030`, `18:00`, and the
/// zone's offset from UTC at the start. Messages and pages say times the same way.
public struct EventTimes: Sendable, Equatable {
    public var startsOn: String
    public var startsAt: String
    public var endsOn: String
    public var endsAt: String
    /// `UTC+01:00` at the start.
    public var utcOffset: String

    /// Whether the event ends on the day it starts.
    public var sameDay: Bool { startsOn == endsOn }

    public init(_ event: Event, in timeZone: TimeZone) {
        let starts = Date(timeIntervalSince1970: Event.seconds(fromTimestamp: event.startTimestamp))
        let ends = Date(timeIntervalSince1970: Event.seconds(fromTimestamp: event.endTimestamp))
        let calendar = Calendar(identifier: .gregorian)
        let posix = Locale(identifier: "en_US_POSIX")
        let day = Date.VerbatimFormatStyle(
            format: "\(weekday: .wide) \(day: .defaultDigits) \(month: .wide) \(year: .defaultDigits)",
            locale: posix, timeZone: timeZone, calendar: calendar
        )
        startsOn = starts.formatted(day)
        startsAt = Self.clock(starts, in: timeZone)
        endsOn = ends.formatted(day)
        endsAt = Self.clock(ends, in: timeZone)
        utcOffset = Self.utcOffset(timeZone.secondsFromGMT(for: starts))
    }

    /// `18:00`: the time of day of `date` in `timeZone`, as pages and messages say it.
    public static func clock(_ date: Date, in timeZone: TimeZone) -> String {
        date.formatted(Date.VerbatimFormatStyle(
            format: "\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: timeZone, calendar: Calendar(identifier: .gregorian)
        ))
    }

    /// `UTC+01:00`, `UTC-03:30`, `UTC+00:00`.
    public static func utcOffset(_ seconds: Int) -> String {
        let minutes = abs(seconds) / 60
        return "UTC\(seconds < 0 ? "-" : "+")\(String(format: "%02d:%02d", minutes / 60, minutes % 60))"
    }

    /// The names templates use for these, with `same_day`.
    public var templateValues: [String: Any] {
        [
            "starts_on": startsOn, "starts_at": startsAt, "ends_on": endsOn, "ends_at": endsAt, "same_day": sameDay,
            "utc_offset": utcOffset,
        ]
    }
}
