/// Labels placed in lanes: each goes in the first lane where it overlaps no label already there
/// (first fit), so labels never overlap however many windows or votes a row has.
struct Lanes {
    struct Placed { var text: String; var x: Double; var width: Double; var extent: (Double, Double); var colour: String; var lane: Int }
    var placed: [Placed] = []
    /// The right end of each lane's last label.
    private var ends: [Double] = []
    var count: Int { ends.count }

    /// Where labels must end (the chart's right edge): a label that would pass it ends at its point.
    var limit = Double.infinity

    mutating func place(text: String, x: Double, width: Double, extent: (Double, Double), colour: String) {
        let x = x + width > limit ? x - width : x
        let lane = ends.firstIndex { $0 + 4 <= x } ?? ends.count
        if lane == ends.count { ends.append(x + width) } else { ends[lane] = max(ends[lane], x + width) }
        placed.append(Placed(text: text, x: x, width: width, extent: extent, colour: colour, lane: lane))
    }
}

/// Width of `text` in Helvetica at `size` points, estimated (about 0.55 em a character).
func textWidth(_ text: String, size: Double) -> Double { Double(text.count) * size * 0.56 }
