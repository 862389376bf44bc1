import Foundation

/// A CSV file as a spreadsheet exports it: UTF-8 with or without a byte-order mark, fields separated by
/// commas or semicolons (whichever the header row uses), quoted with `"` when they hold a separator, a quote
/// (doubled) or a line break, lines ended by CRLF or LF. Each record keeps the line it starts on, so that a
/// bad row can be named as the organizer's spreadsheet numbers it.
struct CSVTable: Equatable {
    /// One record: its fields and the line of the file it starts on (the header is line 1).
    struct Record: Equatable {
        var line: Int
        var fields: [String]
    }

    var separator: Character
    var header: [String]
    var records: [Record]

    /// Why a file cannot be read at all.
    enum Failure: Error, Equatable {
        case notUTF8
        case empty
    }

    /// Reads `bytes`; empty lines are skipped.
    init(_ bytes: [UInt8]) throws(Failure) {
        var data = bytes[...]
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data = data.dropFirst(3) }
        guard let text = String(validating: data, as: UTF8.self) else { throw .notUTF8 }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }
        separator = Self.separator(of: firstLine)
        var records = Self.records(of: text, separator: separator)
        guard !records.isEmpty else { throw .empty }
        header = records.removeFirst().fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        self.records = records
    }

    /// The separator of a header row: a semicolon when it has more of them (outside quotes) than commas.
    static func separator(of line: Substring) -> Character {
        var quoted = false
        var commas = 0
        var semicolons = 0
        for character in line {
            switch character {
            case "\"": quoted.toggle()
            case "," where !quoted: commas += 1
            case ";" where !quoted: semicolons += 1
            default: break
            }
        }
        return semicolons > commas ? ";" : ","
    }

    /// The records of `text`, each with the line it starts on; records whose fields are all empty are left out.
    static func records(of text: String, separator: Character) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var start = 1
        func endRecord() {
            fields.append(field)
            if fields.contains(where: { !$0.isEmpty }) { records.append(Record(line: start, fields: fields)) }
            fields = []
            field = ""
        }
        var characters = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    if character.isNewline { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty: quoted = true
            case separator:
                fields.append(field)
                field = ""
            case _ where character.isNewline:
                endRecord()
                line += 1
                start = line
            default: field.append(character)
            }
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}
