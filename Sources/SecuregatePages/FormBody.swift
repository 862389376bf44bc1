/// Reading the fields of a posted form (`application/x-www-form-urlencoded`).
enum FormBody {
    /// The value of `name` in a form body, `+` and percent-escapes decoded.
    static func value(_ name: String, in body: String) -> String? {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.first.map(String.init)?.replacingOccurrences(of: "+", with: " ").removingPercentEncoding == name else { continue }
            return parts.count > 1 ? String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding : ""
        }
        return nil
    }
}
