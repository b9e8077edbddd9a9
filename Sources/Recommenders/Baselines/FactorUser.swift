import Learning
import RecData

/// Item factors learned by matrix factorization (ALS or BPR), and what is needed to fold a
/// new user in among them.
struct ItemFactors: Sendable {
    /// `items × f` item factors.
    let factors: Matrix
    /// Item biases (zeros for models without them).
    let biases: [Float]
    /// The global offset μ added to every prediction (the mean rating for explicit ALS).
    let offset: Float
    /// `YᵀY`, row-major `f × f`, for implicit fold-in.
    let gram: [Double]
    /// How a user's vector is solved.
    let foldIn: RidgeFoldIn
    /// The prior mean of a new user's vector: the mean meta-train user.
    let userMean: [Float]
    /// Whether `offset + bias + x·y` is a rating on the dataset's scale.
    let ratingScale: ClosedRange<Float>?

    init(
        factors: Matrix, biases: [Float], offset: Float, foldIn: RidgeFoldIn, ratingScale: ClosedRange<Float>?,
        users: Matrix? = nil
    ) {
        self.factors = factors
        self.userMean = users.map(Self.rowMean) ?? Array(repeating: 0, count: factors.columns)
        self.biases = biases
        self.offset = offset
        self.foldIn = foldIn
        self.ratingScale = ratingScale
        self.gram = Matrix.product(factors, factors, transposeA: true).storage.map(Double.init)
    }

    private static func rowMean(_ rows: Matrix) -> [Float] {
        var mean = Array(repeating: Float(0), count: rows.columns)
        for row in 0..<rows.rows {
            for d in 0..<rows.columns { mean[d] += rows[row, d] / Float(rows.rows) }
        }
        return mean
    }

    /// A user folded in from `interactions`.
    func user(_ interactions: [Interaction]) -> FactorUser {
        FactorUser(items: self, seen: interactions)
    }
}

/// One user placed among fixed item factors: `μ + bᵢ + x·yᵢ` for every item, computed for
/// the whole catalog at once by a BLAS product; new feedback re-solves `x`.
struct FactorUser: Personalized {
    let items: ItemFactors
    private var seen: [Interaction]
    /// The user's factor vector.
    private(set) var vector: [Float]
    private var catalogScores: [Float]

    init(items: ItemFactors, seen: [Interaction]) {
        self.items = items
        self.seen = seen
        self.vector = []
        self.catalogScores = []
        refresh()
    }

    private mutating func refresh() {
        vector = items.foldIn.solve(
            seen, factors: items.factors, biases: items.biases, offset: items.offset, gram: items.gram,
            prior: items.userMean)
        let products = Matrix.product(items.factors, Matrix(rows: vector.count, columns: 1, storage: vector))
        catalogScores = zip(products.storage, items.biases).map { items.offset + $1 + $0 }
    }

    func scores(for candidates: [ItemID]) -> [Float] {
        candidates.map { catalogScores[$0.index] }
    }

    func predictedRatings(for items: [ItemID]) -> [Float]? {
        guard let scale = self.items.ratingScale else { return nil }
        return items.map { min(max(catalogScores[$0.index], scale.lowerBound), scale.upperBound) }
    }

    mutating func observe(_ feedback: [Interaction]) throws {
        guard !feedback.isEmpty else { return }
        seen += feedback
        refresh()
    }
}

// MARK: - Storage footprint

extension ItemFactors {
    /// The item factors, biases, Gram matrix and mean user vector.
    var bytes: Int {
        ByteCount.of(factors.storage) + ByteCount.of(biases) + ByteCount.of(gram) + ByteCount.of(userMean)
    }
}

extension FactorUser: UserStateFootprint {
    /// The interactions folded in, the user's vector and their cached scores of the catalog.
    var userStateBytes: Int { ByteCount.of(seen) + ByteCount.of(vector) + ByteCount.of(catalogScores) }
}
