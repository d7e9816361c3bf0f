import Foundation

/// String similarity for near matches of names.
package enum Similarity {
    /// One minus the Levenshtein distance over the longer length, in 0...1; 1 for two empty texts.
    /// - Complexity: O(m * n) for texts of m and n characters (names: a few dozen).
    package static func normalised(_ a: String, _ b: String) -> Double {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        let longest = max(x.count, y.count)
        if longest == 0 { return 1 }
        var prev = Array(0...y.count), cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...max(1, x.count) where !x.isEmpty {
            cur[0] = i
            for j in stride(from: 1, through: y.count, by: 1) {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        let d = x.isEmpty ? y.count : prev[y.count]
        return 1 - Double(d) / Double(longest)
    }
}
