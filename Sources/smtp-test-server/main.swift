import Foundation
import SMTPTestServer

// Starts the fault-injecting SMTP test server in a few scenarios on 127.0.0.1 and prints one line per scenario,
// `NAME PORT`, then serves until it is terminated. The browser tests of `smtp-doctor serve` probe these ports.
//
//   success         plain SMTP, no TLS, relay for anyone
//   auth-fails      STARTTLS with a certificate of a throw-away CA; AUTH answers 535 5.7.8
//   relay-denied    plain SMTP; RCPT TO answers 550 5.7.1 Unable to relay

var success = SMTPTestServerScript()
success.relay = .open

var authFails = SMTPTestServerScript()
authFails.tls = .starttls(try TestCertificates.server(signedBy: try TestCertificates.authority()))
authFails.auth = .reply(535, "5.7.8 Authentication credentials invalid")

var relayDenied = SMTPTestServerScript()
relayDenied.relay = .rcptReply(550, "5.7.1 Unable to relay")

var servers: [SMTPTestServer] = []
for (name, script) in [("success", success), ("auth-fails", authFails), ("relay-denied", relayDenied)] {
    let server = try await SMTPTestServer.start(script)
    servers.append(server)
    FileHandle.standardOutput.write(Data("\(name) \(server.port)\n".utf8))
}
while true { try await Task.sleep(for: .seconds(3600)) }
