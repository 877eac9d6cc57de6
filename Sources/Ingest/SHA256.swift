import CCrypto
import Glibc
import Machinery
import RiskModel

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
        let file = try MappedFile.open(path)
        guard let h = SHA256Hasher() else { throw IngestError.resource("OpenSSL SHA-256 context") }
        if let mapped = file.bytes {
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
            let n = try file.readChunk(into: chunk, at: offset)
            if n == 0 { break }
            h.update(UnsafeRawBufferPointer(rebasing: chunk[..<n]))
            offset += n
        }
        return h.finalize()
    }
}

extension MappedFile {
    /// Opens a feed or rule file, with the reason it cannot be read in the words of `IngestError`.
    static func open(_ path: String) throws(IngestError) -> MappedFile {
        do { return try MappedFile(path: path) } catch { throw .unreadable(file: error.path, reason: SystemText.reason(errno: error.code)) }
    }

    /// `read(into:at:limit:)`, its failure an `IngestError`.
    func readChunk(into buffer: UnsafeMutableRawBufferPointer, at offset: Int, limit: Int? = nil) throws(IngestError) -> Int {
        do { return try read(into: buffer, at: offset, limit: limit) } catch { throw .unreadable(file: error.path, reason: SystemText.reason(errno: error.code)) }
    }
}
