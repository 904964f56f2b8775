import Foundation

/// Renders a list of knowledge-base entries for `smtp-doctor rules list`: the ids alone, one a line (for scripts
/// and shell completion), or each id padded to one column beside its description.
///
///     auth.account-locked                    auth: The sending account is locked, disabled or blocked from …
///     auth.auth-not-offered                  auth: The server did not offer authentication on this connection
public struct KnowledgeListRenderer: Sendable {
    /// One entry of the list.
    public struct Row: Sendable, Equatable {
        /// The entry's id.
        public var id: String
        /// What the list says of it after the id.
        public var description: String

        /// Creates a row.
        public init(id: String, description: String) {
            self.id = id
            self.description = description
        }
    }

    /// The widest the id column grows; a longer id pushes its own description to the right.
    public static let maximumIDWidth = 48

    /// Whether to print the ids alone.
    public var idsOnly: Bool

    /// Creates a renderer.
    public init(idsOnly: Bool = false) {
        self.idsOnly = idsOnly
    }

    /// The list, a line for each row, each line ended by a line feed.
    public func render(_ rows: [Row]) -> String {
        let width = min(Self.maximumIDWidth, rows.map(\.id.count).max() ?? 0)
        let lines = rows.map { row in
            idsOnly
                ? row.id
                : row.id.padding(toLength: max(width, row.id.count), withPad: " ", startingAt: 0) + "  "
                    + row.description
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
