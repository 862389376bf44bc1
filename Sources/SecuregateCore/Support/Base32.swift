/// Crockford's base-32 alphabet and the session-code alphabet, both free of easily confused characters.
public enum Base32 {
    /// Crockford's alphabet: digits and upper-case letters without I, L, O and U. Sorts like the numbers it encodes.
    public static let crockford = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    /// Upper-case letters and digits without 0, 1, I and O, which readers confuse at a door.
    public static let sessionCode = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789".utf8)

    /// Encodes the low `count * 5` bits of `value` as `count` Crockford characters, most significant first.
    public static func encode<T: BinaryInteger>(_ value: T, count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var v = value
        for i in stride(from: count - 1, through: 0, by: -1) {
            out[i] = crockford[Int(v & 31)]
            v >>= 5
        }
        return out
    }
}
