import SMTPDoctorCore

/// One failure event and its diagnosis as a JSON object: a line of `--jsonl` output and a sample in the JSON
/// report. Field names are a contract, like those of `DiagnosisJSONRenderer`.
struct FailureEventRecord: Encodable {
    struct Diagnosis: Encodable {
        let id: String
        let category: String
        let title: String
        let confidence: Double
    }
    let time: String?
    let input: String
    let line: Int
    let format: String
    let status: String
    let side: String
    let recipient: String?
    let recipientDomain: String?
    let sender: String?
    let relay: String?
    let remoteIP: String?
    let replyCode: Int?
    let enhancedCode: String?
    let stage: String?
    let provider: String?
    let text: String
    let sample: String
    let diagnosis: Diagnosis?

    init(_ event: FailureEvent, _ diagnosis: EventDiagnosis?) {
        time = event.time?.iso8601
        input = event.input
        line = event.line
        format = event.format.rawValue
        status = event.status.rawValue
        side = event.side.rawValue
        recipient = event.recipient
        recipientDomain = event.recipientDomain
        sender = event.sender
        relay = event.remoteHost
        remoteIP = event.remoteIP
        replyCode = diagnosis?.replyCode
        enhancedCode = diagnosis?.enhancedCode
        stage = diagnosis?.stage ?? event.stage
        provider = diagnosis?.provider
        text = event.text.count > 2000 ? String(event.text.prefix(2000)) + "…" : event.text
        sample = event.sample
        if let diagnosis, let id = diagnosis.diagnosisID {
            self.diagnosis = Diagnosis(
                id: id, category: diagnosis.category ?? "", title: diagnosis.title ?? "",
                confidence: diagnosis.confidence)
        } else {
            self.diagnosis = nil
        }
    }
}
