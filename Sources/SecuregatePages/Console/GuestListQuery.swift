import Foundation
import SecuregateCore

/// The guest list's address: `?status=accepted&q=ada&after=inv_…` (or `before=`), read into the domain's query
/// and written back into the links of the page (filters kept, a place changed).
struct GuestListQuery {
    var status: InviteStatus?
    var search: String
    var query: InviteQuery

    /// Invites a page shows.
    static let pageSize = 50

    /// Reads a query string (`+` and percent-escapes decoded, as a form sends them).
    init(_ queryString: String, limit: Int = pageSize) {
        status = FormBody.value("status", in: queryString).flatMap(InviteStatus.init(rawValue:))
        search = FormBody.value("q", in: queryString)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let position: InviteQuery.Position =
            if let after = FormBody.value("after", in: queryString), !after.isEmpty { .after(after) }
            else if let before = FormBody.value("before", in: queryString), !before.isEmpty { .before(before) }
            else { .first }
        query = InviteQuery(status: status, search: search.isEmpty ? nil : search, position: position, limit: limit)
    }

    /// The place of the page as query pairs (none for the first page).
    var positionPairs: [(String, String)] {
        switch query.position {
        case .first: []
        case .after(let id): [("after", id)]
        case .before(let id): [("before", id)]
        }
    }

    /// Whether the list is narrowed by a status or a search.
    var isFiltered: Bool { status != nil || !search.isEmpty }

    /// The query string of these filters with `extra` (`after=…`), beginning with `?`, or "" when there is none.
    func queryString(_ extra: [(String, String)] = []) -> String {
        var pairs: [(String, String)] = []
        if let status { pairs.append(("status", status.rawValue)) }
        if !search.isEmpty { pairs.append(("q", search)) }
        pairs += extra
        guard !pairs.isEmpty else { return "" }
        return "?" + pairs.map { "\($0.0)=\(Self.escape($0.1))" }.joined(separator: "&")
    }

    /// `text` escaped for a query string's value.
    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~@")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
