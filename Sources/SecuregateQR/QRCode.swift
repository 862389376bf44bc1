import CQRencode

/// A QR code's modules, encoded by libqrencode.
public struct QRCode: Sendable, Equatable {
    /// Modules per side.
    public let size: Int
    /// Row-major: `true` is a dark module.
    public let modules: [Bool]

    /// Encodes `text` (as 8-bit data, error correction level M).
    public init(encoding text: String) throws {
        guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else {
            throw QRCodeError.encodingFailed
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let data = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        // libqrencode marks a dark module in the lowest bit of each byte.
        self.size = width
        self.modules = data.map { $0 & 1 == 1 }
    }

    /// Whether the module at column `x`, row `y` is dark; the quiet zone around the code is light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }
}

/// Why a QR code could not be made.
public enum QRCodeError: Error, Sendable {
    case encodingFailed
}
