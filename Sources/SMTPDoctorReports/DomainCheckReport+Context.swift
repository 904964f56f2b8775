import SMTPDoctorDNS

extension DomainCheckReport {
    /// The findings as the values the templates see (`domainCheck` in Templates/README.md).
    var templateContext: [String: Any] {
        var context: [String: Any] = [
            "domain": domain,
            "queries": queries,
            "findings": findings.map { finding -> [String: Any] in
                let recordsText = finding.records.joined(separator: "\n")
                return [
                    "check": finding.check, "status": finding.status.rawValue, "detail": finding.detail,
                    "records": finding.records, "hasRecords": !finding.records.isEmpty, "recordsText": recordsText,
                    "fence": SupportReport.fence(for: recordsText), "ok": finding.status == .ok,
                    "problem": finding.status == .problem || finding.status == .error,
                ]
            },
        ]
        if let ip { context["ip"] = ip }
        return context
    }
}
