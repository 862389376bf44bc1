/// A phone number in E.164 form, as SMS gateways take it: `+`, the country code and the subscriber's digits,
/// at most 15 digits in all.
public struct PhoneNumber: Sendable, Equatable, CustomStringConvertible {
    /// `+447700900123`.
    public let e164: String

    /// The number of an invite, from its country code and the number as the person wrote it. Spaces, dots,
    /// dashes, slashes and brackets are separators; anything else (letters) means it is not a phone number, and
    /// so does a length E.164 does not allow. A number written with its national trunk prefix (`07700 900123`
    /// in the UK, `1 202 555 0143` in North America) loses it; one written with `+` is taken as international.
    /// The Cayman Islands, whose code the vendor's API gives as 345, are in the North American plan: +1 345.
    public init?(countryCode: CountryCode, mobileNumber: String) {
        var digits = ""
        var international = false
        for character in mobileNumber {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if character == "+", digits.isEmpty, !international {
                international = true
            } else if !" .-()/".contains(character) {
                return nil
            }
        }
        if international {
            self.init(e164: "+\(digits)")
            return
        }
        let national: String
        switch countryCode {
        case .unitedKingdom, .australia, .india:
            national = "+\(countryCode.rawValue)\(digits.hasPrefix("0") ? String(digits.dropFirst()) : digits)"
        case .northAmerica:
            national = "+1\(digits.count == 11 && digits.hasPrefix("1") ? String(digits.dropFirst()) : digits)"
        case .caymanIslands:
            switch digits.count {
            case 11 where digits.hasPrefix("1345"): national = "+\(digits)"
            case 10 where digits.hasPrefix("345"): national = "+1\(digits)"
            case 7: national = "+1345\(digits)"
            default: return nil
            }
        }
        self.init(e164: national)
    }

    /// A number already in E.164 form; nil when `text` is not one.
    public init?(e164 text: String) {
        let digits = text.utf8.dropFirst()
        // The shortest numbers in use have 7 digits with their country code (Niue, Tokelau); 15 is E.164's limit.
        guard text.utf8.first == UInt8(ascii: "+"), (7...15).contains(digits.count),
              digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              digits.first != UInt8(ascii: "0")
        else { return nil }
        e164 = text
    }

    public var description: String { e164 }
}
