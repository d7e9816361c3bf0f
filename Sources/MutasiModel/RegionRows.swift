import MutasiSupport

/// The rows of a set grouped by region symbol (`TransferSet.rowsByRegion()`).
package struct RegionRows {
    /// Every region symbol that has rows, in symbol order.
    package let regions: [Symbol]
    /// Region `r`'s rows are `rows[start[r] ..< start[r + 1]]`, in file order.
    let start: [Int]
    let rows: [Int]

    package func rows(of r: Int) -> ArraySlice<Int> { rows[start[r]..<start[r + 1]] }
}
