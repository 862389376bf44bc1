import Foundation

/// Writes CSV as spreadsheets read it: comma-separated, CRLF line ends, fields quoted when they hold a comma,
/// a quote, a line break or begin with a character a spreadsheet would take as a formula.
enum CSVWriter {
    /// One line of fields, with its CRLF.
    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field, quoted if needed. A field that begins with `=`, `+`, `-` or `@` gets a leading `'` as well,
    /// so that a guest's name cannot become a formula in the organizer's spreadsheet (CSV injection).
    static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first), !Self.isNumber(value) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline || $0 == ";" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether `text` is a plain number such as `-3` or `+44` (left as it is).
    static func isNumber(_ text: String) -> Bool {
        text.dropFirst().allSatisfy(\.isNumber) && text.count > 1
    }
}
