/// Where an event takes place.
public struct Location: Sendable, Equatable {
    public var address: String
    public var city: String
    public var state: String
    public var zipCode: String
    public var country: String

    public init(address: String = "", city: String = "", state: String = "", zipCode: String = "", country: String = "") {
        self.address = address
        self.city = city
        self.state = state
        self.zipCode = zipCode
        self.country = country
    }
}
