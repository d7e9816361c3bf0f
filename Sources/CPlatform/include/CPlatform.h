#ifndef MUTASI_CPLATFORM_H
#define MUTASI_CPLATFORM_H

#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Asks the CPU to start loading the cache line at `p` and goes on without waiting: Swift has no
/// prefetch of its own, and a plain load that misses stalls the core once its window is full.
/// Only a hint: it never faults, whatever `p` is.
static inline __attribute__((always_inline)) void mutasi_prefetch(const void *p) {
    __builtin_prefetch(p, 0, 3);
}

/// One bit per byte of the 64 at `p`, lowest first, set where the byte is `delimiter`, LF or CR:
/// where a CSV row's unquoted fields can end. On x86-64 three compares and a `pmovmskb` per 16
/// bytes (Swift's SIMD types have no move-mask: the same in plain vector arithmetic took about
/// three times the instructions); elsewhere eight bytes at a time in a 64-bit word.
/// `MUTASI_PORTABLE_BYTE_BITS` picks the portable path, so that it can be built and tested on
/// x86-64 too (`swift build --build-tests -Xcc -DMUTASI_PORTABLE_BYTE_BITS`; not run by CI).
static inline __attribute__((always_inline)) uint64_t mutasi_break_bits64(const uint8_t *p, uint8_t delimiter) {
#if defined(__SSE2__) && !defined(MUTASI_PORTABLE_BYTE_BITS)
    const __m128i d = _mm_set1_epi8((char)delimiter), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    uint64_t bits = 0;
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * k));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, d), _mm_cmpeq_epi8(v, lf)), _mm_cmpeq_epi8(v, cr));
        bits |= (uint64_t)(uint32_t)_mm_movemask_epi8(m) << (16 * k);
    }
    return bits;
#else
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    const uint64_t pd = ones * delimiter, plf = ones * '\n', pcr = ones * '\r';
    uint64_t bits = 0;
    for (int k = 0; k < 8; k++) {
        uint64_t w;
        __builtin_memcpy(&w, p + 8 * k, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        w = __builtin_bswap64(w); // the first byte lowest, as the bits are numbered
#endif
        uint64_t a = w ^ pd, b = w ^ plf, c = w ^ pcr;
        // exact per byte (no borrow across lanes): a byte is zero when its low seven bits add to
        // no carry into the eighth and its own high bit is clear
        uint64_t za = ~(((a & ~highs) + ~highs) | a) & highs;
        uint64_t zb = ~(((b & ~highs) + ~highs) | b) & highs;
        uint64_t zc = ~(((c & ~highs) + ~highs) | c) & highs;
        uint64_t m = (za | zb | zc) >> 7;
        // the eight lane bits (at 0, 8, ... 56) gathered into the low byte
        bits |= ((m * 0x0102040810204080ull) >> 56) << (8 * k);
    }
    return bits;
#endif
}

/// The cores this process may run on (its CPU affinity: `taskset`, a container's cpuset), or 0
/// when the system does not say. Foundation's `activeProcessorCount` counts the machine's.
int mutasi_allowed_cores(void);

/// Starts the program at `path` with `argv` (NULL-terminated) as a child in a process group of its
/// own, which the kernel kills (SIGKILL) when the calling thread's process dies (Linux
/// `PR_SET_PDEATHSIG`; Foundation's Process cannot ask for it). Standard input and output are
/// /dev/null, standard error goes to `err_path` (created, mode 0600). Signals the caller blocked
/// are unblocked in the child. Returns the child's pid (also its group's), or -errno when it could
/// not be started (the program's exec error included).
int mutasi_spawn_guarded(const char *path, char *const argv[], const char *err_path);

/// Swaps the names `a` and `b` in one step (Linux `renameat2` RENAME_EXCHANGE): a folder replaced
/// this way is never missing. Returns 0, or -errno (-EINVAL or -ENOSYS where not supported).
int mutasi_rename_exchange(const char *a, const char *b);

/// Renames `from` to `to` only if `to` does not exist (RENAME_NOREPLACE). 0, or -errno.
int mutasi_rename_noreplace(const char *from, const char *to);

#endif
