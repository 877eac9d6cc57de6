import Glibc

/// Reading and writing past the page cache (`O_DIRECT`), for the store's large packed files.
public enum DirectIO {
    // Glibc's module map hides O_DIRECT (it needs _GNU_SOURCE); these are the values of <asm/fcntl.h>.
    #if arch(arm64)
    public static let flag: Int32 = 0o200000
    #else
    public static let flag: Int32 = 0o40000
    #endif
    /// Offsets, lengths and buffers of direct transfers are multiples of this.
    public static let alignment = 4096

    /// The share of a mapping's pages that are in memory (the page cache), from `mincore`.
    public static func residentShare(_ base: UnsafeRawPointer, count: Int) -> Double {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let pages = (count + page - 1) / page
        guard pages > 0 else { return 1 }
        var vector = [UInt8](repeating: 0, count: pages)
        guard mincore(UnsafeMutableRawPointer(mutating: base), count, &vector) == 0 else { return 1 }
        return Double(vector.reduce(0) { $0 + Int($1 & 1) }) / Double(pages)
    }

    /// Reads the first `count` bytes of the open file `fd` into `buffer` (page-aligned, at least `count` rounded up
    /// to `alignment`) with `O_DIRECT`, in large blocks; false when the file system refuses direct reads or a read fails.
    public static func read(fd: Int32, count: Int, into buffer: UnsafeMutableRawPointer) -> Bool {
        let direct = open("/proc/self/fd/\(fd)", O_RDONLY | O_CLOEXEC | flag)
        guard direct >= 0 else { return false }
        defer { close(direct) }
        let block = 8 << 20
        var offset = 0
        while offset < count {
            let want = min(block, (count - offset + alignment - 1) / alignment * alignment)
            let n = pread(direct, buffer + offset, want, off_t(offset))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return false }
            offset += n
            if n < want { break }  // the end of the file, inside the last block
        }
        return offset >= count
    }
}
