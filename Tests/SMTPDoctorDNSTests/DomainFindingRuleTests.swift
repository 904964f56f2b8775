import SMTPDoctorCore
import SMTPDoctorDefaultRules
import Testing

@testable import SMTPDoctorDNS

/// One observation of a domain check and the finding the rule of `Rules/rules/domain-findings.yaml` makes of it.
struct DomainFindingCase: Sendable, CustomTestStringConvertible {
    /// The rule's id after `domain.finding.`.
    var rule: String
    var observation: DomainObservation
    var status: DomainFinding.Status
    var sentence: String

    init(
        _ rule: String, _ check: String, _ facts: [String: FactValue], _ status: DomainFinding.Status,
        _ sentence: String
    ) {
        self.rule = rule
        self.observation = DomainObservation(check: check, facts: facts)
        self.status = status
        self.sentence = sentence
    }

    var testDescription: String { rule }

    static let all: [DomainFindingCase] = [
        .init(
            "mx.lookup-failed", "mx",
            ["domain.mx": .string("lookup-failed"), "domain.finding.failure": .string("SERVFAIL")],
            .error, "The MX lookup failed: SERVFAIL."),
        .init(
            "mx.nxdomain", "mx",
            ["domain.mx": .string("nxdomain"), "domain.finding.domain": .string("absent.example")],
            .problem, "absent.example does not exist in DNS (NXDOMAIN)."),
        .init(
            "mx.implicit", "mx", ["domain.mx": .string("missing"), "domain.mx.implicit-address": .bool(true)],
            .problem, "No MX record; senders fall back to the domain's own address (implicit MX)."),
        .init(
            "mx.missing", "mx",
            [
                "domain.mx": .string("missing"), "domain.mx.implicit-address": .bool(false),
                "domain.finding.domain": .string("nomx.example"),
            ],
            .problem, "No MX record and no address: nobody can deliver mail to nomx.example."),
        .init(
            "mx.null", "mx",
            [
                "domain.mx": .string("null"), "domain.mx.count": .int(1),
                "domain.finding.domain": .string("null.example"),
            ],
            .info, "Null MX (RFC 7505): null.example declares that it accepts no mail."),
        .init(
            "mx.null-with-others", "mx",
            [
                "domain.mx": .string("null"), "domain.mx.count": .int(2),
                "domain.finding.domain": .string("null.example"),
            ],
            .problem, "A null MX is published together with other MX records; RFC 7505 allows it only alone."),
        .init(
            "mx.present", "mx", ["domain.mx": .string("present"), "domain.mx.count": .int(2)],
            .ok, "2 MX record(s)."),
        .init(
            "mx.ip-literal", "mx",
            ["domain.finding.observed": .string("mx-ip-literal"), "domain.finding.host": .string("192.0.2.1")],
            .problem, "The MX 192.0.2.1 is an IP address written as a name; an MX must name a host."),
        .init(
            "mx.alias", "mx",
            ["domain.finding.observed": .string("mx-alias"), "domain.finding.host": .string("mx.example")],
            .warning, "The MX mx.example is an alias (CNAME); RFC 5321 requires the host's own name."),
        .init(
            "mx.unresolvable-lookup-failed", "mx",
            [
                "domain.finding.observed": .string("mx-unresolvable"), "domain.finding.host": .string("mx.example"),
                "domain.finding.failure": .string("timeout"),
            ],
            .problem, "The MX mx.example does not resolve: timeout."),
        .init(
            "mx.unresolvable", "mx",
            ["domain.finding.observed": .string("mx-unresolvable"), "domain.finding.host": .string("mx.example")],
            .problem, "The MX mx.example does not resolve: it has no A or AAAA record."),
        .init(
            "spf.lookup-failed", "spf",
            [
                "domain.spf": .string("lookup-failed"), "domain.finding.name": .string("inc.example"),
                "domain.finding.failure": .string("SERVFAIL"), "domain.spf.lookups": .int(1),
                "domain.spf.void-lookups": .int(0),
            ],
            .error, "the TXT lookup for inc.example failed: SERVFAIL (1 DNS lookups, 0 void)."),
        .init(
            "spf.missing", "spf",
            [
                "domain.spf": .string("missing"), "domain.finding.name": .string("a.example"),
                "domain.spf.lookups": .int(0), "domain.spf.void-lookups": .int(0),
            ],
            .problem, "a.example publishes no TXT record starting with v=spf1 (0 DNS lookups, 0 void)."),
        .init(
            "spf.include-loop", "spf",
            [
                "domain.spf": .string("include-loop"), "domain.finding.term": .string("include:a.example"),
                "domain.finding.name": .string("a.example"), "domain.spf.lookups": .int(2),
                "domain.spf.void-lookups": .int(0),
            ],
            .problem,
            "include:a.example leads back to a.example, which is already being evaluated (2 DNS lookups, 0 void)."),
        .init(
            "spf.include-missing", "spf",
            [
                "domain.spf": .string("include-missing"), "domain.finding.term": .string("include:gone.example"),
                "domain.finding.name": .string("gone.example"), "domain.spf.lookups": .int(1),
                "domain.spf.void-lookups": .int(1),
            ],
            .problem, "include:gone.example names gone.example, which has no SPF record (1 DNS lookups, 1 void)."),
        .init(
            "spf.multiple", "spf",
            [
                "domain.spf": .string("multiple"), "domain.finding.name": .string("a.example"),
                "domain.finding.count": .int(2), "domain.spf.lookups": .int(0), "domain.spf.void-lookups": .int(0),
            ],
            .problem, "a.example publishes 2 SPF records; exactly one is allowed (0 DNS lookups, 0 void)."),
        .init(
            "spf.syntax-error", "spf",
            [
                "domain.spf": .string("syntax-error"), "domain.finding.name": .string("a.example"),
                "domain.finding.problem": .string("unknown mechanism 'foo'"), "domain.spf.lookups": .int(0),
                "domain.spf.void-lookups": .int(0),
            ],
            .problem, "the SPF record of a.example is not valid: unknown mechanism 'foo' (0 DNS lookups, 0 void)."),
        .init(
            "spf.too-many-mx-hosts", "spf",
            [
                "domain.spf": .string("too-many-lookups"), "domain.finding.observed": .string("spf-too-many-mx-hosts"),
                "domain.finding.term": .string("mx:big.example"), "domain.finding.count": .int(12),
                "domain.spf.lookups": .int(3), "domain.spf.void-lookups": .int(0),
            ],
            .problem, "mx:big.example names 12 MX hosts; at most 10 may be looked up (3 DNS lookups, 0 void)."),
        .init(
            "spf.too-many-lookups", "spf",
            [
                "domain.spf": .string("too-many-lookups"), "domain.finding.term": .string("include:k.example"),
                "domain.finding.count": .int(11), "domain.spf.lookups": .int(11), "domain.spf.void-lookups": .int(0),
            ],
            .problem, "include:k.example is DNS lookup 11; SPF allows 10 for the whole chain (11 DNS lookups, 0 void)."),
        .init(
            "spf.too-many-void-lookups", "spf",
            [
                "domain.spf": .string("too-many-void-lookups"), "domain.finding.term": .string("a:c.example"),
                "domain.finding.count": .int(3), "domain.spf.lookups": .int(3), "domain.spf.void-lookups": .int(3),
            ],
            .problem, "a:c.example finds nothing: void lookup 3; SPF allows 2 (3 DNS lookups, 3 void)."),
        .init(
            "spf.ends-in-fail", "spf",
            [
                "domain.spf": .string("ok"), "domain.spf.all": .string("fail"), "domain.spf.lookups": .int(1),
                "domain.spf.void-lookups": .int(0),
            ],
            .ok, "One valid SPF record; it ends in -all (1 DNS lookups, 0 void)."),
        .init(
            "spf.ends-in-softfail", "spf",
            [
                "domain.spf": .string("ok"), "domain.spf.all": .string("softfail"), "domain.spf.lookups": .int(1),
                "domain.spf.void-lookups": .int(0),
            ],
            .ok, "One valid SPF record; it ends in ~all (1 DNS lookups, 0 void)."),
        .init(
            "spf.ends-in-neutral", "spf",
            [
                "domain.spf": .string("ok"), "domain.spf.all": .string("neutral"), "domain.spf.lookups": .int(1),
                "domain.spf.void-lookups": .int(0),
            ],
            .warning, "One valid SPF record; it ends in ?all (1 DNS lookups, 0 void)."),
        .init(
            "spf.ends-in-pass", "spf",
            [
                "domain.spf": .string("ok"), "domain.spf.all": .string("pass"), "domain.spf.lookups": .int(1),
                "domain.spf.void-lookups": .int(0),
            ],
            .warning, "One valid SPF record; it ends in +all (1 DNS lookups, 0 void)."),
        .init(
            "spf.no-all", "spf",
            [
                "domain.spf": .string("ok"), "domain.spf.all": .string("missing"), "domain.spf.lookups": .int(0),
                "domain.spf.void-lookups": .int(0),
            ],
            .warning, "One valid SPF record; it has no all mechanism (0 DNS lookups, 0 void)."),
        .init(
            "spf.ptr", "spf", ["domain.spf.ptr": .bool(true)],
            .warning, "The record uses the ptr mechanism, which RFC 7208 says not to use."),
        .init(
            "spf.ip-passes", "spf",
            [
                "domain.spf.result": .string("pass"), "domain.finding.ip": .string("192.0.2.25"),
                "domain.finding.reason": .string("ip4:192.0.2.0/24 in the record of a.example"),
            ],
            .ok, "SPF for 192.0.2.25: pass (ip4:192.0.2.0/24 in the record of a.example)."),
        .init(
            "spf.ip-does-not-pass", "spf",
            [
                "domain.spf.result": .string("softfail"), "domain.finding.ip": .string("198.51.100.1"),
                "domain.finding.reason": .string("~all in the record of a.example"),
            ],
            .problem, "SPF for 198.51.100.1: softfail (~all in the record of a.example)."),
        .init(
            "dmarc.lookup-failed", "dmarc",
            ["domain.dmarc": .string("lookup-failed"), "domain.finding.failure": .string("timeout")],
            .error, "The DMARC lookup failed: timeout."),
        .init(
            "dmarc.missing", "dmarc",
            ["domain.dmarc": .string("missing"), "domain.finding.domain": .string("a.example")],
            .problem, "No DMARC record at _dmarc.a.example or its organisational domain."),
        .init(
            "dmarc.multiple", "dmarc",
            [
                "domain.dmarc": .string("multiple"), "domain.finding.name": .string("a.example"),
                "domain.finding.count": .int(2),
            ],
            .problem, "_dmarc.a.example has 2 DMARC records."),
        .init(
            "dmarc.syntax-error", "dmarc",
            [
                "domain.dmarc": .string("syntax-error"),
                "domain.finding.problem": .string("the required tag p= is missing"),
            ],
            .problem, "The DMARC record is not valid: the required tag p= is missing."),
        .init(
            "dmarc.monitoring-only", "dmarc",
            [
                "domain.dmarc": .string("ok"), "domain.dmarc.policy": .string("none"),
                "domain.dmarc.inherited": .bool(false), "domain.finding.name": .string("a.example"),
            ],
            .warning, "DMARC policy p=none at _dmarc.a.example."),
        .init(
            "dmarc.monitoring-only-inherited", "dmarc",
            [
                "domain.dmarc": .string("ok"), "domain.dmarc.policy": .string("none"),
                "domain.dmarc.inherited": .bool(true), "domain.finding.name": .string("a.example"),
            ],
            .warning, "DMARC policy p=none at _dmarc.a.example (inherited)."),
        .init(
            "dmarc.enforced", "dmarc",
            [
                "domain.dmarc": .string("ok"), "domain.dmarc.policy": .string("reject"),
                "domain.dmarc.inherited": .bool(false), "domain.finding.name": .string("a.example"),
            ],
            .ok, "DMARC policy p=reject at _dmarc.a.example."),
        .init(
            "dmarc.enforced-inherited", "dmarc",
            [
                "domain.dmarc": .string("ok"), "domain.dmarc.policy": .string("quarantine"),
                "domain.dmarc.inherited": .bool(true), "domain.finding.name": .string("a.example"),
            ],
            .ok, "DMARC policy p=quarantine at _dmarc.a.example (inherited)."),
        .init(
            "dmarc.reports-unauthorised", "dmarc",
            [
                "domain.dmarc.external-unauthorised": .bool(true),
                "domain.finding.list": .string("dmarc@reports.example"), "domain.finding.name": .string("a.example"),
            ],
            .problem,
            "Reports go to dmarc@reports.example in another domain that publishes no a.example._report._dmarc authorisation record, so they will not be sent."
        ),
        .init(
            "dkim.invalid-selector", "dkim",
            ["domain.finding.observed": .string("dkim-invalid-selector"), "domain.finding.selector": .string("a b")],
            .problem, "'a b' is not a valid selector."),
        .init(
            "dkim.lookup-failed", "dkim",
            [
                "domain.finding.observed": .string("lookup-failed"),
                "domain.finding.name": .string("s1._domainkey.a.example"), "domain.finding.failure": .string("timeout"),
            ],
            .error, "The lookup of s1._domainkey.a.example failed: timeout."),
        .init(
            "dkim.revoked", "dkim",
            ["domain.finding.observed": .string("dkim-revoked"), "domain.finding.selector": .string("s1")],
            .problem, "The key of selector s1 is revoked (empty p=)."),
        .init(
            "dkim.key-unreadable", "dkim",
            [
                "domain.finding.observed": .string("dkim-key-unreadable"), "domain.finding.selector": .string("s1"),
                "domain.finding.key-type": .string("rsa"),
            ],
            .problem, "The rsa key of selector s1 cannot be read."),
        .init(
            "dkim.weak-key", "dkim",
            [
                "domain.finding.observed": .string("dkim-key"), "domain.finding.selector": .string("s1"),
                "domain.finding.key-type": .string("rsa"), "domain.finding.key-bits": .int(512),
            ],
            .problem, "Selector s1: rsa key of 512 bits."),
        .init(
            "dkim.key", "dkim",
            [
                "domain.finding.observed": .string("dkim-key"), "domain.finding.selector": .string("s1"),
                "domain.finding.key-type": .string("rsa"), "domain.finding.key-bits": .int(2048),
            ],
            .ok, "Selector s1: rsa key of 2048 bits."),
        .init(
            "dkim.selectors-missing", "dkim",
            ["domain.finding.observed": .string("dkim-selectors-missing"), "domain.finding.list": .string("s1, s2")],
            .problem, "No DKIM key for selector(s) s1, s2."),
        .init(
            "dkim.not-found", "dkim", ["domain.dkim": .string("not-found")],
            .warning, "None of the common selectors has a key; give the selector in use with --selector."),
        .init(
            "dkim.testing", "dkim", ["domain.dkim.testing": .bool(true)],
            .warning, "A key is flagged t=y (testing): receivers may ignore failures."),
        .init(
            "mta-sts.lookup-failed", "mta-sts",
            [
                "domain.finding.observed": .string("lookup-failed"),
                "domain.finding.name": .string("_mta-sts.a.example"), "domain.finding.failure": .string("timeout"),
            ],
            .error, "The lookup of _mta-sts.a.example failed: timeout."),
        .init(
            "mta-sts.none", "mta-sts",
            ["domain.mta-sts": .string("none"), "domain.finding.name": .string("_mta-sts.a.example")],
            .info,
            "No MTA-STS record at _mta-sts.a.example: senders may fall back to unencrypted delivery if TLS fails."),
        .init(
            "mta-sts.records-multiple", "mta-sts",
            [
                "domain.mta-sts": .string("record-invalid"), "domain.finding.observed": .string("records-multiple"),
                "domain.finding.count": .int(2),
            ],
            .problem, "2 MTA-STS records; RFC 8461 treats that as no policy."),
        .init(
            "mta-sts.id-invalid", "mta-sts",
            ["domain.mta-sts": .string("record-invalid"), "domain.finding.observed": .string("mta-sts-id-invalid")],
            .problem, "The MTA-STS record's id= must be 1 to 32 letters or digits."),
        .init(
            "mta-sts.policy-host-unresolvable", "mta-sts",
            [
                "domain.mta-sts": .string("policy-unavailable"),
                "domain.finding.observed": .string("policy-host-unresolvable"),
                "domain.finding.host": .string("mta-sts.a.example"),
            ],
            .problem, "The policy host mta-sts.a.example does not resolve, so no policy can be fetched."),
        .init(
            "mta-sts.deadline-passed", "mta-sts",
            [
                "domain.mta-sts": .string("policy-unavailable"), "domain.finding.observed": .string("deadline-passed"),
                "domain.finding.url": .string("https://mta-sts.a.example/.well-known/mta-sts.txt"),
            ],
            .error,
            "The overall deadline passed before https://mta-sts.a.example/.well-known/mta-sts.txt could be fetched."),
        .init(
            "mta-sts.certificate-invalid", "mta-sts",
            [
                "domain.mta-sts": .string("certificate-invalid"), "domain.finding.host": .string("mta-sts.a.example"),
                "domain.finding.failure": .string("certificate has expired"),
            ],
            .problem,
            "The certificate of mta-sts.a.example did not validate (untrusted, expired or for another name): certificate has expired."
        ),
        .init(
            "mta-sts.fetch-failed", "mta-sts",
            [
                "domain.mta-sts": .string("policy-unavailable"), "domain.finding.observed": .string("fetch-failed"),
                "domain.finding.url": .string("https://mta-sts.a.example/.well-known/mta-sts.txt"),
                "domain.finding.failure": .string("connection refused"),
            ],
            .problem, "https://mta-sts.a.example/.well-known/mta-sts.txt could not be fetched: connection refused."),
        .init(
            "mta-sts.http-status", "mta-sts",
            [
                "domain.mta-sts": .string("policy-unavailable"), "domain.finding.observed": .string("http-status"),
                "domain.finding.url": .string("https://mta-sts.a.example/.well-known/mta-sts.txt"),
                "domain.finding.http-status": .int(404),
            ],
            .problem,
            "https://mta-sts.a.example/.well-known/mta-sts.txt answered HTTP 404 (200 is required, without redirects)."),
        .init(
            "mta-sts.policy-invalid", "mta-sts",
            [
                "domain.mta-sts": .string("policy-invalid"),
                "domain.finding.url": .string("https://mta-sts.a.example/.well-known/mta-sts.txt"),
                "domain.finding.problem": .string("mode is missing"),
            ],
            .problem, "The policy at https://mta-sts.a.example/.well-known/mta-sts.txt is invalid: mode is missing."),
        .init(
            "mta-sts.mx-not-in-policy-enforced", "mta-sts",
            [
                "domain.mta-sts": .string("ok"), "domain.mta-sts.mode": .string("enforce"),
                "domain.mta-sts.max-age": .int(604800), "domain.mta-sts.mx-unmatched": .int(1),
                "domain.finding.list": .string("mx2.a.example"),
            ],
            .problem,
            "MTA-STS mode enforce, but the MX mx2.a.example matches no mx line: senders refuse to deliver to it."),
        .init(
            "mta-sts.mx-not-in-policy-testing", "mta-sts",
            [
                "domain.mta-sts": .string("ok"), "domain.mta-sts.mode": .string("testing"),
                "domain.mta-sts.max-age": .int(604800), "domain.mta-sts.mx-unmatched": .int(1),
                "domain.finding.list": .string("mx2.a.example"),
            ],
            .warning,
            "MTA-STS mode testing: the MX mx2.a.example matches no mx line; enforce would stop delivery to it."),
        .init(
            "mta-sts.policy", "mta-sts",
            [
                "domain.mta-sts": .string("ok"), "domain.mta-sts.mode": .string("enforce"),
                "domain.mta-sts.max-age": .int(604800), "domain.mta-sts.mx-unmatched": .int(0),
                "domain.finding.list": .string(""),
            ],
            .ok, "MTA-STS policy mode enforce, max_age 604800; every MX matches."),
        .init(
            "mta-sts.max-age-short", "mta-sts",
            [
                "domain.finding.observed": .string("mta-sts-max-age"), "domain.mta-sts.mode": .string("enforce"),
                "domain.mta-sts.max-age": .int(3600),
            ],
            .warning, "max_age 3600 is under a day: senders forget the policy quickly (RFC 8461 suggests weeks)."),
        .init(
            "tls-rpt.lookup-failed", "tls-rpt",
            [
                "domain.finding.observed": .string("lookup-failed"),
                "domain.finding.name": .string("_smtp._tls.a.example"), "domain.finding.failure": .string("timeout"),
            ],
            .error, "The lookup of _smtp._tls.a.example failed: timeout."),
        .init(
            "tls-rpt.none", "tls-rpt",
            ["domain.tls-rpt": .string("none"), "domain.finding.name": .string("_smtp._tls.a.example")],
            .info, "No TLS-RPT record at _smtp._tls.a.example: nobody receives reports of TLS failures."),
        .init(
            "tls-rpt.records-multiple", "tls-rpt",
            [
                "domain.tls-rpt": .string("invalid"), "domain.finding.observed": .string("records-multiple"),
                "domain.finding.count": .int(2),
            ],
            .problem, "2 TLS-RPT records; senders use none of them."),
        .init(
            "tls-rpt.no-destination", "tls-rpt",
            [
                "domain.tls-rpt": .string("invalid"), "domain.finding.observed": .string("no-destination"),
                "domain.finding.list": .string(""),
            ],
            .problem, "The TLS-RPT record is invalid: it has no rua= destination."),
        .init(
            "tls-rpt.bad-destination", "tls-rpt",
            [
                "domain.tls-rpt": .string("invalid"), "domain.finding.observed": .string("bad-destination"),
                "domain.finding.list": .string("ftp://x"),
            ],
            .problem, "The TLS-RPT record is invalid: rua= must list mailto: or https: addresses, not ftp://x."),
        .init(
            "tls-rpt.ok", "tls-rpt",
            ["domain.tls-rpt": .string("ok"), "domain.finding.list": .string("mailto:tls@a.example")],
            .ok, "TLS-RPT reports go to mailto:tls@a.example."),
        .init(
            "dane.lookup-failed", "dane",
            [
                "domain.finding.observed": .string("lookup-failed"),
                "domain.finding.name": .string("_25._tcp.mx.a.example"), "domain.finding.failure": .string("SERVFAIL"),
            ],
            .error, "The TLSA lookup of _25._tcp.mx.a.example failed: SERVFAIL."),
        .init(
            "dane.match", "dane",
            ["domain.finding.observed": .string("tlsa-match"), "domain.finding.host": .string("mx.a.example")],
            .ok, "A TLSA record of mx.a.example matches its certificate."),
        .init(
            "dane.mismatch", "dane",
            ["domain.finding.observed": .string("tlsa-mismatch"), "domain.finding.host": .string("mx.a.example")],
            .problem,
            "No TLSA record of mx.a.example matches the certificate it presents: DANE senders will not deliver to it."),
        .init(
            "dane.unchecked", "dane",
            [
                "domain.finding.observed": .string("tlsa-unchecked"), "domain.finding.host": .string("mx.a.example"),
                "domain.finding.failure": .string("no STARTTLS"),
            ],
            .warning, "mx.a.example has TLSA records, but its certificate could not be fetched: no STARTTLS."),
        .init(
            "dane.none", "dane", ["domain.dane": .string("none")],
            .info, "No MX has TLSA records (_25._tcp.<mx>): DANE is not in use."),
        .init(
            "dane.not-validated", "dane", ["domain.dane.dnssec": .string("not-validated")],
            .warning,
            "The resolver did not mark the TLSA answers as DNSSEC-validated (no AD bit): either it does not validate or the zone is unsigned; senders use TLSA records only from a signed zone."
        ),
        .init(
            "ptr.lookup-failed", "ptr",
            ["domain.ptr": .string("lookup-failed"), "domain.finding.failure": .string("timeout")],
            .error, "The PTR lookup failed: timeout."),
        .init(
            "ptr.missing", "ptr", ["domain.ptr": .string("missing"), "domain.finding.ip": .string("192.0.2.99")],
            .problem, "192.0.2.99 has no PTR record (no reverse DNS)."),
        .init(
            "ptr.confirmed", "ptr",
            [
                "domain.ptr": .string("confirmed"), "domain.finding.ip": .string("192.0.2.25"),
                "domain.finding.host": .string("mail.a.example"),
            ],
            .ok, "192.0.2.25 → mail.a.example → 192.0.2.25: forward-confirmed."),
        .init(
            "ptr.not-confirmed", "ptr",
            [
                "domain.ptr": .string("not-confirmed"), "domain.finding.ip": .string("192.0.2.98"),
                "domain.finding.host": .string("other.example"),
            ],
            .problem, "192.0.2.98 → other.example, but that name does not resolve back to 192.0.2.98."),
        .init(
            "dnsbl.lookup-failed", "dnsbl",
            [
                "domain.finding.observed": .string("lookup-failed"), "domain.finding.zone": .string("bl.example"),
                "domain.finding.failure": .string("timeout"),
            ],
            .error, "bl.example: the lookup failed: timeout."),
        .init(
            "dnsbl.refused", "dnsbl",
            [
                "domain.finding.observed": .string("blocklist-refused"), "domain.finding.zone": .string("bl.example"),
                "domain.finding.list": .string("127.255.255.254"),
            ],
            .error,
            "bl.example refused the query (127.255.255.254); ask it through your own resolver, not a public one."),
        .init(
            "dnsbl.listed", "dnsbl",
            [
                "domain.finding.observed": .string("blocklist-listed"), "domain.finding.ip": .string("192.0.2.66"),
                "domain.finding.zone": .string("bl.example"), "domain.finding.reason": .string("listed for spam"),
            ],
            .problem, "192.0.2.66 is listed in bl.example: listed for spam."),
        .init(
            "dnsbl.unexpected-answer", "dnsbl",
            [
                "domain.finding.observed": .string("blocklist-unexpected-answer"),
                "domain.finding.zone": .string("bl.example"),
            ],
            .error, "bl.example answered with an address outside 127.0.0.0/8."),
        .init(
            "dnsbl.clean", "dnsbl",
            [
                "domain.dnsbl": .string("clean"), "domain.finding.ip": .string("192.0.2.25"),
                "domain.finding.list": .string("bl.example, bl2.example"),
            ],
            .ok, "192.0.2.25 is not listed in bl.example, bl2.example."),
        .init(
            "dnsbl.listed", "dnsbl",
            [
                "domain.finding.observed": .string("blocklist-listed"), "domain.finding.ip": .string("192.0.2.66"),
                "domain.finding.zone": .string("bl.example"),
            ],
            .problem, "192.0.2.66 is listed in bl.example."),
    ]
}

/// Each kind of finding: the rule that words it, its status and its sentence with the observed values put in.
@Suite struct DomainFindingRuleTests {
    static let knowledgeBase: Result<KnowledgeBase, InvalidKnowledgeBase> = Result {
        () throws(InvalidKnowledgeBase) in try KnowledgeBase.load([.builtIn])
    }

    @Test(arguments: DomainFindingCase.all)
    func ruleWordsTheObservation(_ example: DomainFindingCase) throws {
        let engine = InferenceEngine(knowledgeBase: try Self.knowledgeBase.get())
        let finding = DomainFindingWriter(engine: engine).finding(for: example.observation, domain: "a.example")
        #expect(finding?.check == example.observation.check)
        #expect(finding?.status == example.status)
        #expect(finding?.detail == example.sentence)
        let facts =
            [Fact("domain.finding.check", .string(example.observation.check), source: FactSource(.dns))]
            + example.observation.facts.map { Fact($0.key, $0.value, source: FactSource(.dns)) }
        let fired = engine.diagnose(Evidence(observations: [Observation(facts: facts)])).firings.map(\.ruleID)
            .filter { $0.hasPrefix("domain.finding.") }
        #expect(fired == ["domain.finding.\(example.rule)"])
    }

    @Test func everyFindingRuleHasACase() throws {
        let rules = try Self.knowledgeBase.get().rules.map(\.id).filter { $0.hasPrefix("domain.finding.") }
        let covered = Set(DomainFindingCase.all.map { "domain.finding.\($0.rule)" })
        #expect(rules.count >= 80)
        for rule in rules where !covered.contains(rule) { Issue.record("no case for \(rule)") }
    }

    @Test func aLongMaxAgeGivesNoFinding() throws {
        let engine = InferenceEngine(knowledgeBase: try Self.knowledgeBase.get())
        let observation = DomainObservation(
            check: "mta-sts",
            facts: [
                "domain.finding.observed": .string("mta-sts-max-age"), "domain.mta-sts.mode": .string("enforce"),
                "domain.mta-sts.max-age": .int(604_800),
            ])
        #expect(DomainFindingWriter(engine: engine).finding(for: observation, domain: "a.example") == nil)
    }

    @Test func findingRulesDoNotFireOnTheDomainsFacts() throws {
        let engine = InferenceEngine(knowledgeBase: try Self.knowledgeBase.get())
        let facts = [
            Fact("domain.mx", .string("lookup-failed"), source: FactSource(.dns)),
            Fact("domain.dkim.testing", .bool(true), source: FactSource(.dns)),
        ]
        let result = engine.diagnose(Evidence(observations: [Observation(facts: facts)]))
        #expect(!result.facts.contains { $0.name.hasPrefix("domain.finding.") })
    }
}
