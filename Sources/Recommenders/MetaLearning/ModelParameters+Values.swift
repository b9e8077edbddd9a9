extension ModelParameters {
    /// The switch value of `name`.
    public func bool(_ name: String) -> Bool? {
        if case let .bool(value) = values[name] { return value }
        return nil
    }

    /// The word value of `name`.
    public func string(_ name: String) -> String? {
        if case let .string(value) = values[name] { return value }
        return nil
    }
}
