/// Reading the fields of a posted form (`application/x-www-form-urlencoded`).
enum FormBody {
    /// The first value of `name` in a form body, `+` and percent-escapes decoded.
    static func value(_ name: String, in body: String) -> String? {
        values(name, in: body).first
    }

    /// Every value of `name` in a form body (a field sent several times, as checked boxes are), in order.
    static func values(_ name: String, in body: String) -> [String] {
        body.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.first.map(String.init).flatMap(decoded) == name else { return nil }
            return parts.count > 1 ? decoded(String(parts[1])) : ""
        }
    }

    /// A name or value with `+` read as a space and percent-escapes decoded; nil for a broken escape.
    static func decoded(_ text: String) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
