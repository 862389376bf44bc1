import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real server starts and keeps serving when the pipe its log goes to has no reader (a log shipper that
/// has stopped): its log lines are dropped, neither SIGPIPE nor a failed write ends it.
struct LogPipeTests {
    @Test func theServerServesWhenItsLogPipeHasNoReader() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-pipe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pipe = Pipe()
        // The server must not inherit the read end, or the pipe never loses its last reader; closed here, every
        // line the server logs, from its first, fails to be written.
        _ = fcntl(pipe.fileHandleForReading.fileDescriptor, F_SETFD, FD_CLOEXEC)
        try pipe.fileHandleForReading.close()
        // The test runner ignores SIGPIPE, and a child inherits that: launched with the default, as from a shell.
        let inherited = signal(SIGPIPE, SIG_DFL)
        defer { signal(SIGPIPE, inherited) }
        let server = try await ServerProcess(database: "sqlite:\(directory.path)/pipe.db", logPipe: pipe)
        try? pipe.fileHandleForWriting.close()
        let port = server.port
        // Each request is logged at info level.
        let statuses = try await blocking {
            (0..<5).map { _ in (try? RawConnection(port: port).request("GET", "/healthz", timeout: 5))?.status ?? 0 }
        }
        #expect(statuses == [200, 200, 200, 200, 200])
        #expect(server.process.isRunning)
        try await server.stop(with: SIGTERM)
    }
}
