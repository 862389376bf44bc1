import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to the server under test, for requests no HTTP client would send.
final class RawConnection: @unchecked Sendable {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawConnectionError.failed("socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw RawConnectionError.failed("connect")
        }
    }

    deinit { if !closed { close(fd) } }

    private var closed = false

    /// Closes the connection at once, as a client that goes away does.
    func closeNow() {
        guard !closed else { return }
        closed = true
        close(fd)
    }

    /// Sends all of `text`.
    func send(_ text: String) throws {
        try send(bytes: Array(text.utf8))
    }

    func send(bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw RawConnectionError.failed("send") }
            sent += n
        }
    }

    /// Everything the server sends until it closes the connection or `timeout` passes; `closed` tells which.
    func readUntilClosed(timeout: TimeInterval) -> (text: String, closed: Bool) {
        var timeoutValue = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeoutValue, socklen_t(MemoryLayout<timeval>.size))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return (String(decoding: received, as: UTF8.self), true) }
            if n < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK { break }
                return (String(decoding: received, as: UTF8.self), true)
            }
            received += buffer[0..<n]
        }
        return (String(decoding: received, as: UTF8.self), false)
    }
}

enum RawConnectionError: Error {
    case failed(String)
}

extension RawConnection {
    /// The head of a JSON `POST /events` with `key`, up to its last header field: the caller adds the framing
    /// (`content-length` or `transfer-encoding`), the blank line and as much of the body as it wants.
    static func postEventHead(key: String) -> String {
        "POST /events HTTP/1.1\r\nHost: x\r\nx-api-key: \(key)\r\ncontent-type: application/json\r\n"
    }

    /// Sends one HTTP/1.1 request on this (kept-alive) connection and reads its response.
    func request(_ method: String, _ path: String, key: String? = nil, body: String? = nil, timeout: TimeInterval = 10) throws -> (status: Int, head: String, body: String) {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: test\r\n"
        if let key { head += "x-api-key: \(key)\r\n" }
        if let body { head += "content-type: application/json\r\ncontent-length: \(body.utf8.count)\r\n" }
        try send(head + "\r\n" + (body ?? ""))
        return try readResponse(timeout: timeout)
    }

    /// What arrives until `text` has (a stream's next event), at most `timeout`; throws when it does not come.
    func read(until text: String, timeout: TimeInterval) throws -> String {
        var received: [UInt8] = []
        let marker = Array(text.utf8)
        let deadline = Date().addingTimeInterval(timeout)
        var chunk = [UInt8](repeating: 0, count: 4096)
        var wait = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        while Date() < deadline {
            if received.firstRange(of: marker) != nil { return String(decoding: received, as: UTF8.self) }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { throw RawConnectionError.failed("closed") }
            if n < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK { continue }
                throw RawConnectionError.failed("recv")
            }
            received += chunk[..<n]
        }
        throw RawConnectionError.failed("no \(text) within \(timeout) s; got \(String(decoding: received, as: UTF8.self))")
    }

    /// Sends one request whose body is `data` of `contentType`, and reads its response.
    func request(_ method: String, _ path: String, key: String? = nil, data: Data, contentType: String, timeout: TimeInterval = 10) throws -> (status: Int, head: String, body: String) {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: test\r\n"
        if let key { head += "x-api-key: \(key)\r\n" }
        head += "content-type: \(contentType)\r\ncontent-length: \(data.count)\r\n\r\n"
        try send(bytes: Array(head.utf8) + Array(data))
        return try readResponse(timeout: timeout)
    }

    /// Reads one response: its head, then as many body bytes as its content length says, or its chunks.
    func readResponse(timeout: TimeInterval) throws -> (status: Int, head: String, body: String) {
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let separator: [UInt8] = [13, 10, 13, 10]
        while Date() < deadline {
            if let end = received.firstRange(of: separator) {
                let head = String(decoding: received[..<end.lowerBound], as: UTF8.self)
                let lines = head.split(separator: "\r\n")
                let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
                let fields = Dictionary(lines.dropFirst().compactMap { line -> (String, String)? in
                    let parts = line.split(separator: ":", maxSplits: 1)
                    return parts.count == 2 ? (parts[0].lowercased(), parts[1].trimmingCharacters(in: .whitespaces)) : nil
                }) { first, _ in first }
                if fields["transfer-encoding"] == "chunked" {
                    if let body = Self.dechunked(received[end.upperBound...]) {
                        return (status, head, String(decoding: body, as: UTF8.self))
                    }
                } else {
                    let length = fields["content-length"].flatMap { Int($0) } ?? 0
                    if received.count >= end.upperBound + length {
                        return (status, head, String(decoding: received[end.upperBound..<(end.upperBound + length)], as: UTF8.self))
                    }
                }
            }
            var timeoutValue = timeval(tv_sec: 1, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeoutValue, socklen_t(MemoryLayout<timeval>.size))
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { throw RawConnectionError.failed("closed") }
            if n < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK { continue }
                throw RawConnectionError.failed("recv")
            }
            received += chunk[0..<n]
        }
        throw RawConnectionError.failed("timeout")
    }

    /// A chunked body's bytes, or nil while its last chunk has not all arrived.
    static func dechunked(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        var body: [UInt8] = []
        var rest = bytes
        let lineEnd: [UInt8] = [13, 10]
        while let end = rest.firstRange(of: lineEnd) {
            guard let size = Int(String(decoding: rest[..<end.lowerBound], as: UTF8.self), radix: 16) else { return nil }
            // The last chunk is empty and followed by an empty line: read both, so none of it is left behind.
            if size == 0 { return rest.count >= end.upperBound - rest.startIndex + 2 ? body : nil }
            guard rest.count >= end.upperBound - rest.startIndex + size + 2 else { return nil }
            body += rest[end.upperBound..<(end.upperBound + size)]
            rest = rest[(end.upperBound + size + 2)...]
        }
        return nil
    }
}

/// Runs blocking work (socket reads, waiting for a process) on a thread of its own. On the cooperative pool
/// (two threads on a two-core machine) it would starve the server under test, whose handlers need that pool.
func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try work() })
        }
    }
}
