import Foundation
import Hummingbird
import MultipartKit
import SecuregateCore

extension InviteePageRoutes {
    /// The largest photo accepted from the page, as from the API.
    static let maxPhotoBytes = 16 * 1024 * 1024

    /// The form's fields: the consent box and the photo.
    struct FaceForm: Decodable {
        var consent: String?
        var photo: Data?
    }

    /// Enrolls the invitee's face from the form's file (a plain form post) or from the body itself (the
    /// camera's picture, `?consent=yes`), then sends the browser back to the page saying how it went.
    func enrollFace(_ request: Request, token: String) async throws -> Response {
        guard CrossSiteGuard.allows(request) else { return problem(.forbidden, "forbidden") }
        guard limiter.allow(token, at: time.now()) else { return problem(.tooManyRequests, "too_many") }
        // The link is checked before the body is read: a request without one costs no upload.
        guard (try? await invitees.invitation(token: token)) != nil else { return problem(.notFound, "not_found") }
        let result: String
        do {
            let (photo, consented) = try await Self.photo(of: request)
            _ = try await invitees.enrollFace(token: token, photo: photo, consented: consented)
            result = "enrolled"
        } catch let error as SecuregateError {
            switch error {
            case .linkNotFound: return problem(.notFound, "not_found")
            case .faceStepClosed: return problem(.conflict, "closed", ["back_url": "/i/\(token)"])
            case .consentRequired: result = "consent"
            case .noFaceFound: result = "no_face"
            case .multipleFaces: result = "several_faces"
            case .unreadableImage, .imageRequired: result = "unreadable"
            case .imageTooLarge: result = "too_large"
            case .faceBusy: result = "busy"
            default: result = "unavailable"
            }
        } catch is PhotoTooLarge {
            result = "too_large"
        }
        return Response(status: .seeOther, headers: [.location: "/i/\(token)?face=\(result)#face"])
    }

    /// Erases the invitee's face at once, then sends the browser back to the page.
    func removeFace(_ request: Request, token: String) async throws -> Response {
        guard CrossSiteGuard.allows(request) else { return problem(.forbidden, "forbidden") }
        guard limiter.allow(token, at: time.now()) else { return problem(.tooManyRequests, "too_many") }
        do {
            _ = try await invitees.removeFace(token: token)
        } catch SecuregateError.linkNotFound {
            return problem(.notFound, "not_found")
        }
        return Response(status: .seeOther, headers: [.location: "/i/\(token)?face=removed#face"])
    }

    struct PhotoTooLarge: Error {}

    /// The photo and the consent of a face request: a `multipart/form-data` form, or an image as the body.
    static func photo(of request: Request) async throws -> (photo: Data, consented: Bool) {
        let contentType = request.headers[.contentType] ?? ""
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxPhotoBytes + 64 * 1024)
        } catch {
            throw PhotoTooLarge()
        }
        guard contentType.lowercased().hasPrefix("multipart/form-data") else {
            return (Data(body.readableBytesView), request.uri.queryParameters["consent"] == "yes")
        }
        guard let boundary = boundary(of: contentType),
              let form = try? FormDataDecoder().decode(FaceForm.self, from: body, boundary: boundary)
        else { throw SecuregateError.unreadableImage }
        let photo = form.photo ?? Data()
        guard photo.count <= maxPhotoBytes else { throw PhotoTooLarge() }
        return (photo, form.consent == "yes")
    }

    /// The `boundary` parameter of a multipart content type, unquoted.
    static func boundary(of contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[0].lowercased() == "boundary" else { continue }
            return parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}
