import Foundation
import SecuregateAPI
import SecuregateCore

/// A guest list read from a CSV file: the rows that make invitations, checked by the API's own `InviteCreate`
/// declaration, and every row that does not, with its line and the reason in words. The columns are the
/// API's invite's (`first_name`, `last_name`, `email`, `country_code`, `mobile_number`,
/// `authentication_method`), named in any case with spaces or underscores; an email is required; other
/// columns (an export's `status`, say) are read past and named.
struct InviteImport {
    /// The API's names of the columns that are imported, in the API's order.
    static let columns = ["first_name", "last_name", "email", "country_code", "mobile_number", "authentication_method"]

    /// A row to import: its line in the file and its values in the order of `columns`.
    struct Row: Codable, Equatable, Sendable {
        var line: Int
        var values: [String]

        /// The invitation it makes, as the API's declaration reads it.
        var draft: InviteDraft? {
            var issues: [ValidationIssue] = []
            return InviteDraft.validate(InviteImport.body(values), at: ["body"], into: &issues)
        }
    }

    /// A row that is not imported, and why.
    struct Refusal: Codable, Equatable, Sendable {
        var line: Int
        var reason: String
    }

    /// Why a file cannot be imported at all.
    enum FileProblem: Error, Equatable {
        case notUTF8
        case empty
        case noEmailColumn(found: [String])
    }

    var rows: [Row]
    var refusals: [Refusal]
    /// Header names that are not imported, as the file spells them.
    var ignoredColumns: [String]

    init(_ table: CSVTable) throws(FileProblem) {
        let names = table.header.map(Self.columnName)
        guard names.contains("email") else { throw .noEmailColumn(found: table.header.filter { !$0.isEmpty }) }
        let positions = Self.columns.map { column in names.firstIndex(of: column) }
        ignoredColumns = zip(table.header, names).filter { !Self.columns.contains($0.1) && !$0.0.isEmpty }.map(\.0)
        rows = []
        refusals = []
        for record in table.records {
            if record.fields.count > table.header.count, record.fields[table.header.count...].contains(where: { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
                refusals.append(Refusal(line: record.line, reason: "It has \(record.fields.count) values, but the header row names \(table.header.count) columns."))
                continue
            }
            let values = positions.map { position in
                position.flatMap { $0 < record.fields.count ? record.fields[$0].trimmingCharacters(in: .whitespacesAndNewlines) : nil } ?? ""
            }
            if let reason = Self.problem(of: values) {
                refusals.append(Refusal(line: record.line, reason: reason))
            } else {
                rows.append(Row(line: record.line, values: values))
            }
        }
    }

    /// Reads a file's bytes.
    init(bytes: [UInt8]) throws(FileProblem) {
        let table: CSVTable
        do {
            table = try CSVTable(bytes)
        } catch .notUTF8 {
            throw .notUTF8
        } catch {
            throw .empty
        }
        try self.init(table)
    }

    /// A header's name as a column of the API: `First name` and `first-name` are `first_name`.
    static func columnName(_ header: String) -> String {
        header.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 }.reduce(into: "") { $0.append($1) }
    }

    /// The API's body for a row's values. The API requires every field: an empty method is a QR code, and an
    /// empty country code (which only a mobile number needs) is the API's first, `1`.
    static func body(_ values: [String]) -> JSONValue {
        var body = JSONObject()
        for (column, value) in zip(columns, values) {
            switch column {
            case "country_code" where value.isEmpty: body[column] = .string(CountryCode.northAmerica.rawValue)
            case "authentication_method" where value.isEmpty: body[column] = .string(AuthenticationMethod.qrCode.rawValue)
            default: body[column] = .string(value)
            }
        }
        return .object(body)
    }

    /// Why a row's values make no invitation, in words, or nil when they make one.
    static func problem(of values: [String]) -> String? {
        let email = values[2]
        guard !email.isEmpty else { return "It has no email." }
        guard Self.looksLikeEmail(email) else { return "“\(email)” is not an email address." }
        if !values[4].isEmpty, values[3].isEmpty { return "The mobile number \(values[4]) has no country code." }
        var issues: [ValidationIssue] = []
        guard InviteDraft.validate(body(values), at: ["body"], into: &issues) != nil, issues.isEmpty else {
            return issues.map { issue in
                let column = issue.loc.dropFirst().first?.name ?? ""
                return column.isEmpty ? issue.msg : "\(column): \(issue.msg)."
            }.joined(separator: " ")
        }
        return nil
    }

    /// Whether `text` has the shape of an address: something, one `@`, a domain with a dot, no spaces.
    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
    }
}
