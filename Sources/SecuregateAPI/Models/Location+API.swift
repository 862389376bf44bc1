import SecuregateCore

extension Location: APIInputModel {
    public init() { self.init(address: "") }

    public static let model = Model<Location>("Location", [
        .field("address", \.address, default: ""),
        .field("city", \.city, default: ""),
        .field("state", \.state, default: ""),
        .field("zipCode", \.zipCode, default: ""),
        .field("country", \.country, default: ""),
    ])
}
