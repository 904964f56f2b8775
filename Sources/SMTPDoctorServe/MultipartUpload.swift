import Foundation

/// The parts of a `multipart/form-data` body stored in a file: the small text fields, and the one file part
/// copied to a file of its own.
///
/// ```
/// --XyZ\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n3f2a…\r\n
/// --XyZ\r\nContent-Disposition: form-data; name="file"; filename="mail.log"\r\n\r\n<bytes>\r\n--XyZ--\r\n
/// ```
struct MultipartUpload {
    /// The text fields, such as the CSRF token; each is cut at 4 KiB.
    var fields: [String: String] = [:]
    /// The file that holds the body of the part named `file`, if there was one.
    var file: UploadFile?

    /// The boundary of a `multipart/form-data` content type, nil for any other type.
    static func boundary(of contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else {
                continue
            }
            let value = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                in: CharacterSet(charactersIn: "\""))
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    /// Splits the body stored in `upload`.
    ///
    /// - Throws: ``ServeFailure`` when the body is not multipart with this boundary.
    init(upload: UploadFile, boundary: String) throws(ServeFailure) {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: upload.path), options: .alwaysMapped) else {
            throw ServeFailure(.internalServerError, "The upload could not be read back.")
        }
        let delimiter = Data("--\(boundary)".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        guard var cursor = data.range(of: delimiter)?.upperBound else {
            throw ServeFailure(.badRequest, "The upload is not a multipart form; send the file from the page.")
        }
        let nextDelimiter = Data("\r\n--\(boundary)".utf8)
        while cursor < data.endIndex {
            guard let headers = data.range(of: headerEnd, in: cursor..<data.endIndex),
                let end = data.range(of: nextDelimiter, in: headers.upperBound..<data.endIndex)
            else { break }
            let head = String(decoding: data[cursor..<headers.lowerBound], as: UTF8.self)
            let body = data[headers.upperBound..<end.lowerBound]
            if let name = Self.name(in: head) {
                if name == "file", head.lowercased().contains("filename=") {
                    file?.remove()
                    file = try Self.store(body)
                } else if fields[name] == nil {
                    fields[name] = String(decoding: body.prefix(4_096), as: UTF8.self)
                }
            }
            cursor = end.upperBound
        }
    }

    private static func name(in head: String) -> String? {
        for line in head.split(whereSeparator: \.isNewline)
        where line.lowercased().hasPrefix("content-disposition:") {
            for parameter in line.split(separator: ";").dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "name" else {
                    continue
                }
                return pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                    in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    private static func store(_ body: Data) throws(ServeFailure) -> UploadFile {
        let path = FileManager.default.temporaryDirectory.path + "/smtp-doctor-upload-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: path, contents: body, attributes: [.posixPermissions: 0o600])
        else { throw ServeFailure(.internalServerError, "The uploaded file could not be stored.") }
        return UploadFile(path: path)
    }
}
