#!/usr/bin/env python3
"""How fast this machine gives a process fresh memory, on 4 KiB and on 2 MiB pages.

A national `analyze` touches gigabytes of new memory, and on a virtual machine whose host takes
back the guest's free pages (virtio-balloon free page reporting, as on this project's machines)
the first write to each page costs far more than the writes after it. This prints, for each page
size, the rate of the first touch in a fresh mapping and of a second one made right after the
first was unmapped, when the kernel hands the same, still backed, pages back.

    python3 Benchmarks/page-touch.py [MiB]     # default 2048

BENCHMARKS.md ("Session 19") has this machine's numbers and what they mean for the 20 M-row run.
"""
import mmap
import sys
import time


def touch(size, advice):
    """Maps `size` bytes with `advice`, writes every byte; returns the mapping and the rate (GB/s)."""
    area = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    area.madvise(advice)
    block = b"\1" * (2 << 20)
    start = time.perf_counter()
    for offset in range(0, size, len(block)):
        area[offset:offset + len(block)] = block
    return area, size / (time.perf_counter() - start) / 1e9


def main():
    size = (int(sys.argv[1]) if len(sys.argv) > 1 else 2048) << 20
    size -= size % (2 << 20)
    kinds = (("4 KiB pages", mmap.MADV_NOHUGEPAGE), ("2 MiB pages", mmap.MADV_HUGEPAGE))
    # both first touches before anything is unmapped, so that neither is handed the other's pages
    first = [touch(size, advice) for _, advice in kinds]
    for area, _ in first:
        area.close()
    # the huge pages again first: small pages taken first would split the freed huge ones
    again = {}
    for name, advice in reversed(kinds):
        area, again[name] = touch(size, advice)
        area.close()
    for (name, _), (_, rate) in zip(kinds, first):
        print(f"{name}: first touch {rate:.2f} GB/s, again after unmapping {again[name]:.2f} GB/s ({size >> 20} MiB)")


if __name__ == "__main__":
    main()
