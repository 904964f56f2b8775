import SMTPDoctorDNS

/// The DNS checks in the JSON contract: the domain, the sending address when one was given, and every finding with
/// its check, status, detail and records.
struct DomainCheckEntry: Encodable {
    struct Finding: Encodable {
        let check: String
        let status: String
        let detail: String
        let records: [String]
    }
    let domain: String
    let ip: String?
    let findings: [Finding]

    init(_ report: DomainCheckReport) {
        domain = report.domain
        ip = report.ip
        findings = report.findings.map {
            Finding(check: $0.check, status: $0.status.rawValue, detail: $0.detail, records: $0.records)
        }
    }
}
