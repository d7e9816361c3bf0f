import MutasiSupport

/// What matching signers and regions to the calendar found: the near matches it accepted and
/// everything that matched nothing, with row counts and the closest candidate (findings.json
/// `matching`, `validate --elections`).
public struct MatchReport: Sendable, Codable, Equatable {
    /// A signer (in a region) or a region that matched nothing in the calendar.
    public struct Unmatched: Sendable, Codable, Equatable {
        public var name: String
        /// The decrees' region (empty for a region entry).
        public var region: String
        public var rows: Int
        /// The first and last decree dates of those rows (a signer whose name is a head's but whose
        /// rows fall outside the term shows it here).
        public var firstDate: String?
        public var lastDate: String?
        /// The closest head's name (for a signer) or the closest calendar region (for a region).
        public var closest: String?
        /// `PersonName.similarity` / region key similarity with `closest`, 0...1.
        public var closestScore: Double?
    }

    /// A signer taken as a head by a near spelling, or through the aliases file.
    public struct Accepted: Sendable, Codable, Equatable {
        public var name: String
        public var region: String
        public var head: String
        public var how: HeadMatchKind
        public var score: Double
        public var rows: Int
    }

    /// Rows whose signer was matched to a head, and rows with a signer that was not.
    public var signerRowsMatched = 0
    public var signerRowsUnmatched = 0
    public var unmatchedSigners: [Unmatched] = []
    public var unmatchedRegions: [Unmatched] = []
    /// Near and alias matches, each with its score: a reader checks these by eye.
    public var accepted: [Accepted] = []
    /// Names that mix scripts (a Cyrillic or Greek letter among Latin ones), folded for matching.
    public var mixedScripts: [String] = []
    /// The near-match threshold in force.
    package var nearThreshold = HeadResolver.nearThreshold

    package init() {}
}
