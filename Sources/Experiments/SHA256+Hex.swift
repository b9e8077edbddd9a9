import Crypto

extension SHA256 {
    /// The lowercase hex SHA-256 (FIPS 180-4) digest of `bytes`: what fingerprints scenario
    /// files in result headers and keys the result cache.
    static func hexDigest<Bytes: Collection>(of bytes: Bytes) -> String where Bytes.Element == UInt8 {
        hash(data: Array(bytes)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
