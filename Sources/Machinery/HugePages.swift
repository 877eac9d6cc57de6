import Glibc

/// Backs large arrays with 2 MiB pages where the kernel allows it (transparent huge pages in `madvise` mode).
///
/// Under virtualisation the first touch of each fresh 4 KiB page is costly, and random probes into a
/// large table miss the TLB: a province run touches about a gigabyte of new memory, so asking for huge
/// pages before the first write saves both the page faults and the page walks.
public enum HugePages {
    /// Below this a buffer is left alone: it would not fill one huge page.
    public static let threshold = 8 << 20

    /// Advises the whole huge pages inside `buffer`; call it before the buffer is first written.
    public static func advise(_ buffer: UnsafeMutableRawBufferPointer) {
        guard buffer.count >= threshold, let base = buffer.baseAddress else { return }
        let huge = 2 << 20
        let start = (Int(bitPattern: base) + huge - 1) / huge * huge
        let end = (Int(bitPattern: base) + buffer.count) / huge * huge
        if end > start { madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
    }
}
