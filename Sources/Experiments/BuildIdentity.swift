import Foundation
import Reporting

/// Identifies the running build of the toolkit, so that cached results never outlive the
/// code that computed them.
enum BuildIdentity {
    /// The running executable's resolved path, size and modification time — any rebuild
    /// changes it, and reading it costs one `stat`. The toolkit version alone when the
    /// executable cannot be found.
    static let current: String = {
        let path =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? Bundle.main.executablePath
        guard let path, let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date
        else {
            return Toolkit.version
        }
        return "\(path) \(size) \(modified.timeIntervalSince1970)"
    }()
}
