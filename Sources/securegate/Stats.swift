import ArgumentParser
import Foundation
import SecuregateStore

/// `securegate stats`: how many rows each table holds, and how large the SQLite files are.
struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the number of rows of each table (and, on SQLite, the files' sizes).")

    @OptionGroup var databaseOptions: DatabaseOptions

    func run() async throws {
        let url = try databaseOptions.url()
        let counts = try await databaseOptions.withStore(logger: makeLogger("securegate.stats")) { try await $0.tableRowCounts() }
        print("TABLE\tROWS")
        for (table, rows) in counts { print("\(table)\t\(rows)") }
        if case .sqlite(let path, _) = url {
            for file in [path, path + "-wal"] {
                guard let size = try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int else { continue }
                print("\(file)\t\(size) bytes")
            }
        }
    }
}
