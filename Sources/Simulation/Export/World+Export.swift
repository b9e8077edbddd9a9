import Foundation
import RecData

/// The formats `metarec simulate` writes a world in.
public enum WorldExportFormat: String, CaseIterable, Sendable {
    /// RecBole atomic files of the dataset (`NAME.inter`, `NAME.user`, `NAME.item`).
    case recbole
    /// Plain CSV of the whole log and the feature tables.
    case csv
    /// Only the summary and the shift events.
    case summary
}

extension World {
    /// The name of the dataset's value field in exports: `rating` for rated purchases,
    /// `watch_fraction` for watch fractions, none for implicit feedback.
    public var valueFieldName: String? {
        switch dataset.feedback {
        case .implicit: return nil
        case .rating: return family == .video ? "watch_fraction" : "rating"
        }
    }

    /// The dataset as RecBole atomic tables, its interactions carrying the slate
    /// position and the family's feedback details as extra float fields
    /// (`position`; e-commerce `purchase`; video `like` and `watch_fraction`).
    public func recBole() -> RecBoleDataset {
        var tables = RecBoleDataset(dataset: dataset, valueField: valueFieldName)
        let details = log.datasetDetails
        guard details.count == dataset.interactions.count, !details.isEmpty else { return tables }
        tables.interactions.append("position", .float(details.map { Double($0.position) }))
        switch family {
        case .ecommerce:
            tables.interactions.append("purchase", .float(details.map { $0.purchased ? 1 : 0 }))
        case .video:
            tables.interactions.append("like", .float(details.map { $0.liked ? 1 : 0 }))
            if valueFieldName != "watch_fraction" {
                tables.interactions.append("watch_fraction", .float(single: details.map { $0.watchFraction ?? 0 }))
            }
        case .news:
            break
        }
        return tables
    }

    /// Writes the RecBole atomic files into `directory` as `NAME.inter`, `.user`, `.item`.
    @discardableResult
    public func writeRecBole(to directory: URL, name: String) throws -> [URL] {
        try recBole().write(to: directory, name: name)
    }

    // MARK: - CSV

    /// Writes `interactions.csv` (every logged choice, in and out of the dataset, with
    /// its feedback details), `users.csv` and `items.csv` (features; lists and vectors
    /// as space-separated values) into `directory`.
    @discardableResult
    public func writeCSV(to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let interactionsURL = directory.appendingPathComponent("interactions.csv")
        let usersURL = directory.appendingPathComponent("users.csv")
        let itemsURL = directory.appendingPathComponent("items.csv")
        try writeChoices(to: interactionsURL)
        try Self.writeFeatures(dataset.users, idField: "user_id", to: usersURL)
        try Self.writeFeatures(dataset.items, idField: "item_id", to: itemsURL)
        return [interactionsURL, usersURL, itemsURL]
    }

    private func writeChoices(to url: URL) throws {
        let writer = try CSVWriter(url: url)
        var header = ["user_id", "item_id", "timestamp", "in_dataset", "value", "position"]
        switch family {
        case .ecommerce: header += ["purchased", "rating"]
        case .video: header += ["watch_fraction", "liked"]
        case .news: break
        }
        try writer.write(header)
        for choice in log.allChoices(dataset: dataset) {
            let event = choice.interaction
            let details = choice.details
            var row = [
                String(event.user.rawValue), String(event.item.rawValue), String(event.time),
                details.inDataset ? "1" : "0", details.inDataset ? String(describing: event.value) : "",
                String(details.position),
            ]
            switch family {
            case .ecommerce: row += [details.purchased ? "1" : "0", details.rating.map(String.init) ?? ""]
            case .video: row += [details.watchFraction.map { String(describing: $0) } ?? "", details.liked ? "1" : "0"]
            case .news: break
            }
            try writer.write(row)
        }
        try writer.close()
    }

    private static func writeFeatures(_ table: FeatureTable, idField: String, to url: URL) throws {
        let writer = try CSVWriter(url: url)
        try writer.write([idField] + table.schema.map(\.name))
        for row in 0..<table.rowCount {
            var cells = [String(row)]
            for (_, column) in table.columns {
                switch column {
                case let .categorical(codes, _): cells.append(String(codes[row]))
                case let .multiValued(lists, _): cells.append(lists[row].map(String.init).joined(separator: " "))
                case let .numeric(values): cells.append(String(describing: values[row]))
                case let .dense(values, dimension):
                    cells.append(
                        values[(row * dimension)..<((row + 1) * dimension)].map { String(describing: $0) }.joined(
                            separator: " "))
                }
            }
            try writer.write(cells)
        }
        try writer.close()
    }

    /// Writes the shift events as `shift_events.csv` (one row per event; the users of a
    /// sudden switch as space-separated ids) into `directory`.
    @discardableResult
    public func writeShiftEvents(to directory: URL) throws -> URL {
        let url = directory.appendingPathComponent("shift_events.csv")
        let writer = try CSVWriter(url: url)
        try writer.write(["kind", "start", "end", "group", "magnitude", "users", "summary"])
        for event in shiftEvents {
            try writer.write([
                event.kind.rawValue, String(event.start), String(event.end), event.group.map(String.init) ?? "",
                String(describing: event.magnitude), event.users.map { String($0.rawValue) }.joined(separator: " "),
                event.summary,
            ])
        }
        try writer.close()
        return url
    }
}
