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
        let connection: SMTPConnection
        do {
            connection = try await SMTPConnection.connect(
                to: socketAddress, serverName: host, implicitTLS: false, timeout: timeout,
                limits: SMTPReplyDecoder.Limits())
        } catch {
            return .failure(MXCertificateError("\(host) (\(address)) port \(port) could not be reached: \(error)"))
        }
        do {
            let greeting = try await connection.readReply(timeout: timeout)
            guard greeting.code == 220 else { throw MXCertificateError("the greeting was \(greeting.code)") }
            try await connection.send(.ehlo("smtp-doctor.invalid"))
            let ehlo = try await connection.readReply(timeout: timeout)
            guard ehlo.code == 250 else { throw MXCertificateError("EHLO was answered \(ehlo.code)") }
            try await connection.send(.startTLS)
            let ready = try await connection.readReply(timeout: timeout)
            guard ready.code == 220 else { throw MXCertificateError("STARTTLS was answered \(ready.code)") }
            let negotiated = try await connection.startTLS(serverName: host, timeout: timeout)
            await connection.close()
            let chain = try negotiated.chain.map { try $0.toDERBytes() }
            guard !chain.isEmpty else { throw MXCertificateError("the server presented no certificate") }
            return .success(chain)
        } catch let error as MXCertificateError {
            await connection.close()
            return .failure(MXCertificateError("\(host): \(error.reason)"))
        } catch {
            await connection.close()
            return .failure(MXCertificateError("\(host): STARTTLS failed: \(error)"))
        }
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
