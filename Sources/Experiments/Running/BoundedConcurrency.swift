/// Runs `body` on every element with at most `limit` running at once, and returns the
/// results in the elements' order, whatever order they finish in.
func boundedMap<Element: Sendable, Result: Sendable>(
    _ elements: [Element], limit: Int, _ body: @escaping @Sendable (Element) async -> Result
) async -> [Result] {
    await withTaskGroup(of: (Int, Result).self) { group in
        var results = [Result?](repeating: nil, count: elements.count)
        var next = 0
        func startNext() {
            guard next < elements.count else { return }
            let index = next
            next += 1
            group.addTask { (index, await body(elements[index])) }
        }
        for _ in 0..<max(1, limit) { startNext() }
        for await (index, result) in group {
            results[index] = result
            startNext()
        }
        return results.compactMap { $0 }
    }
}
