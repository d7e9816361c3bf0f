import Foundation
import MutasiModel

extension TransferReader {
    /// The sets of parts already taken in, emptied, for the parts still to start: their arrays
    /// and tables keep their memory, so a part writes into pages already there instead of fresh
    /// ones the kernel must clear, a large part of reading a national file.
    /// Once every part has started, a set given back is let go at once.
    final class SpareTables: @unchecked Sendable {
        private let lock = NSLock()
        private var sets: [TransferSet] = []
        private var partsToStart: Int

        init(partsToStart: Int) { self.partsToStart = partsToStart }

        /// Called once by each part as it starts: a set given back, or a new one.
        func take() -> TransferSet {
            lock.withLock {
                partsToStart -= 1
                defer { if partsToStart == 0 { sets.removeAll() } }
                return sets.popLast() ?? TransferSet()
            }
        }

        func put(_ s: TransferSet) { lock.withLock { if partsToStart > 0 { sets.append(s) } } }
    }
}
