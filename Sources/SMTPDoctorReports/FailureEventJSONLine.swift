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
    ///
    /// - Throws: ``RenderError`` when a value cannot be encoded (a non-finite number).
    public func render(_ event: FailureEvent, _ diagnosis: EventDiagnosis) throws(RenderError) -> String {
        let line = try RenderError.json(FailureEventRecord(event, diagnosis), naming: "the event", compact: true)
        return UntrustedText.json(line) + "\n"
    }
}
