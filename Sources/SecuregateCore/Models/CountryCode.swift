/// The telephone country codes the vendor's API accepts (its `CountryCodeSimple`).
public enum CountryCode: String, Sendable, CaseIterable, Codable {
    case northAmerica = "1"
    case unitedKingdom = "44"
    case australia = "61"
    case india = "91"
    case caymanIslands = "345"
}
