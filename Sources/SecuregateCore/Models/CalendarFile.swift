import Foundation

/// An iCalendar file (RFC 5545) that puts an event in the invitee's calendar. Its `UID` is stable per invite,
/// so that a file sent again updates the same entry. It holds no secret and nothing personal (calendars get
/// shared): no entry code, no link, no `ORGANIZER` (clients would mail replies to it).
public struct CalendarFile: Sendable {
    public var uid: String
    public var event: Event
    /// When the file was written.
    public var stamp: Date

    /// The file of `invite`'s event, with the invite's `UID`, whether it comes by email or from the page.
    public init(invite: Invite, event: Event, stamp: Date) {
        self.uid = "\(invite.id)@securegate"
        self.event = event
        self.stamp = stamp
    }

    /// The file, with CRLF line ends and lines folded at 75 octets.
    public var bytes: [UInt8] {
        let starts = Date(timeIntervalSince1970: Event.seconds(fromTimestamp: event.startTimestamp))
        let ends = Date(timeIntervalSince1970: Event.seconds(fromTimestamp: event.endTimestamp))
        let place = event.location.line
        let description = [event.description, event.instructions]
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }.joined(separator: "\n\n")
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Securegate//Securegate//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            "UID:\(Self.text(uid))",
            "DTSTAMP:\(Self.utc(stamp))",
            "LAST-MODIFIED:\(Self.utc(event.updatedAt))",
            "DTSTART:\(Self.utc(starts))",
            // A calendar needs an end; an event recorded as ending before it starts lasts no time.
            "DTEND:\(Self.utc(max(starts, ends)))",
            "SUMMARY:\(Self.text(event.title))",
            "STATUS:CONFIRMED",
            "TRANSP:OPAQUE",
        ]
        if !place.isEmpty { lines.append("LOCATION:\(Self.text(place))") }
        if !description.isEmpty { lines.append("DESCRIPTION:\(Self.text(description))") }
        lines += ["END:VEVENT", "END:VCALENDAR"]
        return Array(lines.map(Self.folded).joined().utf8)
    }

    /// `20261212T173000Z`.
    static func utc(_ date: Date) -> String {
        date.formatted(Date.VerbatimFormatStyle(
            format: "\(year: .padded(4))\(month: .twoDigits)\(day: .twoDigits)T\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased))\(minute: .twoDigits)\(second: .twoDigits)Z",
            timeZone: TimeZone(identifier: "UTC")!, calendar: Calendar(identifier: .gregorian)
        ))
    }

    /// A TEXT value: backslash, semicolon and comma escaped, line breaks as `\n`.
    static func text(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case ";": escaped += "\\;"
            case ",": escaped += "\\,"
            case "\r\n", "\n", "\r": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A content line ended by CRLF, folded so that no line is over 75 octets, never inside a character.
    static func folded(_ line: String) -> String {
        var result = ""
        var octets = 0
        for character in line {
            let size = character.utf8.count
            if octets + size > 75 {
                result += "\r\n "
                octets = 1
            }
            result.append(character)
            octets += size
        }
        return result + "\r\n"
    }
}
