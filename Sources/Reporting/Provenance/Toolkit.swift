/// Facts about this build of the toolkit.
public enum Toolkit {
    /// The toolkit's version, recorded in every result header and part of every cache key.
    public static let version = "0.1.0"
}
