import Foundation
import HTTPTypes
import Hummingbird

/// A request body written to a private temporary file as it arrives, refused once it passes a size limit.
///
/// The body is never held whole in memory; the file is removed by ``remove()``.
struct UploadFile: Sendable {
    let path: String

    /// Streams `body` into a new temporary file.
    ///
    /// - Throws: ``ServeFailure`` (413) when the body is larger than `limit`, or (500) when no file can be made.
    static func receive(_ body: RequestBody, limit: Int) async throws -> UploadFile {
        let directory = FileManager.default.temporaryDirectory.path
        let path = "\(directory)/smtp-doctor-upload-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw ServeFailure(.internalServerError, "The upload could not be stored in \(directory).")
        }
        let file = UploadFile(path: path)
        defer { try? handle.close() }
        var received = 0
        do {
            for try await buffer in body {
                received += buffer.readableBytes
                guard received <= limit else {
                    throw ServeFailure(
                        .contentTooLarge, "The file is larger than \(limit >> 20) MiB; send a part of it.")
                }
                try handle.write(contentsOf: buffer.readableBytesView)
            }
        } catch {
            file.remove()
            throw error
        }
        return file
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
