/// A kept result's identifier and its documents' names and labels, for the download links of a web page.
public struct DownloadLinks: Sendable {
    /// The result's identifier, the `ID` of `/results/ID/NAME`.
    public var id: String
    /// Each document's name under `/results/ID/` (such as `report.html`) and the label of its link (`HTML`).
    public var links: [(name: String, label: String)]

    /// Creates the links of the result `id`.
    public init(id: String, links: [(name: String, label: String)]) {
        self.id = id
        self.links = links
    }
}
