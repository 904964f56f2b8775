extension ProbeReport {
    /// Whether credentials could be tried on this port as it was probed: the session ran encrypted, the server's
    /// certificate verified (trusted, in date, naming the host), and the server offers AUTH there.
    ///
    /// The interview offers its sign-in test only then, so that a password typed into it never travels in clear
    /// text, nor to a server that could not prove its name.
    public var acceptsCredentialsSafely: Bool {
        guard session.tlsActive, let certificate, certificate.problems.isEmpty else { return false }
        return session.currentCapabilities?.offersAuth ?? false
    }
}
