import CCrypto
import Glibc

/// Incremental SHA-256 over OpenSSL EVP, used for the manifest's `sha256` of every input.
public final class SHA256Hasher {
    private let ctx: OpaquePointer

    /// Starts a digest; nil only when OpenSSL cannot allocate a context.
    public init?() {
        guard let ctx = EVP_MD_CTX_new() else { return nil }
        guard EVP_DigestInit_ex(ctx, EVP_sha256(), nil) == 1 else {
            EVP_MD_CTX_free(ctx)
            return nil
        }
        self.ctx = ctx
    }

    deinit { EVP_MD_CTX_free(ctx) }

    /// Adds bytes to the digest.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_DigestUpdate(ctx, base, bytes.count)
    }

    /// Adds bytes to the digest.
    public func update(_ bytes: some Sequence<UInt8>) {
        let array = Array(bytes)
        array.withUnsafeBytes { update($0) }
    }

    /// Finishes the digest and returns it as 64 lowercase hex digits.
    public func finalize() -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(ctx, &digest, &length)
        return SHA256Hasher.hex(digest.prefix(Int(length)))
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// SHA-256 of bytes in memory, as lowercase hex.
    public static func hash(_ bytes: some Sequence<UInt8>) -> String {
        guard let h = SHA256Hasher() else { return "" }
        h.update(bytes)
        return h.finalize()
    }

    /// SHA-256 of a whole file (the policy file, a feed), read in 1 MiB chunks.
    public static func hash(file path: String) throws(IngestError) -> String {
        let file = try InputFile(path: path)
        guard let h = SHA256Hasher() else { throw IngestError.resource("OpenSSL SHA-256 context") }
        if let mapped = file.mapped {
            var offset = 0
            while offset < mapped.count {
                let end = min(offset + (8 << 20), mapped.count)
                h.update(UnsafeRawBufferPointer(rebasing: mapped[offset..<end]))
                file.release(offset..<end)
                offset = end
            }
            return h.finalize()
        }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        var offset = 0
        while true {
            let n = try file.read(into: chunk, at: offset)
            if n == 0 { break }
            h.update(UnsafeRawBufferPointer(rebasing: chunk[..<n]))
            offset += n
        }
        return h.finalize()
    }
}

/// A read-only file descriptor closed on deinit; reads are positional so byte ranges can be parsed independently.
///
/// Sendable: its state is set once in `init`, and `pread` and `madvise` may be called from any thread.
final class InputFile: @unchecked Sendable {
    let path: String
    let fd: Int32
    let size: Int

    init(path: String) throws(IngestError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IngestError.unreadable(file: path, reason: String(cString: strerror(errno))) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw IngestError.unreadable(file: path, reason: reason)
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw IngestError.unreadable(file: path, reason: "it is a directory")
        }
        self.fd = fd
        self.size = Int(st.st_size)
        if size > 0, let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED {
            mapping = UnsafeRawBufferPointer(start: base, count: size)
        } else {
            mapping = nil
        }
    }

    deinit {
        if let mapping { munmap(UnsafeMutableRawPointer(mutating: mapping.baseAddress), mapping.count) }
        close(fd)
    }

    private let mapping: UnsafeRawBufferPointer?

    /// The whole file mapped read-only, or nil when it cannot be (empty, not a regular file): callers then `read`.
    ///
    /// Parsing from the mapping copies nothing: the kernel's copy into a read buffer, a hashing pass and the
    /// raw text of each record all use the page cache's own pages. (A feed truncated by another program
    /// while a run reads it ends the run with SIGBUS, before anything is committed.)
    var mapped: UnsafeRawBufferPointer? { mapping }

    /// Unmaps the whole pages of a range that has been read, so the process's resident size stays at what it
    /// keeps rather than the size of its inputs; the pages stay in the page cache, and a later access maps them again.
    func release(_ range: Range<Int>) {
        guard let mapping else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let lower = (range.lowerBound + page - 1) / page * page
        let upper = range.upperBound == size ? size.roundedUp(to: page) : range.upperBound / page * page
        guard lower < upper else { return }
        madvise(UnsafeMutableRawPointer(mutating: mapping.baseAddress! + lower), upper - lower, MADV_DONTNEED)
    }

    /// Reads up to `buffer.count` bytes at `offset`; returns 0 at end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int, limit: Int? = nil) throws(IngestError) -> Int {
        let want = min(buffer.count, limit ?? buffer.count)
        guard let base = buffer.baseAddress, want > 0 else { return 0 }
        var got = 0
        while got < want {
            let n = pread(fd, base + got, want - got, off_t(offset + got))
            if n < 0 {
                if errno == EINTR { continue }
                throw IngestError.unreadable(file: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            got += n
        }
        return got
    }
}

private extension Int {
    func roundedUp(to multiple: Int) -> Int { (self + multiple - 1) / multiple * multiple }
}
