import Foundation

/// The EXIF orientation of a JPEG (1-8, 1 = as stored): phones store pixels as the sensor saw them and say in
/// EXIF how to turn them for display. Faces must be found in the photo as shown.
enum JPEGOrientation {
    /// The orientation tag of the first APP1 Exif segment, or 1 when there is none or it cannot be read.
    static func read(from data: Data) -> Int {
        let bytes = [UInt8](data.prefix(256 * 1024))
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return 1 }
        var offset = 2
        while offset + 4 <= bytes.count, bytes[offset] == 0xFF {
            let marker = bytes[offset + 1]
            // Start of scan: image data follows and no more metadata segments.
            if marker == 0xDA { break }
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            guard length >= 2, offset + 2 + length <= bytes.count else { break }
            if marker == 0xE1 {
                let segment = Array(bytes[(offset + 4)..<(offset + 2 + length)])
                if let orientation = orientation(inExif: segment) { return orientation }
            }
            offset += 2 + length
        }
        return 1
    }

    /// The orientation tag (0x0112) of IFD0 in an APP1 payload starting with `Exif\0\0`.
    static func orientation(inExif segment: [UInt8]) -> Int? {
        guard segment.count >= 14, segment.starts(with: Array("Exif".utf8) + [0, 0]) else { return nil }
        let tiff = Array(segment[6...])
        let littleEndian: Bool
        switch (tiff[0], tiff[1]) {
        case (0x49, 0x49): littleEndian = true
        case (0x4D, 0x4D): littleEndian = false
        default: return nil
        }
        func uint16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= tiff.count else { return nil }
            return littleEndian ? Int(tiff[at]) | Int(tiff[at + 1]) << 8 : Int(tiff[at]) << 8 | Int(tiff[at + 1])
        }
        func uint32(_ at: Int) -> Int? {
            guard let high = uint16(littleEndian ? at + 2 : at), let low = uint16(littleEndian ? at : at + 2) else { return nil }
            return high << 16 | low
        }
        guard let ifd = uint32(4), let count = uint16(ifd) else { return nil }
        for entry in 0..<count {
            let at = ifd + 2 + entry * 12
            guard let tag = uint16(at) else { return nil }
            if tag == 0x0112, let value = uint16(at + 8), (1...8).contains(value) { return value }
        }
        return nil
    }
}
