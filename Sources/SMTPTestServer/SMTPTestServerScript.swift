/// What a scripted test server does, set per test.
///
/// The defaults are a well-behaved submission server: greeting 220, EHLO with PIPELINING, SIZE and SMTPUTF8,
/// AUTH PLAIN LOGIN that accepts `user` / `secret`, open relay for authenticated clients.
public struct SMTPTestServerScript: Sendable {
    /// How the server greets.
    public enum Greeting: Sendable, Hashable {
        case reply(Int, String)
        /// Never a word: trips the greeting timeout.
        case silent
        /// Close the connection at once.
        case close
        /// A line that is not SMTP.
        case garbage(String)
        /// Bytes without a line ending, more than any line limit (bounded at 1 MiB).
        case endlessLine
        /// `220-` continuation lines without end (bounded at 100 000).
        case endlessContinuation
    }

    /// How the server uses TLS.
    public enum TLS: Sendable, Hashable {
        case none
        case starttls(ServerIdentity)
        case implicit(ServerIdentity)
    }

    /// What AUTH answers.
    public enum Auth: Sendable, Hashable {
        /// 235 for these credentials, `535 5.7.8` for others.
        case credentials(username: String, password: String)
        /// This reply, whatever was sent.
        case reply(Int, String)
        /// This reply over several lines (`535-first`, …, `535 last`), whatever was sent.
        case replyLines(Int, [String])
    }

    /// Whom the server relays for.
    public enum Relay: Sendable, Hashable {
        case open
        /// Only authenticated clients; others get `554 5.7.1 Relay access denied` at RCPT TO.
        case authenticatedOnly
        /// This reply to RCPT TO, always.
        case rcptReply(Int, String)
        /// This reply to MAIL FROM, always.
        case mailReply(Int, String)
    }

    public var hostname = "test.localhost"
    public var greeting: Greeting = .reply(220, "test.localhost ESMTP SMTPTestServer")
    /// Say nothing on a new connection until ``SMTPTestServer/releaseGreetings()``: a server slower than any
    /// timeout, whatever clock the timeout runs on.
    public var holdsGreeting = false
    /// Answer EHLO with 502 (HELO still works).
    public var rejectEHLO = false
    public var capabilities = ["PIPELINING", "SIZE 10240000", "8BITMIME", "SMTPUTF8"]
    public var authMechanisms = ["PLAIN", "LOGIN"]
    /// Offer AUTH before TLS too (Postfix's default offers it only after STARTTLS).
    public var offerAuthBeforeTLS = false
    public var tls: TLS = .none
    /// Answer STARTTLS with this instead of 220.
    public var startTLSReply: (code: Int, text: String)?
    /// The newest TLS version the server speaks (to test a server stuck on TLS 1.0/1.1).
    public var maximumTLSVersion: TLSVersionLimit?
    public var auth: Auth = .credentials(username: "user", password: "secret")
    /// Answer AUTH without TLS with 538 5.7.11.
    public var requireTLSForAuth = true
    public var relay: Relay = .authenticatedOnly
    /// Never answer these verbs: a server that hangs at this step.
    public var unanswered: Set<String> = []
    /// Close the connection instead of answering this verb.
    public var closeOn: String?
    /// Right after the greeting, send this reply and close the connection without waiting for the client: a server
    /// that gives up on a client before its first command (Postfix's `421 4.4.2 … Error: timeout exceeded`).
    public var hangUpAfterGreeting: (code: Int, text: String)?

    /// Creates the default script.
    public init() {}

    /// The newest TLS version a test server speaks.
    public enum TLSVersionLimit: Sendable, Hashable {
        case tls10
        case tls11
        case tls12
    }
}

extension SMTPTestServerScript.TLS {
    var identity: ServerIdentity? {
        switch self {
        case .none: return nil
        case .starttls(let identity), .implicit(let identity): return identity
        }
    }
}
