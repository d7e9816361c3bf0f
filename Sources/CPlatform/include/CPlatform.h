#ifndef MUTASI_CPLATFORM_H
#define MUTASI_CPLATFORM_H

/// Asks the CPU to start loading the cache line at `p` and goes on without waiting: Swift has no
/// prefetch of its own, and a plain load that misses stalls the core once its window is full.
/// Only a hint: it never faults, whatever `p` is.
static inline __attribute__((always_inline)) void mutasi_prefetch(const void *p) {
    __builtin_prefetch(p, 0, 3);
}

/// The cores this process may run on (its CPU affinity: `taskset`, a container's cpuset), or 0
/// when the system does not say. Foundation's `activeProcessorCount` counts the machine's.
int mutasi_allowed_cores(void);

#endif
