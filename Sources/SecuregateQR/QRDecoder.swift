import CZBar

/// Reads QR codes out of 8-bit gray pixels with ZBar (Debian's libzbar), which finds them rotated, tilted
/// and small, several in one image.
public enum QRDecoder {
    /// ZBar's name for 8-bit gray pixels: the four characters "Y800" packed as its `zbar_fourcc` macro does.
    static let gray: UInt = UInt(UInt8(ascii: "Y")) | UInt(UInt8(ascii: "8")) << 8 | UInt(UInt8(ascii: "0")) << 16
        | UInt(UInt8(ascii: "0")) << 24

    /// The texts of the QR codes in `pixels` (`width` × `height`, one byte each, row by row), each once, in the
    /// order ZBar found them.
    public static func codes(gray pixels: [UInt8], width: Int, height: Int) -> [String] {
        guard width > 0, height > 0, pixels.count >= width * height,
              let scanner = zbar_image_scanner_create(), let image = zbar_image_create()
        else { return [] }
        defer {
            zbar_image_destroy(image)
            zbar_image_scanner_destroy(scanner)
        }
        // QR codes only: the other symbologies cost time and read noise as barcodes.
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0)
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1)
        zbar_image_set_format(image, gray)
        zbar_image_set_size(image, UInt32(width), UInt32(height))
        return pixels.withUnsafeBytes { buffer -> [String] in
            // ZBar reads the pixels in place; they are handed back before the buffer goes.
            zbar_image_set_data(image, buffer.baseAddress, UInt(width * height), nil)
            defer { zbar_image_set_data(image, nil, 0, nil) }
            guard zbar_scan_image(scanner, image) > 0 else { return [] }
            var codes: [String] = []
            var symbol = zbar_image_first_symbol(image)
            while let current = symbol {
                if let data = zbar_symbol_get_data(current) {
                    let bytes = UnsafeRawBufferPointer(start: data, count: Int(zbar_symbol_get_data_length(current)))
                    let text = String(decoding: bytes, as: UTF8.self)
                    if !codes.contains(text) { codes.append(text) }
                }
                symbol = zbar_symbol_next(current)
            }
            return codes
        }
    }
}
