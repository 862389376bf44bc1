import Foundation
import Mustache

/// The templates that write every message: the defaults compiled into the binary, each replaceable by a file of
/// the same name in an operator's folder (`--templates DIR`), and the time zone the messages state times in.
public struct MessageTemplates: Sendable {
    /// Each template's name (its file is the name and `.mustache`) and its default text.
    static let defaults: [(name: String, text: [UInt8])] = [
        ("invitation-subject", PackageResources.invitation_subject_mustache),
        ("invitation-text", PackageResources.invitation_text_mustache),
        ("invitation-html", PackageResources.invitation_html_mustache),
        ("invitation-sms", PackageResources.invitation_sms_mustache),
    ]

    /// A folder's template that is wrong: unknown by name, or not valid Mustache.
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    let library: MustacheLibrary
    /// The zone the messages state event times in.
    public let timeZone: TimeZone
    /// The names of the templates the folder replaced.
    public let overridden: [String]

    /// The defaults, with those of `directory` (when given) in their place, stating times in `timeZone`.
    public init(directory: String? = nil, timeZone: TimeZone = TimeZone(identifier: "UTC")!) async throws {
        var library = MustacheLibrary()
        for template in Self.defaults {
            try library.register(String(decoding: template.text, as: UTF8.self), named: template.name)
        }
        var overridden: [String] = []
        if let directory {
            let folder: MustacheLibrary
            do {
                folder = try await MustacheLibrary(directory: directory)
            } catch let error as MustacheLibrary.ParserError {
                throw LoadError(description: "\(directory)/\(error.filename): not a valid template (\(error.error))")
            }
            let known = Set(Self.defaults.map(\.name))
            let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".mustache") }
            for file in files.sorted() {
                let name = String(file.dropLast(".mustache".count))
                guard known.contains(name), let template = folder.getTemplate(named: name) else {
                    throw LoadError(description: "\(directory)/\(file): no message has this template; the names are \(Self.defaults.map { "\($0.name).mustache" }.joined(separator: ", "))")
                }
                library.register(template, named: name)
                overridden.append(name)
            }
        }
        self.library = library
        self.timeZone = timeZone
        self.overridden = overridden
    }

    /// `name` rendered with `context`; every template exists, so this never comes back empty-handed.
    func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}
