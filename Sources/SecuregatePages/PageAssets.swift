import Foundation
import Hummingbird

/// The pages' static files, compiled into the binary and served by Hummingbird's `FileMiddleware` under
/// `/assets/`, each named with a hash of its content (`site.3f2a9c1d0b7e4a65.css`): a changed file has a new
/// name, so that every file can be cached for a year.
public struct PageAssets: FileProvider {
    public struct Attributes: FileMiddlewareFileAttributes {
        public var isFolder: Bool { false }
        public var size: Int
        public var modificationDate: Date
    }

    /// The files by their hashed names.
    let files: [String: [UInt8]]
    /// The hashed name of each file by its plain name (`site.css`).
    let names: [String: String]
    private let loaded = Date()

    public init() {
        var files: [String: [UInt8]] = [:]
        var names: [String: String] = [:]
        for (name, bytes) in [("site.css", PackageResources.site_css), ("camera.js", PackageResources.camera_js), ("door.js", PackageResources.door_js), ("console.js", PackageResources.console_js)] {
            let dot = name.lastIndex(of: ".") ?? name.endIndex
            let hashed = "\(name[..<dot]).\(Self.hash(bytes))\(name[dot...])"
            files[hashed] = bytes
            names[name] = hashed
        }
        self.files = files
        self.names = names
    }

    /// Where the page links `name` from.
    public func path(_ name: String) -> String {
        "/assets/\(names[name] ?? name)"
    }

    /// The middleware that serves the files, cached for a year and never sniffed.
    public func middleware<Context: RequestContext>(for context: Context.Type = Context.self) -> FileMiddleware<Context, PageAssets> {
        FileMiddleware(
            fileProvider: self, urlBasePath: "/assets",
            cacheControl: CacheControl([(MediaType(type: .any), [.public, .maxAge(31_536_000), .immutable])])
        )
    }

    public func getFileIdentifier(_ path: String) -> String? {
        let name = path.hasPrefix("/") ? String(path.dropFirst()) : path
        return files[name] == nil ? nil : name
    }

    public func getAttributes(id: String) async throws -> Attributes? {
        files[id].map { Attributes(size: $0.count, modificationDate: loaded) }
    }

    public func loadFile(id: String, context: some RequestContext) async throws -> ResponseBody {
        ResponseBody(byteBuffer: ByteBuffer(bytes: files[id] ?? []))
    }

    public func loadFile(id: String, range: ClosedRange<Int>, context: some RequestContext) async throws -> ResponseBody {
        let bytes = files[id] ?? []
        let clamped = range.clamped(to: 0...max(0, bytes.count - 1))
        return ResponseBody(byteBuffer: ByteBuffer(bytes: bytes.isEmpty ? [] : Array(bytes[clamped])))
    }

    /// FNV-1a, 64 bits, in hex: a name that changes with the content (not a security measure).
    static func hash(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
