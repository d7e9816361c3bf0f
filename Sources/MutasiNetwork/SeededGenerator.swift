/// A small, fast random number generator whose output depends only on its seed, so every random
/// step in an analysis (Louvain's node order, betweenness source sampling) repeats bit for bit on any
/// machine and Swift version.
///
/// xoshiro256** (Blackman & Vigna 2018) seeded through SplitMix64, as its authors recommend. The
/// bounded and shuffling helpers are implemented here rather than taken from the standard library,
/// whose algorithms for `shuffle(using:)` and `random(in:using:)` are not promised to stay fixed.
package struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// The seed is expanded with SplitMix64, so nearby seeds (0, 1, 2…) give unrelated streams.
    package init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    package mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-and-reject, unbiased). `bound` must be > 0;
    /// a non-positive bound returns 0.
    package mutating func nextInt(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// A uniform double in [0, 1) with 53 random bits.
    package mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Shuffles in place with Fisher–Yates driven by this generator. O(n).
    package mutating func shuffle<T>(_ array: inout [T]) {
        var i = array.count - 1
        while i > 0 {
            let j = nextInt(below: i + 1)
            array.swapAt(i, j)
            i -= 1
        }
    }

    /// `k` distinct integers drawn uniformly from `0..<n`, in draw order (partial Fisher–Yates).
    /// Returns all of `0..<n` shuffled when `k >= n`. O(n) time and memory.
    package mutating func sample(_ k: Int, from n: Int) -> [Int] {
        guard n > 0, k > 0 else { return [] }
        var pool = Array(0..<n)
        let take = min(k, n)
        for i in 0..<take {
            let j = i + nextInt(below: n - i)
            pool.swapAt(i, j)
        }
        return Array(pool[0..<take])
    }

    @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}
