#ifndef CPREFETCH_H
#define CPREFETCH_H

/// Asks the CPU to bring the cache line holding `address` closer, without waiting for it.
///
/// Swift has no prefetch intrinsic; lookups into tables of millions of entries issue this a
/// record (or a few elements) ahead, so the cache miss overlaps useful work instead of stalling it.
static inline void rs_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// Like `rs_prefetch`, for a line about to be written.
static inline void rs_prefetch_for_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
