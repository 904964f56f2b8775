import Synchronization

/// The remediations of a knowledge base, by id.
///
/// A knowledge base loaded from files holds every remediation from the start. One read from its image decodes a
/// remediation the first time it is looked up, and keeps it: a run shows the fixes of a few diagnoses, not of all.
public struct RemediationTable: Sendable {
    private let storage: Storage

    private enum Storage: Sendable {
        case decoded([String: Remediation])
        case image(ImageRemediations)
    }

    /// A table of remediations, each under its id.
    init(_ remediations: [String: Remediation]) {
        storage = .decoded(remediations)
    }

    /// A table whose entries are decoded from an image when they are first looked up.
    init(_ remediations: ImageRemediations) {
        storage = .image(remediations)
    }

    /// The remediation with this id, if there is one.
    public subscript(id: String) -> Remediation? {
        switch storage {
        case .decoded(let remediations): remediations[id]
        case .image(let remediations): remediations.remediation(id)
        }
    }

    /// The id of every remediation.
    public var keys: [String] {
        switch storage {
        case .decoded(let remediations): Array(remediations.keys)
        case .image(let remediations): remediations.ids
        }
    }

    /// Every remediation.
    public var values: [Remediation] {
        keys.compactMap { self[$0] }
    }

    /// How many remediations there are.
    public var count: Int {
        switch storage {
        case .decoded(let remediations): remediations.count
        case .image(let remediations): remediations.ids.count
        }
    }
}

/// The remediations of a knowledge-base image, decoded one by one as they are looked up.
///
/// The image is made by the build from a knowledge base that passed every check, and its structure was checked when
/// it was read, so decoding an entry cannot meet anything unexpected.
final class ImageRemediations: Sendable {
    /// The ids, in ascending order.
    let ids: [String]
    /// Where each entry starts in the image's body, in the order of `ids`.
    private let starts: [Int]
    private let image: KnowledgeImage
    private let decoded = Mutex<[Int: Remediation]>([:])

    /// The entries of `image` under `ids` (ascending), starting at `starts` in its body.
    init(image: KnowledgeImage, ids: [String], starts: [Int]) {
        self.image = image
        self.ids = ids
        self.starts = starts
    }

    /// The remediation with this id, decoded on its first look-up.
    func remediation(_ id: String) -> Remediation? {
        guard let index = index(of: id) else { return nil }
        if let remediation = decoded.withLock({ $0[index] }) { return remediation }
        var body = image.body
        let remediation = body.withUTF8 { bytes in
            var reader = KnowledgeImageReader(bytes: bytes, stringPages: image.stringPages, entryAt: starts[index])
            let remediation = reader.remediation()
            precondition(!reader.failed, "the image's remediation \(id) is damaged")
            return remediation
        }
        decoded.withLock { $0[index] = remediation }
        return remediation
    }

    /// The position of `id` in `ids`, found by halving.
    private func index(of id: String) -> Int? {
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < ids.count && ids[low] == id ? low : nil
    }
}
