import Crypto
import Foundation

/// SHA-256 (FIPS 180-4) digests in lowercase hex: they fingerprint scenario files, key the
/// result cache, tie a `results.json` to its `per_user.jsonl` and a cached cell to its key.
public enum ContentDigest {
    /// The hex SHA-256 of `bytes`.
    public static func sha256<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// A digest's bytes in lowercase hex.
    static func hex(_ digest: some Digest) -> String {
        digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The hex SHA-256 of the file at `url`.
    /// - Throws: ``ReportError/unreadableResults(path:reason:)`` when it cannot be read.
    public static func sha256(ofFile url: URL) throws -> String {
        do {
            return sha256(try Data(contentsOf: url))
        } catch {
            throw ReportError.unreadableResults(path: url.path, reason: "cannot read the file")
        }
    }
}
