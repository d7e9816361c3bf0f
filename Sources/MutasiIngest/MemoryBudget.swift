import MutasiSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether the memory this process may use is enough for its input, said before any work: under a
/// `ulimit -v` or a container's limit a national file otherwise ends with "failed to allocate" and a
/// backtrace, minutes in.
///
/// The estimate is linear in the input's bytes (the mapping, the records, the string tables, each
/// core's part and its allocator arena), fitted to the peaks measured on this project's builds
/// (docs/benchmark-history.md, "Memory budget").
package enum MemoryBudget {
    package enum Work: Sendable {
        /// Reading and checking the transfer files (`validate`, `export`, every command's read).
        case reading
        /// The whole analysis (`analyze`): the read, the network, its metrics and the outputs.
        case analysis

        /// Address space: a fixed part beyond what the process has when asked (threads, arenas,
        /// reservations), and bytes per input byte.
        var virtual: (fixed: Double, perByte: Double) {
            switch self {
            case .reading: (200e6, 3)
            case .analysis: (300e6, 6)
            }
        }

        /// Resident memory: a fixed part and bytes per input byte.
        var resident: (fixed: Double, perByte: Double) {
            switch self {
            case .reading: (30e6, 2)
            case .analysis: (40e6, 2.2)
            }
        }

        var verb: String { self == .reading ? "to read" : "to analyse" }
    }

    /// The limits that apply to this process, and what it uses now.
    package struct Limits: Sendable, Equatable {
        /// RLIMIT_AS (`ulimit -v`), nil when unlimited.
        package var addressSpace: Int?
        /// The cgroup's `memory.max`, nil when none.
        package var cgroup: Int?
        /// Address space and resident memory in use now.
        package var virtualInUse: Int
        package var residentInUse: Int

        package init(addressSpace: Int?, cgroup: Int?, virtualInUse: Int, residentInUse: Int) {
            self.addressSpace = addressSpace; self.cgroup = cgroup
            self.virtualInUse = virtualInUse; self.residentInUse = residentInUse
        }

        /// This process's limits, read from the system.
        package static var current: Limits {
            var rl = rlimit()
            var address: Int?
            // RLIM_INFINITY is all ones (Linux) or 2^63 - 1 (macOS)
            #if os(Linux)
            let got = getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &rl)
            #else
            let got = getrlimit(RLIMIT_AS, &rl)
            #endif
            if got == 0, rl.rlim_cur < rlim_t(Int64.max) { address = Int(clamping: rl.rlim_cur) }
            var virtualInUse = 0, residentInUse = 0
            if let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) {
                let f = statm.split(separator: " ").compactMap { Int($0) }
                if f.count >= 2 { virtualInUse = f[0] * Pages.size; residentInUse = f[1] * Pages.size }
            }
            return Limits(addressSpace: address, cgroup: cgroupLimit(), virtualInUse: virtualInUse, residentInUse: residentInUse)
        }

        /// `memory.max` of this process's cgroup (v2), or of the root of /sys/fs/cgroup.
        static func cgroupLimit() -> Int? {
            var dirs = ["/sys/fs/cgroup"]
            if let own = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8),
               let line = own.split(separator: "\n").first(where: { $0.hasPrefix("0::") }) {
                let path = String(line.dropFirst(3))
                if path != "/" { dirs.insert("/sys/fs/cgroup" + path, at: 0) }
            }
            for d in dirs {
                guard let text = try? String(contentsOfFile: d + "/memory.max", encoding: .utf8) else { continue }
                return Int(text.trimmed)  // "max": nil
            }
            return nil
        }
    }

    /// Refuses, with one sentence, input that needs more memory than the process may use.
    /// - Parameter files: the transfer files; their sizes make the estimate.
    package static func check(_ files: [String], for work: Work, limits: Limits = .current) throws(InputError) {
        var bytes = 0
        for f in files {
            if let size = (try? FileManager.default.attributesOfItem(atPath: f))?[.size] as? Int { bytes += size }
        }
        guard let first = files.first else { return }
        try check(bytes: bytes, file: files.count == 1 ? first : "\(first) with \(files.count - 1) more file(s)", for: work, limits: limits)
    }

    package static func check(bytes: Int, file: String, for work: Work, limits: Limits) throws(InputError) {
        let input = Double(bytes)
        func gb(_ x: Double) -> String { x >= 1e9 ? String(format: "%.1f GB", x / 1e9) : String(format: "%.0f MB", x / 1e6) }
        if let limit = limits.addressSpace {
            let needed = Double(limits.virtualInUse) + work.virtual.fixed + work.virtual.perByte * input
            if needed > Double(limit) {
                throw InputError(.tooLarge, file: file, "is \(gb(input)) and needs about \(gb(needed)) of address space \(work.verb), "
                                 + "but this process may use \(gb(Double(limit))) (ulimit -v)",
                                 advice: "Raise the limit (ulimit -v unlimited) or split the file by region")
            }
        }
        if let limit = limits.cgroup {
            let needed = Double(limits.residentInUse) + work.resident.fixed + work.resident.perByte * input
            if needed > Double(limit) {
                throw InputError(.tooLarge, file: file, "is \(gb(input)) and needs about \(gb(needed)) of memory \(work.verb), "
                                 + "but this process's control group may use \(gb(Double(limit))) (memory.max)",
                                 advice: "Give the container more memory or split the file by region")
            }
        }
    }
}
