import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Large tables on 2 MiB pages instead of 4 KiB ones.
///
/// A national run probes hash tables of hundreds of megabytes at random (people, decrees, strings)
/// and walks a graph of millions of nodes: on 4 KiB pages nearly every probe also misses the TLB,
/// and faulting in gigabytes page by page costs seconds. Debian's kernel gives transparent huge
/// pages only to memory that asks for them (`madvise`), and glibc's malloc asks only when the
/// `glibc.malloc.hugetlb=1` tunable is set, which must be in the environment when the process
/// starts. It shortens a national analysis by about a quarter at the same peak memory
/// (docs/benchmark-history.md, "Huge pages").
public enum HugePages {
    /// The environment variable that turns the relaunch off (any value).
    package static let optOut = "MUTASI_NO_HUGE_PAGES"

    /// On Linux with transparent huge pages in `madvise` mode, replaces the process with itself
    /// started with `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` added to its environment; returns
    /// otherwise (already set, other modes, other systems, `MUTASI_NO_HUGE_PAGES` set, or the
    /// relaunch failed). Call it first thing in `main`, before any thread starts; a library user
    /// can set the variable themselves instead.
    public static func relaunchIfUseful() {
        #if os(Linux)
        let env = ProcessInfo.processInfo.environment
        guard env[optOut] == nil else { return }
        let tunables = env["GLIBC_TUNABLES"] ?? ""
        guard !tunables.contains("glibc.malloc.hugetlb") else { return }
        // "always [madvise] never": in `always` every large block already gets them, in `never` none can
        guard let mode = try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8),
              mode.contains("[madvise]") else { return }
        setenv("GLIBC_TUNABLES", tunables.isEmpty ? "glibc.malloc.hugetlb=1" : tunables + ":glibc.malloc.hugetlb=1", 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // only reached when the relaunch failed: go on as we are, without the variable
        unsetenv("GLIBC_TUNABLES")
        if !tunables.isEmpty { setenv("GLIBC_TUNABLES", tunables, 1) }
        #endif
    }

    /// Asks the kernel for 4 KiB pages for `array`'s reserved room when it is past half a
    /// gigabyte (Linux; elsewhere nothing). A huge page the system has not handed out lately is
    /// cleared several times slower than small pages when first touched, and a national file's
    /// records need more of them than earlier processes left; records are mostly read in order, so
    /// the TLB gains little from huge pages, and the analysis was faster with its records on small
    /// ones (docs/benchmark-history.md). The hash tables stay on huge pages: they are probed at random.
    package static func smallPages<T>(for array: inout [T]) {
        #if os(Linux)
        let bytes = array.capacity * MemoryLayout<T>.stride
        guard bytes >= 512 << 20, let base = array.withUnsafeMutableBufferPointer({ $0.baseAddress }) else { return }
        Pages.advise(UnsafeMutableRawPointer(base), bytes: bytes, MADV_NOHUGEPAGE)
        #endif
    }
}
