import SMTPDoctorCore
import Testing

/// A command as the rules once had it wrong, and a phrase of the problem the checks must report for it.
///
/// Each one is a mistake found on review of the knowledge base; the checks must catch it if it comes back.
struct KnownMistake: Sendable, CustomTestStringConvertible {
    var name: String
    var command: RuleCommand
    var expected: String

    var testDescription: String { name }

    init(_ name: String, _ shell: String, _ run: String, label: String = "", expect expected: String) {
        self.name = name
        self.command = RuleCommand(
            remediationID: "known-mistake", location: SourceLocation(file: "KnownMistake.swift", line: 0),
            label: label, shell: shell, run: run)
        self.expected = expected
    }

    static let all: [KnownMistake] = [
        KnownMistake(
            "1 message_size_limit above mailbox_size_limit", "sh",
            "postconf -e message_size_limit=52428800 && postfix reload", expect: "mailbox_size_limit"),
        KnownMistake(
            "2 retired Get-MessageTrace", "powershell",
            "Get-MessageTrace -SenderAddress noreply@example.com -StartDate (Get-Date).AddHours(-24) -EndDate (Get-Date) | Measure-Object",
            expect: "retired"),
        KnownMistake(
            "2 retired Get-MessageTraceDetail", "powershell",
            "Get-MessageTraceDetail -MessageTraceId 00000000-0000-0000-0000-000000000000 -RecipientAddress user@example.com",
            expect: "retired"),
        KnownMistake(
            "2 message trace counted at its default 1000 rows", "powershell",
            "Get-MessageTraceV2 -SenderAddress noreply@example.com -StartDate (Get-Date).AddHours(-24) -EndDate (Get-Date) | Measure-Object",
            expect: "1000 rows"),
        KnownMistake(
            "2 message tracking without -ResultSize", "powershell",
            "Get-MessageTrackingLog -Start (Get-Date).AddHours(-1) | Group-Object EventId", expect: "1000 entries"),
        KnownMistake(
            "3 smart host without -DNSRoutingEnabled $false", "powershell",
            "Set-SendConnector 'Outbound to Office 365' -SmartHosts '<domain-key>.mail.protection.outlook.com'",
            expect: "-DNSRoutingEnabled $false"),
        KnownMistake(
            "3 and 9d.1 hybrid smart host at client submission", "powershell",
            "Set-SendConnector 'Outbound to Office 365' -SmartHosts 'smtp.office365.com' -DNSRoutingEnabled $false",
            expect: "client submission"),
        KnownMistake(
            "4 Remove-Message -Queue", "powershell", "Remove-Message -Queue '<server>\\<queue-id>' -WithNDR $false",
            expect: "no parameter -queue"),
        KnownMistake(
            "5 Test-NetConnection -Port with -TraceRoute", "powershell",
            "Test-NetConnection -ComputerName smtp.example.com -Port 587 -TraceRoute",
            expect: "different parameter sets"),
        KnownMistake(
            "6 Latency without saying PowerShell 7", "powershell",
            "Test-Connection smtp.example.com -Count 20 | Measure-Object -Property Latency -Average -Maximum",
            label: "Latency and loss from Windows", expect: "PowerShell 7"),
        KnownMistake(
            "7 Setup.exe without .\\", "powershell",
            "Setup.exe /Mode:Install /Roles:EdgeTransport /IAcceptExchangeServerLicenseTerms_DiagnosticDataOFF",
            expect: ".\\Setup.exe"),
        KnownMistake(
            "7 msiexec that does not wait", "powershell",
            "msiexec.exe /i ASDat.MSI ALLUSERS=1 /qn; msiexec.exe /i ASEntIRS.MSI ALLUSERS=1 /qn", expect: "-Wait"),
        KnownMistake(
            "8 journalctl -u postfix on Debian", "sh", "journalctl -u postfix --since '1 hour ago'",
            expect: "postfix@-"),
        KnownMistake(
            "8 systemctl status postfix on Debian", "sh", "systemctl status postfix", expect: "postfix@-"),
        KnownMistake(
            "8 /var/log/mail.log on a fresh Debian 12", "sh", "grep -iE 'sasl|auth' /var/log/mail.log | tail -n 50",
            expect: "rsyslog"),
        KnownMistake(
            "8 resolvectl without systemd-resolved", "sh", "resolvectl status", label: "Show DNS servers",
            expect: "systemd-resolved"),
        KnownMistake(
            "9 pip install into the system Python", "sh", "python3 -m pip install --upgrade certifi",
            expect: "externally-managed-environment"),
        KnownMistake(
            "10 a blocklist answer taken as a listing", "sh", "dig +short 77.100.51.198.zen.spamhaus.org",
            label: "Query Spamhaus ZEN (an answer means listed)", expect: "refusal"),
        KnownMistake(
            "11 a variable from an earlier command", "powershell", "Get-Content $latest.FullName -Tail 10 -Wait",
            expect: "$latest is used but not set"),
        KnownMistake(
            "14 a lab host name as -Fqdn", "powershell",
            "Set-ReceiveConnector 'Default internal receive connector EDGE01' -Fqdn 'mail.cloudmonkeys.xyz'",
            expect: "mail.cloudmonkeys.xyz"),
        KnownMistake(
            "14 a lab tenant in address spaces", "powershell",
            "Set-SendConnector 'Outbound to Office 365' -AddressSpaces 'smtp:cloudfield.mail.onmicrosoft.com;1'",
            expect: "cloudfield.mail.onmicrosoft.com"),
        KnownMistake(
            "14 a public IP address in a blocklist query", "sh", "dig +short 241.57.7.27.zen.spamhaus.org",
            label: "Check the listing (127.255.255.x means refused)", expect: "not about an example IP"),
        KnownMistake(
            "14 domain.com in an address", "powershell",
            "Get-MessageTrackingLog -Sender 'user@domain.com' -Start (Get-Date).AddHours(-1) -ResultSize Unlimited",
            expect: "domain.com"),
        KnownMistake(
            "14 company.com in an address", "sh",
            "swaks --server smtp.example.com --from noreply@company.com --to test@example.com", expect: "company.com"),
        KnownMistake(
            "14 a real-looking link domain", "sh", "dig +short example-link.com.dbl.spamhaus.org A",
            label: "DBL (127.255.255.x means refused)", expect: "example-link.com"),
        KnownMistake(
            "14 Google's resolvers as Exchange's external DNS", "powershell",
            "Set-TransportService EX01 -ExternalDNSServers 8.8.8.8,8.8.4.4 -ExternalDNSAdapterEnabled $false",
            expect: "8.8.8.8 is a public address"),
        KnownMistake(
            "Exchange Online cmdlet in a general command without saying so", "powershell",
            "Get-InboundConnector | Format-List Name, TlsSenderCertificateName", label: "Show the connectors",
            expect: "only in Exchange Online"),
        KnownMistake(
            "14 a public IPv6 address", "sh", "nc -vz -w 10 2606:4700:4700::1111 25",
            expect: "public IPv6 address"),
        KnownMistake(
            "shell placeholders are redirections unless quoted", "sh", "<venv>/bin/python -m pip install certifi",
            expect: "redirection"),
    ]
}
