import Simulation

/// The order a suite's cells start in: longest first, so that with several jobs the long
/// cells do not end up running alone at the end (Graham's longest-processing-time rule,
/// "Bounds on multiprocessing timing anomalies", SIAM J. Appl. Math. 1969).
///
/// A cell's cost is guessed as its model's ``ModelCost`` weight times the size of its
/// world. Cells of one world (scenario and seed) stay together, so that a world is
/// generated once, used by its cells and freed before the next is generated; worlds start
/// in order of their cells' total cost and, within a world, cells by their own. Only the
/// start order changes: results are put back into canonical order.
enum CellSchedule {
    /// The positions of `cells` in the order they should start.
    static func order(_ cells: [SuiteCell]) -> [Int] {
        struct WorldKey: Hashable {
            let scenario: String
            let seed: UInt64
        }
        var groups = [WorldKey: [Int]]()
        var firstSeen = [WorldKey]()
        for (index, cell) in cells.enumerated() {
            let key = WorldKey(scenario: cell.scenario.name, seed: cell.seed)
            if groups[key] == nil { firstSeen.append(key) }
            groups[key, default: []].append(index)
        }
        let costs = cells.map(cellCost)
        let worlds = firstSeen.map { key -> [Int] in
            stableSorted(groups[key] ?? [], by: costs)
        }
        let totals = worlds.map { members -> Double in members.reduce(0) { $0 + costs[$1] } }
        let worldOrder = stableSorted(Array(worlds.indices), by: totals)
        return worldOrder.flatMap { worlds[$0] }
    }

    /// The guessed cost of a cell: its model's weight times its world's estimated size (a
    /// real dataset's: its files' size).
    static func cellCost(_ cell: SuiteCell) -> Double {
        cell.model.descriptor.cost.weight
            * (cell.scenario.world?.estimatedBytes ?? Double(cell.scenario.dataset?.fileBytes ?? 0))
    }

    /// `indices` by descending `costs[index]`, equal costs in their given order.
    private static func stableSorted(_ indices: [Int], by costs: [Double]) -> [Int] {
        indices.enumerated()
            .sorted { (costs[$1.element], $0.offset) < (costs[$0.element], $1.offset) }
            .map(\.element)
    }
}
