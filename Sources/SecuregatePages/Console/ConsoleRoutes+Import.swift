import Foundation
import Hummingbird
import MultipartKit
import SecuregateCore

extension ConsoleRoutes {
    /// Rows imported per batch: each is one request (and one transaction), so that the page's progress bar moves
    /// and a large file never holds the database for long.
    static let importBatchSize = 100
    /// The largest file read: about 100 000 guests.
    static let maxImportBytes = 16 * 1024 * 1024
    /// How long a read file waits for its import.
    static let importLifetime = Duration.seconds(24 * 3600)

    /// The form that takes a CSV file.
    func importPage<Context>(_ id: String, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await withEvent(id, context) { principal, found in
            html(.ok, "console-import", [
                "key_id": principal.keyID, "id": id, "title": found.event.title, "archived": found.event.isDeleted,
                "columns": InviteImport.columns.joined(separator: ", "), "notify_1": true,
            ])
        }
    }

    /// Reads a posted CSV file and keeps it for its import; then its preview (or, when nothing can be read,
    /// the form again saying why).
    func readImport<Context>(_ id: String, _ request: Request, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await eventAction(id, request, context) { principal, found in
            var page: [String: Any] = [
                "key_id": principal.keyID, "id": id, "title": found.event.title, "columns": InviteImport.columns.joined(separator: ", "), "notify_1": true,
            ]
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: Self.maxImportBytes + 64 * 1024)
            } catch {
                page["too_large"] = true
                return html(.contentTooLarge, "console-import", page)
            }
            guard let boundary = InviteePageRoutes.boundary(of: request.headers[.contentType] ?? ""),
                  let form = try? FormDataDecoder().decode(ImportForm.self, from: body, boundary: boundary), let file = form.file, !file.isEmpty
            else {
                page["no_file"] = true
                return html(.unprocessableContent, "console-import", page)
            }
            let read: InviteImport
            do {
                read = try InviteImport(bytes: Array(file))
            } catch InviteImport.FileProblem.notUTF8 {
                page["not_utf8"] = true
                return html(.unprocessableContent, "console-import", page)
            } catch InviteImport.FileProblem.empty {
                page["empty"] = true
                return html(.unprocessableContent, "console-import", page)
            } catch InviteImport.FileProblem.noEmailColumn(let found) {
                page["no_email_column"] = true
                page["found_columns"] = found.joined(separator: ", ")
                return html(.unprocessableContent, "console-import", page)
            }
            let uploadID = console.makeUploadID()
            let notify = form.notify.flatMap(Int.init).flatMap(NotifyMode.init(rawValue:)) ?? .email
            let progress = ConsoleImportProgress(
                eventID: id, accountID: principal.accountID, fileName: Self.fileName(in: body) ?? "", notify: notify.rawValue, total: read.rows.count,
                preview: Array(read.rows.prefix(5)), refusals: read.refusals, ignoredColumns: read.ignoredColumns
            )
            try await sessions.set(key: ConsoleImportProgress.rowsKey(uploadID), value: read.rows, expires: Self.importLifetime)
            try await sessions.set(key: ConsoleImportProgress.key(uploadID), value: progress, expires: Self.importLifetime)
            context.logger.info(
                "CSV file read in the console",
                metadata: ["event_id": "\(id)", "upload_id": "\(uploadID)", "rows": "\(read.rows.count)", "refused": "\(read.refusals.count)", "key_id": "\(principal.keyID)"]
            )
            return Response(status: .seeOther, headers: [.location: "/console/events/\(id)/import/\(uploadID)"])
        }
    }

    /// A read file's page: its preview before the import, its progress during it, its summary after.
    func importProgressPage<Context>(_ id: String, _ uploadID: String, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await withEvent(id, context) { principal, found in
            guard let progress = try await importProgress(uploadID, eventID: id, of: principal) else { return html(.notFound, "problem", ["not_found": true]) }
            var page = Self.importContext(progress)
            page["key_id"] = principal.keyID
            page["id"] = id
            page["title"] = found.event.title
            page["upload_id"] = uploadID
            page["archived"] = found.event.isDeleted
            page["console_script"] = assets.path("console.js")
            page["has_preview"] = !progress.preview.isEmpty
            page["preview"] = progress.preview.map { row in
                ["line": row.line, "values": row.values.map { $0.isEmpty ? "—" : $0 }] as [String: Any]
            }
            return html(.ok, "console-import-file", page)
        }
    }

    /// The template's values for an import's state.
    static func importContext(_ progress: ConsoleImportProgress) -> [String: Any] {
        var page: [String: Any] = [
            "total": progress.total, "done": progress.done, "created": progress.created, "already_invited": progress.alreadyInvited,
            "refused": progress.refusals.count, "refusals": progress.refusals.map { ["line": $0.line, "reason": $0.reason] },
            "has_refusals": !progress.refusals.isEmpty, "finished": progress.isFinished && progress.done > 0, "started": progress.done > 0,
            "nothing_to_import": progress.total == 0, "notify_\(progress.notify)": true,
        ]
        if !progress.fileName.isEmpty { page["file_name"] = progress.fileName }
        if !progress.ignoredColumns.isEmpty { page["ignored_columns"] = progress.ignoredColumns.joined(separator: ", ") }
        return page
    }

    /// Imports a read file's next batch of rows and answers its progress as JSON (for the page's script,
    /// which asks until it is finished); or, for a plain form, imports every remaining batch and shows the
    /// summary. Rows already imported are never imported again, and an email already invited creates nothing.
    func runImport<Context>(_ id: String, _ uploadID: String, _ request: Request, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await eventAction(id, request, context) { principal, _ in
            guard var progress = try await importProgress(uploadID, eventID: id, of: principal),
                  let rows = try await sessions.get(key: ConsoleImportProgress.rowsKey(uploadID), as: [InviteImport.Row].self)
            else { return html(.notFound, "problem", ["not_found": true]) }
            let wantsJSON = (request.headers[.accept] ?? "").contains("application/json")
            repeat {
                let batch = rows[min(progress.done, rows.count)..<min(progress.done + Self.importBatchSize, rows.count)]
                guard !batch.isEmpty else { break }
                let (_, count) = try await services.invites.createCountingBatch(
                    batch.compactMap(\.draft), eventID: id, notify: NotifyMode(rawValue: progress.notify) ?? .email, flow: .onlyAuth, by: principal,
                    source: .console
                )
                progress.done += batch.count
                progress.created += count.created
                progress.alreadyInvited += count.alreadyInvited
                try await sessions.set(key: ConsoleImportProgress.key(uploadID), value: progress, expires: Self.importLifetime)
            } while !wantsJSON && !progress.isFinished
            if progress.isFinished {
                context.logger.info(
                    "CSV import finished in the console",
                    metadata: ["event_id": "\(id)", "upload_id": "\(uploadID)", "created": "\(progress.created)", "already_invited": "\(progress.alreadyInvited)", "key_id": "\(principal.keyID)"]
                )
            }
            guard wantsJSON else { return Response(status: .seeOther, headers: [.location: "/console/events/\(id)/import/\(uploadID)"]) }
            let json = #"{"done":\#(progress.done),"total":\#(progress.total),"created":\#(progress.created),"already_invited":\#(progress.alreadyInvited),"finished":\#(progress.isFinished)}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: json)))
        }
    }

    /// The progress of the caller's read file for the event, or nil.
    func importProgress(_ uploadID: String, eventID: String, of principal: Principal) async throws -> ConsoleImportProgress? {
        guard let progress = try await sessions.get(key: ConsoleImportProgress.key(uploadID), as: ConsoleImportProgress.self),
              progress.accountID == principal.accountID, progress.eventID == eventID
        else { return nil }
        return progress
    }

    /// The name of the posted file, from its part's `Content-Disposition`.
    static func fileName(in body: ByteBuffer) -> String? {
        let head = String(decoding: body.readableBytesView.prefix(4096), as: UTF8.self)
        guard let range = head.range(of: #"filename="([^"\r\n]*)""#, options: .regularExpression) else { return nil }
        let name = head[range].dropFirst("filename=\"".count).dropLast()
        return name.isEmpty ? nil : String(name.split(separator: "/").last ?? name)
    }

    /// The import form's fields.
    struct ImportForm: Decodable {
        var file: Data?
        var notify: String?
    }
}
