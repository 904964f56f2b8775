import NIOCore
import NIOSSL
import SMTPDoctorProbes

/// Fetches the certificate chain an MX presents after STARTTLS, without judging it: DANE decides by TLSA.
public struct MXCertificateFetcher: Sendable, Hashable {
    /// The SMTP port: 25; tests use another.
    public var port: Int
    /// How long each step (connect, each reply, the handshake) may take.
    public var timeout: Duration

    /// Creates a fetcher.
    public init(port: Int = 25, timeout: Duration = .seconds(10)) {
        self.port = port
        self.timeout = timeout
    }

    /// The chain (leaf first, DER) presented by `host` at `address`, or why none could be had.
    public func chain(host: String, address: IPAddress) async -> Result<[[UInt8]], MXCertificateError> {
        let socketAddress: SocketAddress
        do {
            socketAddress = try SocketAddress(ipAddress: address.description, port: port)
        } catch {
            return .failure(MXCertificateError("\(address) port \(port) is not an address"))
        }
        do {
            return try await SMTPConnection.withConnection(
                to: socketAddress, serverName: host, implicitTLS: false, timeout: timeout,
                limits: SMTPReplyDecoder.Limits()
            ) { connection in
                do {
                    return .success(try await startTLS(on: connection, host: host))
                } catch let error as MXCertificateError {
                    return .failure(MXCertificateError("\(host): \(error.reason)"))
                } catch {
                    return .failure(MXCertificateError("\(host): STARTTLS failed: \(error)"))
                }
            }
        } catch {
            return .failure(MXCertificateError("\(host) (\(address)) port \(port) could not be reached: \(error)"))
        }
    }

    /// Greeting, EHLO and STARTTLS; the chain presented in the handshake, leaf first.
    private func startTLS(on connection: SMTPConnection, host: String) async throws -> [[UInt8]] {
        let greeting = try await connection.readReply(timeout: timeout)
        guard greeting.code == 220 else { throw MXCertificateError("the greeting was \(greeting.code)") }
        let ehlo = try await connection.exchange(.ehlo("smtp-doctor.invalid"), timeout: timeout)
        guard ehlo.code == 250 else { throw MXCertificateError("EHLO was answered \(ehlo.code)") }
        let ready = try await connection.exchange(.startTLS, timeout: timeout)
        guard ready.code == 220 else { throw MXCertificateError("STARTTLS was answered \(ready.code)") }
        let negotiated = try await connection.startTLS(serverName: host, timeout: timeout)
        let chain = try negotiated.chain.map { try $0.toDERBytes() }
        guard !chain.isEmpty else { throw MXCertificateError("the server presented no certificate") }
        return chain
    }
}

/// Why an MX's certificate could not be fetched.
public struct MXCertificateError: Error, Sendable, Hashable {
    /// In one sentence.
    public var reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
