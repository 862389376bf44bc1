import Foundation
import Yams

/// A configuration file for `serve`: YAML with every setting at the top level under the name of its long
/// option (`port: 8080`, `database: sqlite:/var/lib/securegate/securegate.db`, `keep-face-photos: true`).
/// Its settings become the command's own arguments, so that the argument parser checks them as it checks
/// the command line, and they come last in precedence: an option on the command line, then the
/// setting's environment variable, then the file, then the default.
struct ConfigFile {
    /// One setting, with the arguments that give it to the command and the line it is on.
    struct Entry {
        let key: String
        let arguments: [String]
        let line: Int
    }

    let path: String
    let entries: [Entry]

    /// Reads and parses the file at `path`; throws `ConfigFileError` naming the line of what cannot be read.
    init(path: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigFileError(path: path, line: nil, message: "cannot be read (\(error.localizedDescription))")
        }
        try self.init(text: text, path: path)
    }

    /// Parses `text`, read from `path`.
    init(text: String, path: String) throws {
        self.path = path
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigFileError(path: path, line: nil, message: "is not YAML: \(error)")
        }
        guard let node else {
            entries = []
            return
        }
        guard let mapping = node.mapping else {
            throw ConfigFileError(path: path, line: node.mark?.line, message: "must be a mapping of settings (port: 8080)")
        }
        var entries: [Entry] = []
        for (keyNode, value) in mapping {
            let line = keyNode.mark?.line ?? 0
            guard let key = keyNode.string, !key.isEmpty else {
                throw ConfigFileError(path: path, line: line, message: "a setting's name must be text")
            }
            guard key != "config" else { throw ConfigFileError(path: path, line: line, message: "config: a file cannot name another") }
            guard !entries.contains(where: { $0.key == key }) else {
                throw ConfigFileError(path: path, line: line, message: "\(key): set twice")
            }
            entries.append(Entry(key: key, arguments: try Self.arguments(key, value, line: line, path: path), line: line))
        }
        self.entries = entries
    }

    /// The arguments for `key: value`: `--key value` for a value (a list is joined with commas), `--key` for
    /// `true` (a flag), none for `false`.
    static func arguments(_ key: String, _ value: Node, line: Int, path: String) throws -> [String] {
        switch value {
        case .scalar(let scalar):
            if scalar.tag == Tag(.null) || (scalar.string.isEmpty && scalar.style == .plain) {
                throw ConfigFileError(path: path, line: line, message: "\(key): has no value")
            }
            if let flag = value.bool, scalar.style == .plain { return flag ? ["--\(key)"] : [] }
            return ["--\(key)", scalar.string]
        case .sequence(let sequence):
            let items = sequence.compactMap(\.scalar?.string)
            guard items.count == sequence.count else {
                throw ConfigFileError(path: path, line: line, message: "\(key): a list may only hold values")
            }
            return ["--\(key)", items.joined(separator: ",")]
        case .mapping, .alias:
            throw ConfigFileError(path: path, line: line, message: "\(key): must be a value, not a mapping")
        }
    }

    /// The environment variable of a setting: `SECUREGATE_` and its name in capitals, `-` as `_`.
    static func variable(_ key: String) -> String {
        "SECUREGATE_" + key.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The command line with the file's settings added: the file named by `--config` (or `$SECUREGATE_CONFIG`),
    /// for `serve` only; a setting given on the command line or by its environment variable is left out.
    static func expand(_ arguments: [String], environment: [String: String]) throws -> [String] {
        // `serve` is the default command: it runs when the first argument is an option, or when there is none.
        guard arguments.first.map({ $0 == "serve" || $0.hasPrefix("-") }) ?? true else { return arguments }
        let path: String?
        if let index = arguments.firstIndex(of: "--config") {
            path = index + 1 < arguments.count ? arguments[index + 1] : nil
        } else if let argument = arguments.first(where: { $0.hasPrefix("--config=") }) {
            path = String(argument.dropFirst("--config=".count))
        } else {
            path = environment["SECUREGATE_CONFIG"]
        }
        guard let path else { return arguments }
        let file = try ConfigFile(path: path)
        var expanded = arguments
        for entry in file.entries {
            let onCommandLine = arguments.contains { $0 == "--\(entry.key)" || $0.hasPrefix("--\(entry.key)=") }
            guard !onCommandLine, environment[variable(entry.key)] == nil else { continue }
            expanded += entry.arguments
        }
        return expanded
    }
}

/// What is wrong with a configuration file, and on which line.
struct ConfigFileError: Error, CustomStringConvertible {
    let path: String
    let line: Int?
    let message: String

    var description: String {
        line.map { "\(path), line \($0): \(message)" } ?? "\(path) \(message)"
    }
}
