import SMTPDoctorProbes

/// How `smtp-doctor serve` runs: where it listens, who may use it, and the limits it keeps.
public struct ServeSettings: Sendable {
    public var listen: ListenAddress
    /// Required when ``listen`` is not loopback.
    public var access: AccessCredentials?
    /// Whether probes may reach loopback, link-local and private addresses from a non-loopback listener.
    public var allowPrivateTargets: Bool
    /// Probes each client may start per ``probeWindow``.
    public var probesPerWindow: Int
    public var probeWindow: Duration
    /// The largest form or JSON body accepted.
    public var maximumBodyBytes: Int
    /// The largest uploaded log or bounce file accepted.
    public var maximumUploadBytes: Int
    /// The longest a probe started from the page may take, over all its steps.
    public var probeDeadline: Duration
    /// The longest one probe step may take.
    public var probeStepTimeout: Duration
    /// The results kept for download, oldest dropped first.
    public var keptResults: Int
    /// The DNS server `check-domain` asks, `host[:port]`; nil for those of `/etc/resolv.conf`.
    public var dnsServer: String?
    /// The version written into JSON documents.
    public var toolVersion: String
    /// The command line's exit status for a probe verdict, written into the probe's JSON contract.
    public var probeExitCode: @Sendable (ProbeVerdict) -> Int32

    /// Creates settings with the defaults of the command line.
    public init(
        listen: ListenAddress, access: AccessCredentials? = nil, allowPrivateTargets: Bool = false,
        probesPerWindow: Int = 10, probeWindow: Duration = .seconds(60), maximumBodyBytes: Int = 1 << 20,
        maximumUploadBytes: Int = 32 << 20, probeDeadline: Duration = .seconds(60),
        probeStepTimeout: Duration = .seconds(15), keptResults: Int = 200, dnsServer: String? = nil,
        toolVersion: String,
        probeExitCode: @escaping @Sendable (ProbeVerdict) -> Int32
    ) {
        self.listen = listen
        self.access = access
        self.allowPrivateTargets = allowPrivateTargets
        self.probesPerWindow = probesPerWindow
        self.probeWindow = probeWindow
        self.maximumBodyBytes = maximumBodyBytes
        self.maximumUploadBytes = maximumUploadBytes
        self.probeDeadline = probeDeadline
        self.probeStepTimeout = probeStepTimeout
        self.keptResults = keptResults
        self.dnsServer = dnsServer
        self.toolVersion = toolVersion
        self.probeExitCode = probeExitCode
    }

    /// Whether probe targets are checked against internal address ranges.
    var restrictsTargets: Bool { !listen.isLoopback && !allowPrivateTargets }

    /// Refuses a listener that other machines can reach when nobody has to sign in.
    ///
    /// - Throws: ``ServeSetupError`` saying how to configure access.
    public func validate() throws(ServeSetupError) {
        if !listen.isLoopback, access == nil {
            throw ServeSetupError(
                "--listen \(listen) is reachable from other machines; give --access-token-file FILE "
                    + "(or SMTP_DOCTOR_SERVE_TOKEN) or --user NAME with --password-file FILE "
                    + "(or SMTP_DOCTOR_SERVE_PASSWORD), or listen on 127.0.0.1")
        }
        guard probesPerWindow > 0, maximumBodyBytes > 0, maximumUploadBytes > 0, keptResults > 0 else {
            throw ServeSetupError("the probe rate, the body and upload limits and the kept results must be positive")
        }
    }
}

/// A configuration that `serve` cannot start with; the message says what to change.
public struct ServeSetupError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
