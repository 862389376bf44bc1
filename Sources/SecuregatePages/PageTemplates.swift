import Mustache

/// The pages' templates: every text a page shows is in one of them, so that a translation is a folder of
/// templates. A page's template extends `layout`.
public struct PageTemplates: Sendable {
    static let defaults: [(name: String, text: [UInt8])] = [
        ("layout", PackageResources.layout_mustache),
        ("invitee", PackageResources.invitee_mustache),
        ("problem", PackageResources.problem_mustache),
        ("api-docs", PackageResources.api_docs_mustache),
        ("api-fields", PackageResources.api_fields_mustache),
        ("home", PackageResources.home_mustache),
        ("door", PackageResources.door_mustache),
        ("door-result", PackageResources.door_result_mustache),
        ("door-answer", PackageResources.door_answer_mustache),
        ("console-header", PackageResources.console_header_mustache),
        ("console-sign-in", PackageResources.console_sign_in_mustache),
        ("console-events", PackageResources.console_events_mustache),
        ("console-event-item", PackageResources.console_event_item_mustache),
        ("console-event-form", PackageResources.console_event_form_mustache),
        ("console-event", PackageResources.console_event_mustache),
        ("door-pair", PackageResources.door_pair_mustache),
        ("console-guests", PackageResources.console_guests_mustache),
        ("console-guest-form", PackageResources.console_guest_form_mustache),
        ("console-import", PackageResources.console_import_mustache),
        ("console-import-file", PackageResources.console_import_file_mustache),
        ("console-invite", PackageResources.console_invite_mustache),
        ("console-door", PackageResources.console_door_mustache),
        ("console-ledger-rows", PackageResources.console_ledger_rows_mustache),
        ("console-keys", PackageResources.console_keys_mustache),
        ("console-webhooks", PackageResources.console_webhooks_mustache),
        ("console-webhook", PackageResources.console_webhook_mustache),
    ]

    let library: MustacheLibrary

    public init() {
        var library = MustacheLibrary()
        for template in Self.defaults {
            // Compiled in and parsed by every test run: a template that does not parse is a bug of the build.
            do {
                try library.register(String(decoding: template.text, as: UTF8.self), named: template.name)
            } catch {
                preconditionFailure("the built-in page template \(template.name) does not parse: \(error)")
            }
        }
        self.library = library
    }

    /// `name` rendered with `context`.
    func render(_ name: String, _ context: [String: Any]) -> String {
        guard let text = library.render(context, withTemplate: name) else { preconditionFailure("no page template \(name)") }
        return text
    }
}
