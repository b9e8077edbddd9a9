import Crypto
import Reporting

extension SHA256 {
    /// The lowercase hex SHA-256 (FIPS 180-4) digest of `bytes`: what fingerprints scenario
    /// files in result headers and keys the result cache.
    static func hexDigest<Bytes: Collection>(of bytes: Bytes) -> String where Bytes.Element == UInt8 {
        ContentDigest.sha256(Array(bytes))
    }
}
