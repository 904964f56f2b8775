/// A stub resolver: asks recursive servers, retries, falls back to TCP on truncation and follows CNAME chains.
///
/// One resolver serves one check run: it remembers answers (the SPF checks ask the same names repeatedly) and it
/// gives up every lookup once the run's overall deadline has passed, so that a slow or hostile DNS cannot hold the
/// command up.
public actor DNSResolver {
    /// The servers, timeouts and limits.
    public let configuration: ResolverConfiguration
    private let transport: any DNSTransport
    /// The time since the resolver was made, on its clock.
    private let elapsed: @Sendable () -> Duration
    private var cache: [Key: DNSLookup] = [:]
    private var nextID: UInt16
    /// How many queries were sent, for the findings' statistics.
    public private(set) var queriesSent = 0

    private struct Key: Hashable {
        var name: DNSName
        var type: DNSRecordType
    }

    /// Creates a resolver; the overall deadline starts now.
    /// - Parameters:
    ///   - configuration: the servers, timeouts and limits.
    ///   - transport: what sends the queries.
    ///   - clock: the clock the overall deadline runs on; tests pass a manual one.
    public init<C: Clock>(
        configuration: ResolverConfiguration, transport: any DNSTransport = NIODNSTransport(),
        clock: C = ContinuousClock()
    ) where C.Duration == Duration {
        self.configuration = configuration
        self.transport = transport
        let origin = clock.now
        elapsed = { origin.duration(to: clock.now) }
        nextID = UInt16.random(in: 0...UInt16.max)
    }

    /// How long until the run's overall deadline; zero once it has passed. The checks that leave DNS (the MTA-STS
    /// policy, the MX certificates) bound their own timeouts by it.
    public var timeLeft: Duration { max(.zero, configuration.overallDeadline - elapsed()) }

    /// Looks a name up, following CNAMEs up to the configured limit.
    public func lookup(_ name: DNSName, _ type: DNSRecordType) async -> DNSLookup {
        if let cached = cache[Key(name: name, type: type)] { return cached }
        var current = name
        var cnames: [DNSRecord] = []
        var seen: Set<DNSName> = [name]
        while true {
            var step = await ask(current, type)
            var found: [DNSRecord] = []
            if case .records(let records) = step.outcome {
                // Follow the chain inside this answer first; servers usually include the targets.
                var target = current
                while let cname = records.first(where: { $0.type == .cname && $0.name == target }),
                    case .name(let next) = cname.data
                {
                    cnames.append(cname)
                    guard cnames.count <= configuration.maximumCNAMEs, seen.insert(next).inserted else {
                        return finish(
                            name, type,
                            DNSLookup(
                                name: name, type: type,
                                outcome: .failure(
                                    "the CNAME chain from \(name) loops or is longer than \(configuration.maximumCNAMEs)"
                                ),
                                cnames: cnames))
                    }
                    target = next
                }
                found = records.filter { $0.type == type && $0.name == target }
                if found.isEmpty, target != current, type != .cname {
                    current = target
                    continue
                }
                step.outcome = found.isEmpty ? .noData : .records(found)
            }
            step.name = name
            step.cnames = cnames
            return finish(name, type, step)
        }
    }

    private func finish(_ name: DNSName, _ type: DNSRecordType, _ lookup: DNSLookup) -> DNSLookup {
        cache[Key(name: name, type: type)] = lookup
        return lookup
    }

    /// One question to the servers, with retries and the TCP fallback; the records of the answer section unfiltered.
    private func ask(_ name: DNSName, _ type: DNSRecordType) async -> DNSLookup {
        var lastProblem = "no DNS server is configured"
        for server in configuration.servers {
            for _ in 0..<max(1, configuration.attempts) {
                let remaining = timeLeft
                guard remaining > .zero else {
                    return DNSLookup(
                        name: name, type: type,
                        outcome: .failure("the overall deadline of \(configuration.overallDeadline) passed"))
                }
                let timeout = min(configuration.attemptTimeout, remaining)
                do {
                    var message = try await exchange(name, type, server: server, overTCP: false, timeout: timeout)
                    if message.isTruncated {
                        message = try await exchange(name, type, server: server, overTCP: true, timeout: timeout)
                    }
                    switch message.responseCode {
                    case .noError:
                        let outcome: DNSLookup.Outcome = message.answers.isEmpty ? .noData : .records(message.answers)
                        return DNSLookup(
                            name: name, type: type, outcome: outcome, authenticated: message.isAuthenticated)
                    case .nameError:
                        return DNSLookup(name: name, type: type, outcome: .nameError)
                    case .serverFailure:
                        lastProblem = "\(server) answered SERVFAIL for \(name) \(type)"
                    case .refused:
                        lastProblem = "\(server) refused the query for \(name) \(type)"
                    default:
                        lastProblem = "\(server) answered \(message.responseCode) for \(name) \(type)"
                    }
                } catch DNSTransportError.timeout {
                    lastProblem = "\(server) did not answer in \(timeout) for \(name) \(type)"
                } catch DNSTransportError.unreachable(let why) {
                    lastProblem = "\(server) could not be reached: \(why)"
                    break
                } catch {
                    lastProblem = "\(server): \(error) for \(name) \(type)"
                }
            }
        }
        return DNSLookup(name: name, type: type, outcome: .failure(lastProblem))
    }

    private func exchange(
        _ name: DNSName, _ type: DNSRecordType, server: DNSServerAddress, overTCP: Bool, timeout: Duration
    ) async throws -> DNSMessage {
        nextID &+= 1
        let id = nextID
        queriesSent += 1
        let reply = try await transport.exchange(
            DNSMessage.query(id: id, name: name, type: type), with: server, overTCP: overTCP, timeout: timeout)
        let message = try DNSMessageDecoder.decode(reply)
        guard message.id == id, message.isResponse else {
            throw DNSDecodingError(offset: 0, reason: "the reply does not answer the query")
        }
        if let question = message.questions.first, question.name != name || question.type != type {
            throw DNSDecodingError(offset: 12, reason: "the reply answers another question")
        }
        return message
    }
}
