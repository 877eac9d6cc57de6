import Dispatch
import Glibc

/// A file opened read-only and, where the kernel allows, mapped whole into memory; closed and unmapped on deinit.
///
/// Parsing from the mapping copies nothing: a hashing pass, the parser and the raw text of each record all use
/// the page cache's own pages. A file cut short by another program while it is mapped raises SIGBUS, which the
/// program turns into an exit status of its own. Immutable after `init`; `pread` and `madvise` may be called
/// from any thread.
public final class MappedFile: @unchecked Sendable {
    public let path: String
    public let size: Int
    let descriptor: Int32
    /// The whole file, or nil when it cannot be mapped (empty, not a regular file): callers then `read`.
    public let bytes: UnsafeRawBufferPointer?

    /// Why a file could not be opened: the system's error number, for the caller to word in its own message.
    public struct OpenError: Error, Sendable {
        public let path: String
        /// `errno` (`EISDIR` for a directory).
        public let code: Int32
        /// The system's words for `code`, for messages that are not a data officer's (a store file that fails to read back).
        public var systemReason: String { String(cString: strerror(code)) }
    }

    /// Opens `path` read-only and maps it; a directory or an unopenable path throws.
    public init(path: String) throws(OpenError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw OpenError(path: path, code: errno) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let code = errno
            close(fd)
            throw OpenError(path: path, code: code)
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw OpenError(path: path, code: EISDIR)
        }
        descriptor = fd
        size = Int(st.st_size)
        if size > 0, let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED {
            bytes = UnsafeRawBufferPointer(start: base, count: size)
        } else {
            bytes = nil
        }
    }

    deinit {
        if let bytes { munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count) }
        close(descriptor)
    }

    /// Reads up to `buffer.count` (or `limit`) bytes at `offset` with `pread`; returns 0 at the end of the file.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int, limit: Int? = nil) throws(OpenError) -> Int {
        let want = min(buffer.count, limit ?? buffer.count)
        guard let base = buffer.baseAddress, want > 0 else { return 0 }
        var got = 0
        while got < want {
            let n = pread(descriptor, base + got, want - got, off_t(offset + got))
            if n < 0 {
                if errno == EINTR { continue }
                throw OpenError(path: path, code: errno)
            }
            if n == 0 { break }
            got += n
        }
        return got
    }

    /// Reads exactly `buffer.count` bytes at `offset`; a file that ends before them throws `EIO`.
    public func readExactly(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(OpenError) {
        guard try read(into: buffer, at: offset) == buffer.count else { throw OpenError(path: path, code: EIO) }
    }

    /// Unmaps the whole pages of a range that has been read, so the process's resident size stays at what it keeps
    /// rather than the size of its inputs; the pages stay in the page cache, and a later access maps them again.
    public func release(_ range: Range<Int>) {
        guard let bytes else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let lower = (range.lowerBound + page - 1) / page * page
        let upper = range.upperBound == size ? (size + page - 1) / page * page : range.upperBound / page * page
        guard lower < upper else { return }
        madvise(UnsafeMutableRawPointer(mutating: bytes.baseAddress! + lower), upper - lower, MADV_DONTNEED)
    }

    /// Has the kernel read the whole file in, after the files asked for before it, while the caller goes on.
    ///
    /// Files written past the page cache are read from disk. One `MADV_WILLNEED` over a whole file reads only the
    /// first readahead window; the rest would come in by page faults, one window at a time, with the reader waiting
    /// on each. Asked window by window on a queue of its own, the kernel reads everything ahead, in order.
    public func prefetch() {
        guard bytes != nil else { return }
        MappedFile.prefetching.async { [self] in
            guard let bytes else { return }
            let window = 8 << 20
            var offset = 0
            while offset < bytes.count {
                madvise(UnsafeMutableRawPointer(mutating: bytes.baseAddress! + offset), min(window, bytes.count - offset), MADV_WILLNEED)
                offset += window
            }
        }
    }

    private static let prefetching = DispatchQueue(label: "riskscreen.prefetch")
}

/// `count` values of a fixed-size type lying at an offset of a mapped file, viewed in place; the view keeps the
/// file mapped.
///
/// Sendable: the mapping is read-only and lives as long as any view of it.
public struct MappedArray<Element: BitwiseCopyable>: RandomAccessCollection, @unchecked Sendable {
    public let file: MappedFile
    @usableFromInline let base: UnsafePointer<Element>
    public let count: Int

    /// A view of `count` values at byte `offset` of `file`, which must be mapped, aligned for `Element` there
    /// and long enough; nil otherwise.
    public init?(_ file: MappedFile, offset: Int, count: Int) {
        guard let bytes = file.bytes, count >= 0, offset >= 0, offset % MemoryLayout<Element>.alignment == 0,
              count <= (bytes.count - Swift.min(offset, bytes.count)) / Swift.max(MemoryLayout<Element>.stride, 1)
        else { return nil }
        self.file = file
        base = (bytes.baseAddress! + offset).assumingMemoryBound(to: Element.self)
        self.count = count
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    @inlinable
    public subscript(position: Int) -> Element {
        precondition(position >= 0 && position < count, "index out of range")
        return withExtendedLifetime(file) { base[position] }
    }

    /// Lends the values as a buffer, keeping the mapping alive for the call.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try withExtendedLifetime(file) { try body(UnsafeBufferPointer(start: base, count: count)) }
    }

    @inlinable
    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R? {
        try withUnsafeBufferPointer(body)
    }
}
