import Foundation
import SecuregateAPI
import SecuregateCore

/// The console's event form: its fields turned into the API's `EventCreate` body and checked by the API's own
/// declaration, so that what the form refuses is what the API refuses, in the API's words, each next to the
/// field it is about. Times are typed in the server's time zone (`2026-12-24T18:00`, as a browser's
/// date-and-time field sends them); one that cannot be read is passed on as typed, and refused as the API
/// refuses it.
struct EventForm {
    /// The form's fields, in order, with the place of each in the API's body.
    static let fields: [(name: String, loc: [LocPart])] = [
        ("title", ["title"]), ("description", ["description"]), ("instructions", ["instructions"]), ("address", ["location", "address"]),
        ("city", ["location", "city"]), ("state", ["location", "state"]), ("zip", ["location", "zipCode"]),
        ("country", ["location", "country"]), ("starts", ["start_timestamp"]), ("ends", ["end_timestamp"]), ("type", ["type"]),
    ]

    /// What was typed, by field name.
    var values: [String: String]
    let timeZone: TimeZone

    init(form: String, timeZone: TimeZone) {
        var values: [String: String] = [:]
        for field in Self.fields {
            if let value = FormBody.value(field.name, in: form) { values[field.name] = value }
        }
        self.values = values
        self.timeZone = timeZone
    }

    /// The form filled with an event as it is, times in `timeZone`.
    init(event: Event, timeZone: TimeZone) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        func time(_ timestamp: Int) -> String { formatter.string(from: Date(timeIntervalSince1970: Event.seconds(fromTimestamp: timestamp))) }
        values = [
            "title": event.title, "description": event.description, "instructions": event.instructions, "address": event.location.address,
            "city": event.location.city, "state": event.location.state, "zip": event.location.zipCode, "country": event.location.country,
            "starts": time(event.startTimestamp), "ends": time(event.endTimestamp), "type": event.type.rawValue,
        ]
        self.timeZone = timeZone
    }

    /// The API's body for what was typed: empty times are left out (the API then says they are required).
    var body: JSONValue {
        var body = JSONObject()
        var location = JSONObject()
        for field in Self.fields {
            guard let text = values[field.name] else { continue }
            let value: JSONValue
            if field.name == "starts" || field.name == "ends" {
                guard !text.isEmpty else { continue }
                value = Self.seconds(text, in: timeZone).map { .int($0) } ?? .string(text)
            } else {
                value = .string(text)
            }
            if field.loc.count == 2 { location[field.loc[1].name] = value } else { body[field.loc[0].name] = value }
        }
        body["location"] = .object(location)
        return .object(body)
    }

    /// The draft the API's declaration makes of the form, or the errors it finds by field name.
    func draft() -> Result<EventDraft, FieldErrors> {
        var issues: [ValidationIssue] = []
        guard let draft = EventDraft.validate(body, at: ["body"], into: &issues), issues.isEmpty else {
            var errors: [String: String] = [:]
            for issue in issues {
                let loc = Array(issue.loc.dropFirst())
                let field = Self.fields.first { $0.loc == loc }?.name ?? Self.fields.first { loc.starts(with: $0.loc) }?.name ?? "form"
                errors[field] = errors[field] ?? issue.msg
            }
            return .failure(FieldErrors(byField: errors))
        }
        return .success(draft)
    }

    /// Unix seconds of `2026-12-24T18:00` (seconds optional) in `timeZone`.
    static func seconds(_ text: String, in timeZone: TimeZone) -> Int? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return Int(date.timeIntervalSince1970) }
        }
        return nil
    }

    /// The form's errors, by field name.
    struct FieldErrors: Error {
        let byField: [String: String]
    }

    /// The template's context: each field's value and error, and whether there are errors.
    func context(errors: [String: String] = [:]) -> [String: Any] {
        var context: [String: Any] = ["has_errors": !errors.isEmpty, "type_fixed": values["type"] == "fixed"]
        for field in Self.fields {
            context[field.name] = values[field.name] ?? ""
            if let error = errors[field.name] { context["\(field.name)_error"] = error }
        }
        if let error = errors["form"] { context["form_error"] = error }
        return context
    }
}

extension LocPart {
    /// The key of a key part.
    var name: String {
        if case .key(let key) = self { return key }
        return ""
    }
}
