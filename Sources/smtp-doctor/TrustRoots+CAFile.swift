import Foundation
import SMTPDoctorProbes

extension TrustRoots {
    /// The operating system's trust store, and the CA certificates of a PEM file (`--ca-file`) when one is given.
    /// - Throws: `CommandFailure` when the file cannot be read.
    static func system(adding caFile: String?) throws -> TrustRoots {
        guard let caFile else { return .system }
        guard let data = FileManager.default.contents(atPath: caFile) else {
            throw CommandFailure("cannot read the CA file \(caFile)", status: .unreadableInput)
        }
        return .systemAnd(String(decoding: data, as: UTF8.self))
    }
}
