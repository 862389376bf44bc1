extension QRCode {
    /// The width of the light border the QR specification asks for, in modules.
    public static let quietZone = 4

    /// An SVG drawing of the code with its quiet zone, one unit per module.
    public func svg() -> String {
        let side = size + 2 * Self.quietZone
        var path = ""
        for y in 0..<size {
            for x in 0..<size where isDark(x: x, y: y) {
                path += "M\(x + Self.quietZone) \(y + Self.quietZone)h1v1h-1z"
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges">\
            <rect width="\(side)" height="\(side)" fill="#fff"/><path d="\(path)" fill="#000"/></svg>
            """
    }

    /// A 1-bit greyscale PNG of the code with its quiet zone, `scale` pixels per module.
    public func png(scale: Int = 8) -> [UInt8] {
        let side = (size + 2 * Self.quietZone) * scale
        let rowBytes = (side + 7) / 8
        var raw: [UInt8] = []
        raw.reserveCapacity((rowBytes + 1) * side)
        for py in 0..<side {
            raw.append(0)  // filter: none
            var row = [UInt8](repeating: 0, count: rowBytes)
            for px in 0..<side where !isDark(x: px / scale - Self.quietZone, y: py / scale - Self.quietZone) {
                row[px / 8] |= 0x80 >> UInt8(px % 8)  // 1 is white in greyscale
            }
            raw += row
        }
        return PNG.encode(width: side, height: side, bitDepth: 1, colorType: 0, scanlines: raw)
    }
}
