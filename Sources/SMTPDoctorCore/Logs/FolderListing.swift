import Foundation

/// The regular files under a folder, sorted, hidden entries skipped, with every entry that could not be read
/// said out loud: a folder that cannot be listed, a broken symbolic link, a link to a folder (not followed, so that
/// link loops cannot trap the reader).
struct FolderListing {
    /// The regular files (or links to regular files), sorted.
    private(set) var files: [String] = []
    /// `path: reason` for each entry skipped.
    private(set) var problems: [String] = []

    /// Folders nested deeper than this are not entered.
    static let maximumDepth = 32

    /// Lists a folder recursively.
    init(_ folder: String) {
        visit(folder, depth: 0)
        files.sort()
    }

    private mutating func visit(_ folder: String, depth: Int) {
        let manager = FileManager.default
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: folder)
        } catch {
            problems.append("\(folder): the folder cannot be listed (\(Self.reason(error)))")
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            guard let type = try? manager.attributesOfItem(atPath: path)[.type] as? FileAttributeType else {
                problems.append("\(path): cannot be examined")
                continue
            }
            switch type {
            case .typeRegular:
                files.append(path)
            case .typeDirectory:
                if depth < Self.maximumDepth {
                    visit(path, depth: depth + 1)
                } else {
                    problems.append("\(path): nested deeper than \(Self.maximumDepth) folders, not read")
                }
            case .typeSymbolicLink:
                var isFolder: ObjCBool = false
                if !manager.fileExists(atPath: path, isDirectory: &isFolder) {
                    problems.append("\(path): broken symbolic link")
                } else if isFolder.boolValue {
                    problems.append("\(path): symbolic link to a folder, not followed (give the folder itself)")
                } else {
                    files.append(path)
                }
            default:
                problems.append("\(path): not a regular file, not read")
            }
        }
    }

    private static func reason(_ error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying?.code, underlying?.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(code)))
        }
        return (error as NSError).localizedDescription
    }
}
