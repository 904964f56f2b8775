import Foundation
import Testing

@testable import SMTPDoctorServe

@Suite struct MultipartUploadTests {
    static func stored(_ text: String) throws -> UploadFile {
        let path = FileManager.default.temporaryDirectory.path + "/multipart-test-\(UUID().uuidString)"
        try #require(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        return UploadFile(path: path)
    }

    @Test func theFilePartAndTheTextFieldsAreSeparated() throws {
        let body =
            "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n0123abcd\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"mail.log\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\nline one\r\nline two\r\n--XyZ--\r\n"
        let upload = try Self.stored(body)
        defer { upload.remove() }
        let parts = try MultipartUpload(upload: upload, boundary: "XyZ")
        #expect(parts.fields["csrf"] == "0123abcd")
        let file = try #require(parts.file)
        defer { file.remove() }
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == "line one\r\nline two")
    }

    @Test func theBoundaryIsReadFromTheContentType() {
        #expect(MultipartUpload.boundary(of: "multipart/form-data; boundary=----abc") == "----abc")
        #expect(MultipartUpload.boundary(of: "multipart/form-data; boundary=\"q r\"") == "q r")
        #expect(MultipartUpload.boundary(of: "application/json") == nil)
        #expect(MultipartUpload.boundary(of: "multipart/form-data") == nil)
    }

    @Test func aBodyWithoutTheBoundaryIsRefused() throws {
        let upload = try Self.stored("just some text")
        defer { upload.remove() }
        #expect(throws: ServeFailure.self) { try MultipartUpload(upload: upload, boundary: "XyZ") }
    }
}
