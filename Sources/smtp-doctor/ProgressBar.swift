import Foundation
import SMTPDoctorCore

/// A one-line progress report on standard error — bytes read, events, rate — drawn only when standard error is a
/// terminal, so redirected output and pipelines never see it.
final class ProgressBar {
    private let totalBytes: Int?
    private let start = ContinuousClock.now
    private var lastDraw = ContinuousClock.now
    private var drawn = false
    let enabled: Bool

    /// A bar for inputs of `totalBytes` (nil when unknown, as for standard input).
    init(totalBytes: Int?, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.totalBytes = totalBytes
        self.enabled = enabled
    }

    /// Redraws the bar at most ten times a second.
    func update(_ statistics: InputStatistics) {
        guard enabled else { return }
        let now = ContinuousClock.now
        guard now - lastDraw >= .milliseconds(100) else { return }
        lastDraw = now
        let seconds = max(0.001, Self.seconds(now - start))
        let megabytes = Double(statistics.bytesRead) / 1_000_000
        var line = String(format: "%.1f MB", megabytes)
        if let totalBytes, totalBytes > 0 {
            let fraction = min(1, Double(statistics.bytesRead) / Double(totalBytes))
            let filled = Int(fraction * 30)
            line =
                "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: 30 - filled) + "] "
                + String(format: "%3.0f%% ", fraction * 100) + line
        }
        line += String(format: "  %d events  %.0f MB/s", statistics.events, megabytes / seconds)
        Terminal.writeErrorControl("\r\u{1B}[K")
        Terminal.writeError(line)
        drawn = true
    }

    /// Clears the bar.
    func finish() {
        guard drawn else { return }
        Terminal.writeErrorControl("\r\u{1B}[K")
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
