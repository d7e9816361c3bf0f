import MutasiSupport

/// What reading produced: every data row is accepted or rejected, so
/// `recordsRead == recordsAccepted + recordsRejected` always; rejects and warnings say where.
public struct IngestReport: Sendable, Codable, Equatable {
    public var recordsRead = 0
    public var recordsAccepted = 0
    public var recordsRejected = 0
    /// Accepted rows that repeated a NIP already in the same decree and were merged into it.
    public var duplicatesMerged = 0
    /// Empty lines and lines of delimiters only (`;;;;`, as Excel leaves them): not data rows.
    public var blankRowsSkipped = 0
    public var warnings: [RowIssue] = []
    public var rejects: [RowIssue] = []
    /// More issues than `IngestReport.maxIssues` were found; the counts stay exact, the lists stop.
    public var issuesTruncated = false
    /// Each file's header: which column feeds which field, the columns kept as extras only, and
    /// the costly columns it lacks (one entry a file, or a sheet of a workbook).
    public var columns: [ColumnMapping] = []

    /// Issues kept per list: a hostile file of a hundred million bad rows must not fill memory.
    package static let maxIssues = 1_000_000

    package init() {}

    package mutating func merge(_ o: IngestReport) {
        recordsRead += o.recordsRead
        recordsAccepted += o.recordsAccepted
        recordsRejected += o.recordsRejected
        duplicatesMerged += o.duplicatesMerged
        blankRowsSkipped += o.blankRowsSkipped
        warnings += o.warnings.prefix(max(0, IngestReport.maxIssues - warnings.count))
        rejects += o.rejects.prefix(max(0, IngestReport.maxIssues - rejects.count))
        issuesTruncated = issuesTruncated || o.issuesTruncated
        columns += o.columns
    }

    mutating func reject(_ issue: RowIssue) {
        recordsRead += 1
        recordsRejected += 1
        if rejects.count < IngestReport.maxIssues { rejects.append(issue) } else { issuesTruncated = true }
    }

    mutating func warn(_ issue: RowIssue) {
        if warnings.count < IngestReport.maxIssues { warnings.append(issue) } else { issuesTruncated = true }
    }

    mutating func accept() {
        recordsRead += 1
        recordsAccepted += 1
    }
}

extension RowIssue {
    /// Two lists of one file's issues, each in line order, as one list in line order; on the same
    /// line `a`'s come first (a row's own warnings come before the one its merge gives).
    static func inLineOrder<B: Collection<RowIssue>>(_ a: [RowIssue], _ b: B) -> [RowIssue] {
        var out: [RowIssue] = []
        out.reserveCapacity(a.count + b.count)
        var i = a.startIndex, j = b.startIndex
        while i < a.endIndex, j < b.endIndex {
            if b[j].line < a[i].line { out.append(b[j]); j = b.index(after: j) } else { out.append(a[i]); i += 1 }
        }
        out += a[i...]
        out += b[j...]
        return out
    }
}
