import Foundation
import SMTPDoctorCore

/// Renders one failure event as one line of JSON, for `smtp-doctor analyze --jsonl` in log pipelines.
///
/// ```
/// {"diagnosis":{"category":"recipient","confidence":0.9,"id":"recipient.unknown-user",…},"format":"syslog",…}
/// ```
/// Keys are sorted; absent values are left out; the line ends in a newline and holds no other newline.
public struct FailureEventJSONLine: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The line for one event.
    public func render(_ event: FailureEvent, _ diagnosis: EventDiagnosis) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(FailureEventRecord(event, diagnosis)) else { return "{}\n" }
        return UntrustedText.json(String(decoding: data, as: UTF8.self)) + "\n"
    }
}
