/// A face as dlib's ResNet model describes it: 128 numbers, where two photos of one person lie within
/// about 0.6 of each other (Euclidean distance) and two people usually further apart.
public struct FaceDescriptor: Sendable, Equatable {
    /// How many numbers a descriptor has.
    public static let length = 128

    public let values: [Float]

    /// A descriptor of exactly `length` values; `nil` otherwise.
    public init?(_ values: [Float]) {
        guard values.count == Self.length, values.allSatisfy(\.isFinite) else { return nil }
        self.values = values
    }

    /// A distance as the server reports and records it: four decimals, since more digits are noise of the
    /// model, not information.
    public static func reported(_ distance: Float) -> Double {
        (Double(distance) * 10_000).rounded() / 10_000
    }

    /// The Euclidean distance to `other`.
    public func distance(to other: FaceDescriptor) -> Float {
        var sum: Float = 0
        for index in 0..<Self.length {
            let difference = values[index] - other.values[index]
            sum += difference * difference
        }
        return sum.squareRoot()
    }
}
