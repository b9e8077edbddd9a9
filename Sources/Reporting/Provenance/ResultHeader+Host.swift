import Foundation

extension ResultHeader.Host {
    /// This machine: its name, operating system and active processor cores.
    public static var current: Self {
        let info = ProcessInfo.processInfo
        return Self(
            name: info.hostName, operatingSystem: info.operatingSystemVersionString, cores: info.activeProcessorCount)
    }
}
