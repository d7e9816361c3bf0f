import CPlatform
import Foundation

/// How many cores the work is split for.
package enum Cores {
    /// The cores this process may run on: its CPU affinity where the system gives it (`taskset`,
    /// a container's cpuset), which `activeProcessorCount` does not look at; split for a machine's
    /// cores, work on one only adds the splitting.
    package static let available: Int = {
        let allowed = Int(mutasi_allowed_cores())
        let machine = ProcessInfo.processInfo.activeProcessorCount
        return allowed > 0 ? min(allowed, machine) : machine
    }()
}

/// One result slot per task: each task writes only its own index, so no two writes meet.
package final class Slots<T>: @unchecked Sendable {
    private var storage: [T]
    package init(count: Int, initial: T) { storage = Array(repeating: initial, count: count) }
    package func set(_ i: Int, _ v: T) { storage.withUnsafeMutableBufferPointer { $0[i] = v } }
    /// Slot `i`'s value, for the task that owns it (`values` copies the whole array: not in tasks).
    package func take(_ i: Int) -> T { storage.withUnsafeMutableBufferPointer { $0[i] } }
    package var values: [T] { storage }
}

/// Work started on a thread of its own; `value` waits for it. For the few long, independent jobs
/// of a run that need not hold up the analysis: the inputs' checksums, the network and its
/// metrics beside the detectors, betweenness beside Louvain.
package final class Background<T: Sendable>: @unchecked Sendable {
    private var result: T?
    private let done = DispatchSemaphore(value: 0)

    /// - Parameter yielding: run at a lower priority (Linux: nice 10 for this thread alone), for
    ///   work wanted only at the end, so it takes the cores the critical path leaves idle (Linux
    ///   keeps the nice value per thread, and 0 names the calling one).
    package init(yielding: Bool = false, _ work: @escaping @Sendable () -> T) {
        let thread = Thread { [self] in
            #if os(Linux)
            if yielding { setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10) }
            #endif
            result = work()
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Waits for the work once; later calls return the same value.
    package var value: T {
        done.wait()
        done.signal()
        return result!
    }
}
