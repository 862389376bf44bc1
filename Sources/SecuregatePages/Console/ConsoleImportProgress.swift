import SecuregateCore

/// A CSV file read in the console, kept (with the session's persisted values, for a day) between its preview
/// and its import: whose it is, what it holds, and how far its import has gone. Its rows are kept apart,
/// written once, so that each batch rewrites only this.
struct ConsoleImportProgress: Codable, Sendable, Equatable {
    var eventID: String
    var accountID: String
    var fileName: String
    var notify: Int
    /// Rows to import.
    var total: Int
    /// The first rows, for the preview.
    var preview: [InviteImport.Row]
    var refusals: [InviteImport.Refusal]
    var ignoredColumns: [String]
    /// Rows imported so far (from the first).
    var done: Int = 0
    var created: Int = 0
    var alreadyInvited: Int = 0

    var isFinished: Bool { done >= total }

    /// The persisted values' key of an import's progress, and of its rows.
    static func key(_ id: String) -> String { "console.import.\(id)" }
    static func rowsKey(_ id: String) -> String { "console.import.\(id).rows" }
}
