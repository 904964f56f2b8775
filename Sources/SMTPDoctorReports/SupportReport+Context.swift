import Foundation
import SMTPDoctorCore
import SMTPDoctorProbes

extension SupportReport {
    /// The report as the values a Mustache template sees: dictionaries, arrays, strings and booleans.
    ///
    /// Every name here is part of the template contract documented in `Templates/README.md`. Strings are raw:
    /// the template's content type escapes them (HTML in `.html`, Markdown in `.md`).
    var templateContext: [String: Any] {
        var context: [String: Any] = [
            "title": title,
            "summary": summary,
            "recognised": result.isRecognised,
            "toolVersion": environment.toolVersion,
            "knowledgeBase": environment.knowledgeBase,
            "operatingSystem": environment.operatingSystem,
            "timeZone": environment.timeZone,
            "generatedAt": Self.timestamp(environment.generatedAt),
            "errors": errors.enumerated().map { index, text in
                ["number": index + 1, "text": text, "fence": Self.fence(for: text)] as [String: Any]
            },
            "hasErrors": !errors.isEmpty,
            "symptoms": symptoms,
            "hasSymptoms": !symptoms.isEmpty,
            "diagnoses": result.diagnoses.enumerated().map { Self.diagnosis($1, rank: $0 + 1) },
            "hasDiagnoses": !result.diagnoses.isEmpty,
            "checklist": checklistRows,
            "hasChecklist": !result.checklist.isEmpty,
            "facts": result.facts.map { fact -> [String: Any] in
                ["name": fact.name, "value": Self.text(fact.value), "source": fact.source.description]
            },
            "hasFacts": !result.facts.isEmpty,
            "codes": ShownCodeMeaning.all(in: result).map { code -> [String: Any] in
                ["code": code.code, "title": code.title, "meaning": code.meaning]
            },
            "hasCodes": !result.codes.isEmpty,
            "probes": probes.map(Self.probe),
            "hasProbes": !probes.isEmpty,
        ]
        if let domainCheck { context["domainCheck"] = domainCheck.templateContext }
        if let connection {
            context["connection"] = [
                "host": connection.host, "port": connection.port, "tlsMode": connection.tlsMode,
                "authentication": connection.authentication,
            ]
        }
        if let provider = result.provider {
            context["provider"] =
                [
                    "name": provider.name, "doc": provider.doc,
                    "settings": provider.settings.map { setting -> [String: Any] in
                        [
                            "purpose": setting.purpose, "host": setting.host,
                            "port": setting.port.map(String.init) ?? "",
                            "tls": setting.tls ?? "",
                        ]
                    },
                ] as [String: Any]
        } else if let provider {
            context["provider"] = ["name": provider, "doc": "", "settings": [[String: Any]]()] as [String: Any]
        }
        return context
    }

    /// The checklist's steps, each with the commands that follow it.
    private var checklistRows: [[String: Any]] {
        let commands = checklistCommands.commandsAfter(
            result.checklist, remediations: result.diagnoses.flatMap(\.remediations))
        return zip(result.checklist, commands).map { item, commands -> [String: Any] in
            [
                "step": item.step, "for": item.diagnosisIDs.joined(separator: ", "), "specificTo": item.provider ?? "",
                "isSpecific": item.provider != nil,
                "commands": commands.map { command -> [String: Any] in
                    [
                        "label": command.label, "shell": command.shell, "run": command.run,
                        "prompt": command.shell == "powershell" ? "PS>" : "$", "fence": Self.fence(for: command.run),
                    ]
                },
                "hasCommands": !commands.isEmpty,
            ]
        }
    }

    /// The document's title.
    var title: String {
        if let connection { return "smtp-doctor report: \(connection.host):\(connection.port)" }
        return "smtp-doctor report"
    }

    private static func diagnosis(_ diagnosis: RankedDiagnosis, rank: Int) -> [String: Any] {
        [
            "rank": rank,
            "id": diagnosis.definition.id,
            "title": diagnosis.definition.title,
            "category": diagnosis.definition.category,
            "summary": diagnosis.definition.summary,
            "confidence": "\(Int((diagnosis.confidence * 100).rounded()))%",
            // The same rule firing on two observations (the pasted error and the probe) is one reason to a reader.
            "evidence": diagnosis.evidence.reduce(into: [[String: Any]]()) { rows, firing in
                guard !rows.contains(where: { $0["rule"] as? String == firing.ruleID }) else { return }
                rows.append(
                    ["rule": firing.ruleID, "because": firing.reason, "cf": String(format: "%.2f", firing.certainty)])
            },
        ]
    }

    private static func probe(_ outcome: ProbeOutcome) -> [String: Any] {
        let report = outcome.report
        var probe: [String: Any] = [
            "host": report.host, "port": report.port, "mode": report.mode.title,
            "verdict": outcome.verdict.title, "success": outcome.verdict == .success, "reason": outcome.reason,
            "elapsedMs": String(report.elapsed.wholeMilliseconds), "tlsVersion": report.tlsVersion ?? "",
            "steps": report.steps.map { step -> [String: Any] in
                [
                    "step": step.kind.rawValue, "outcome": step.outcome.rawValue, "ok": step.outcome == .ok,
                    "startedMs": String(step.started.wholeMilliseconds),
                    "durationMs": String(step.duration.wholeMilliseconds),
                    "detail": step.detail,
                ]
            },
            "transcript": report.transcript.map { entry -> [String: Any] in
                let mark: String
                switch entry.direction {
                case .client: mark = "C:"
                case .server: mark = "S:"
                case .note: mark = "* "
                }
                return ["mark": mark, "direction": entry.direction.rawValue, "text": entry.text]
            },
            "hasTranscript": !report.transcript.isEmpty,
        ]
        probe["transcriptText"] = report.transcript.map { entry in
            let mark = entry.direction == .client ? "C:" : entry.direction == .server ? "S:" : "* "
            return "\(mark) \(entry.text)"
        }.joined(separator: "\n")
        probe["transcriptFence"] = fence(for: probe["transcriptText"] as? String ?? "")
        if let certificate = report.certificate {
            probe["certificate"] =
                [
                    "trusted": certificate.trusted ? "yes" : "no", "expired": certificate.expired ? "yes" : "no",
                    "nameMatches": certificate.nameMatches ? "yes" : "no",
                    "daysLeft": certificate.daysLeft.map(String.init) ?? "",
                    "chain": certificate.chain.map { leaf -> [String: Any] in
                        [
                            "subject": leaf.subject, "issuer": leaf.issuer,
                            "names": leaf.alternativeNames.joined(separator: ", "),
                            "notValidBefore": timestamp(leaf.notValidBefore),
                            "notValidAfter": timestamp(leaf.notValidAfter),
                            "selfSigned": leaf.selfSigned ? "yes" : "no",
                        ]
                    },
                ] as [String: Any]
        }
        return probe
    }

    // MARK: - Formatting

    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter.string(from: date)
    }

    static func text(_ value: FactValue) -> String {
        switch value {
        case .int(let number): return String(number)
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        }
    }

    /// A Markdown code fence longer than any run of backticks in the text, so the text cannot close it.
    static func fence(for text: String) -> String {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }
}
