import ArgumentParser
import Foundation

/// Where every command-line setting comes from: the option when given, else its environment variable.
enum Setting {
    /// The option's value, else the variable's parsed, else `nil`; a variable that does not parse (only numbers
    /// can fail) is an error.
    static func value<T: LosslessStringConvertible>(_ option: T?, _ variable: String) throws -> T? {
        if let option { return option }
        guard let text = ProcessInfo.processInfo.environment[variable] else { return nil }
        guard let value = T(text) else { throw ValidationError("\(variable) must be a number, not \(text.debugDescription)") }
        return value
    }

    /// A flag: set on the command line, or by the variable set to `1`.
    static func flag(_ flag: Bool, _ variable: String) -> Bool {
        flag || ProcessInfo.processInfo.environment[variable] == "1"
    }
}
