import Foundation
import SecuregateAPI
import SecuregateCore

/// The console's form for one guest: its fields are the API's `InviteCreate` body, checked by the API's
/// declaration (and, as an import checks it, for an email address), each error next to its field.
struct InviteForm {
    /// The form's fields: the API's names.
    static let fields = InviteImport.columns

    /// What was typed, by field name.
    var values: [String: String]
    /// How the invitation is sent (the API's `notify`): 0 not now, 1 by email, 2 by email and SMS.
    var notify: NotifyMode

    init(form: String) {
        var values: [String: String] = [:]
        for field in Self.fields {
            if let value = FormBody.value(field, in: form) { values[field] = value.trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        self.values = values
        notify = FormBody.value("notify", in: form).flatMap(Int.init).flatMap(NotifyMode.init(rawValue:)) ?? .email
    }

    /// The draft the API's declaration makes of the form, or the errors by field name.
    func draft() -> Result<InviteDraft, EventForm.FieldErrors> {
        let row = Self.fields.map { values[$0] ?? "" }
        var errors: [String: String] = [:]
        let email = values["email"] ?? ""
        if email.isEmpty {
            errors["email"] = "An email is required."
        } else if !InviteImport.looksLikeEmail(email) {
            errors["email"] = "“\(email)” is not an email address."
        }
        var issues: [ValidationIssue] = []
        let draft = InviteDraft.validate(InviteImport.body(row), at: ["body"], into: &issues)
        for issue in issues {
            let field = issue.loc.dropFirst().first?.name ?? "email"
            errors[field] = errors[field] ?? issue.msg
        }
        guard let draft, errors.isEmpty else { return .failure(EventForm.FieldErrors(byField: errors)) }
        return .success(draft)
    }

    /// The template's context: each field's value and error, the choices of the selects.
    func context(errors: [String: String] = [:]) -> [String: Any] {
        var context: [String: Any] = ["has_errors": !errors.isEmpty, "notify_\(notify.rawValue)": true]
        for field in Self.fields {
            context[field] = values[field] ?? ""
            if let error = errors[field] { context["\(field)_error"] = error }
        }
        let country = values["country_code"].flatMap { $0.isEmpty ? nil : $0 } ?? CountryCode.northAmerica.rawValue
        context["countries"] = CountryCode.allCases.map { ["code": $0.rawValue, "selected": $0.rawValue == country] }
        let method = values["authentication_method"].flatMap { $0.isEmpty ? nil : $0 } ?? AuthenticationMethod.qrCode.rawValue
        context["methods"] = AuthenticationMethod.allCases.map { ["method": $0.rawValue, "selected": $0.rawValue == method] }
        return context
    }
}
