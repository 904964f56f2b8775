import Foundation

/// Opens a URL in the user's default browser (`xdg-open` on Linux, `open` on macOS).
enum BrowserOpener {
    #if os(macOS)
        private static let command = ["/usr/bin/open"]
    #else
        private static let command = ["/usr/bin/env", "xdg-open"]
    #endif

    /// Starts the opener and does not wait for it; a failure is reported on standard error, not thrown.
    static func open(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst()) + [url]
        do {
            try process.run()
        } catch {
            Terminal.writeError("smtp-doctor: cannot open a browser (\(error)); open \(url) yourself\n")
        }
    }
}
