import CXXHash
import Foundation
import Machinery
import RiskModel

#if canImport(Glibc)
import Glibc
#endif

/// Packed files of stays and residents: a header, then arrays of fixed-size values copied as they lie in memory,
/// then a checksum (XXH3, 64 bits) of every byte before it.
///
/// They are written and read by this program on the same machine, so the layout check in the header
/// (magic, stride of each array) is enough to tell a file of another layout; the checksum tells a file damaged on
/// disk, which the layout and the counts alone let through (a name or a community changed inside the data).
/// Files of earlier builds are read as they are: without a checksum (the same layout otherwise), and the
/// 48-byte stays, which are converted as they are read. `Store.upgradePackedFiles` rewrites them with one.
enum PackedFile {
    static let stayMagic: UInt64 = 0x3559_4154_5352_5352  // "RSRSTAY5": parts, each with its own contacts, 40-byte stays 8-byte aligned; checksum
    /// The same without the checksum: written by the builds before it, read unverified and upgraded.
    static let stayMagicUnsummed: UInt64 = 0x3459_4154_5352_5352  // "RSRSTAY4"
    // Written by earlier builds, read and converted, never written: 48-byte stays, aligned ("RSRSTAY3") or not ("RSRSTAY2").
    static let stayMagic48: UInt64 = 0x3359_4154_5352_5352
    static let stayMagic48Unaligned: UInt64 = 0x3259_4154_5352_5352
    static let legacyStride = 48
    static let residentMagic: UInt64 = 0x3253_4552_5352_5352  // "RSRSRES2": rows, their text; checksum
    /// The same without the checksum ("RSRSRES1"), read unverified and upgraded.
    static let residentMagicUnsummed: UInt64 = 0x3153_4552_5352_5352
    /// The length of the checksum at the end of a file.
    static let checksumBytes = 8

    /// Whether a stays or residents file was written without a checksum (by an earlier build).
    static func lacksChecksum(_ url: URL) throws -> Bool {
        let reader = try Reader(url, expectedBytes: nil)
        let magic: [UInt64] = try reader.take(1)
        return magic[0] != stayMagic && magic[0] != residentMagic
    }

    /// Compares the checksum at `end` of a mapped file with that of the bytes before it.
    private static func verify(_ file: MappedFile, end: Int, url: URL) throws {
        let region = file.bytes!
        let stored = region.loadUnaligned(fromByteOffset: end, as: UInt64.self)
        guard XXH3_64bits(region.baseAddress, end) == UInt64(littleEndian: stored) else {
            throw StoreError.checksumMismatch(file: url.path)
        }
    }

    /// Writes stays in parts, each with its contacts, to `url` (through a temporary file renamed into place).
    ///
    /// Every array of stays starts at a multiple of 8 bytes, so a reader can view it in a mapping of the file.
    static func writeStays(_ stays: StayParts, to url: URL) throws -> Int {
        let writer = try Writer(url)
        try writer.put([stayMagic, UInt64(MemoryLayout<Stay>.stride), UInt64(stays.parts.count)])
        for part in stays.parts {
            try writer.put([UInt64(part.stays.count), UInt64(part.contacts.starts.count), UInt64(part.contacts.bytes.count)])
            // Span by span: a merged part viewing a stored file skips its replaced stays without a copy.
            try part.stays.forEachSpan { try writer.put(UnsafeRawBufferPointer($0)) }
            try writer.put(part.contacts.starts)
            try writer.put(part.contacts.bytes)
            try writer.pad(to: 8)
        }
        return try writer.finish()
    }

    static func readStays(_ url: URL, expectedBytes: Int) throws -> StayParts {
        let reader = try Reader(url, expectedBytes: expectedBytes)
        let header: [UInt64] = try reader.take(3)
        let legacy = header[0] == stayMagic48 || header[0] == stayMagic48Unaligned
        let summed = header[0] == stayMagic
        guard (summed || header[0] == stayMagicUnsummed) && header[1] == UInt64(MemoryLayout<Stay>.stride)
                || legacy && header[1] == UInt64(legacyStride) else {
            throw StoreError.corruptSegment(file: url.path, reason: StoreText.notStaysFile())
        }
        // The bytes before the checksum.
        let body = expectedBytes - (summed ? checksumBytes : 0)
        // Each part takes at least its three counts.
        let partCount = try count(header[2], atMost: body / 24, in: url)
        if !legacy, let file = reader.mapped() {
            let parts = try mappedStays(file, parts: partCount, end: body, url: url)
            if summed { try verify(file, end: body, url: url) }
            return parts
        }
        let aligned = header[0] != stayMagic48Unaligned
        var parts: [StayParts.Part] = []
        for _ in 0..<partCount {
            let counts: [UInt64] = try reader.take(3)
            let stayCount = try count(counts[0], atMost: body / (legacy ? legacyStride : MemoryLayout<Stay>.stride), in: url)
            let stays: [Stay] = legacy ? try reader.takeLegacyStays(stayCount) : try reader.take(stayCount)
            let starts: [UInt32] = try reader.take(try count(counts[1], atMost: body / 4, in: url))
            let bytes: [UInt8] = try reader.take(try count(counts[2], atMost: body, in: url))
            if aligned { try reader.skip(toMultipleOf: 8) }
            parts.append(StayParts.Part(stays: stays, contacts: try contacts(starts: starts, bytes: bytes, in: url)))
        }
        if summed { try reader.verifyChecksum() }
        return StayParts(parts: parts)
    }

    /// A count read from a file, no larger than `limit`: a damaged file is refused with its name instead of trapping.
    private static func count(_ word: UInt64, atMost limit: Int, in url: URL) throws -> Int {
        guard word <= UInt64(max(limit, 0)) else { throw StoreError.corruptSegment(file: url.path, reason: StoreText.countTooLarge()) }
        return Int(word)
    }

    /// A part's contact book, once its entries are known to lie in its text (`ContactBook.entry` slices by them).
    private static func contacts(starts: [UInt32], bytes: [UInt8], in url: URL) throws -> ContactBook {
        var previous: UInt32 = 0
        for start in starts {
            guard start >= previous, Int(start) <= bytes.count else {
                throw StoreError.corruptSegment(file: url.path, reason: StoreText.contactOutside())
            }
            previous = start
        }
        return ContactBook(starts: starts, bytes: bytes)
    }

    /// The parts of a mapped stays file whose data ends at `end`: stays viewed in place, contacts (visitors' only,
    /// small) copied out.
    private static func mappedStays(_ file: MappedFile, parts count: Int, end: Int, url: URL) throws -> StayParts {
        let region = file.bytes!
        var offset = 24
        func word() throws -> UInt64 {
            guard offset + 8 <= end else { throw StoreError.corruptSegment(file: url.path, reason: StoreText.endsEarly()) }
            defer { offset += 8 }
            return region.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        }
        /// The number of values of `stride` bytes that follow (a count read from the file, checked before it is multiplied).
        func values(_ count: UInt64, stride: Int) throws -> Int {
            try PackedFile.count(count, atMost: (end - offset) / stride, in: url)
        }
        var parts: [StayParts.Part] = []
        for _ in 0..<count {
            let (stayCount, startCount, byteCount) = (try word(), try word(), try word())
            let n = try values(stayCount, stride: MemoryLayout<Stay>.stride)
            guard let stays = MappedArray<Stay>(file, offset: offset, count: n) else {
                throw StoreError.corruptSegment(file: url.path, reason: StoreText.staysMisplaced())
            }
            offset += n * MemoryLayout<Stay>.stride
            let startCount32 = try values(startCount, stride: 4)
            let starts = Array(UnsafeRawBufferPointer(rebasing: region[offset..<offset + startCount32 * 4]).bindMemory(to: UInt32.self))
            offset += startCount32 * 4
            let textCount = try values(byteCount, stride: 1)
            let text = Array(UnsafeRawBufferPointer(rebasing: region[offset..<offset + textCount]))
            offset += textCount
            offset = (offset + 7) / 8 * 8
            parts.append(StayParts.Part(stays: StayBlock(mapped: stays), contacts: try contacts(starts: starts, bytes: text, in: url)))
        }
        return StayParts(parts: parts)
    }

    /// Writes a residence snapshot: its rows, then its text, through the page cache.
    ///
    /// Not past it, as the stays are: the run reads the text of the rows under a measure back from this file
    /// (`residents(_:textIn:)`), a few thousand reads that would otherwise wait on the disk.
    static func writeResidents(_ table: ResidentTable, to url: URL) throws -> Int {
        let writer = try Writer(url, direct: false)
        let arenaCount = table.arenaCount
        try writer.put([residentMagic, UInt64(MemoryLayout<ResidentTable.Row>.stride), UInt64(table.count), UInt64(arenaCount)])
        try table.withRows { try writer.put(UnsafeRawBufferPointer($0)) }
        try table.forEachArenaPiece { try writer.put(UnsafeRawBufferPointer($0)) }
        return try writer.finish()
    }

    static func readResidents(_ url: URL, expectedBytes: Int) throws -> ResidentTable {
        let reader = try Reader(url, expectedBytes: expectedBytes)
        let header: [UInt64] = try reader.take(4)
        let summed = header[0] == residentMagic
        guard summed || header[0] == residentMagicUnsummed, header[1] == UInt64(MemoryLayout<ResidentTable.Row>.stride) else {
            throw StoreError.corruptSegment(file: url.path, reason: StoreText.notResidentsFile())
        }
        let body = expectedBytes - (summed ? checksumBytes : 0)
        let rowCount = try count(header[2], atMost: body / MemoryLayout<ResidentTable.Row>.stride, in: url)
        let arenaCount = try count(header[3], atMost: body, in: url)
        let rowsOffset = 32, arenaOffset = rowsOffset + rowCount * MemoryLayout<ResidentTable.Row>.stride
        // The rows start after the four header words, aligned for `Row`: the file can be viewed where it lies.
        if arenaOffset + arenaCount == body, let file = reader.mapped(),
           let rows = MappedArray<ResidentTable.Row>(file, offset: rowsOffset, count: rowCount) {
            // Checked by reading, not through the mapping: the text is then never mapped in, only the rows under a
            // measure read back (a wide snapshot's text is 400 MB at province scale).
            if summed {
                try reader.hash(body - rowsOffset)
                try reader.verifyChecksum()
            }
            return ResidentTable(mappedRows: rows, textIn: file, at: arenaOffset, count: arenaCount)
        }
        let rows: [ResidentTable.Row] = try reader.take(rowCount)
        let arena: [UInt8] = try reader.take(arenaCount)
        if summed { try reader.verifyChecksum() }
        return ResidentTable(rows: rows, arena: arena)
    }

    /// `table`, whose rows and text `writeResidents` has just written to `url`, with its text read back from there.
    static func residents(_ table: ResidentTable, textIn url: URL) throws -> ResidentTable {
        let file: MappedFile
        do { file = try MappedFile(path: url.path) } catch {
            throw StoreError.cannotOpen(path: url.path, reason: SystemText.reason(errno: error.code))
        }
        let arenaOffset = 32 + table.count * MemoryLayout<ResidentTable.Row>.stride
        guard file.size == arenaOffset + table.arenaCount + checksumBytes else {
            throw StoreError.corruptSegment(file: url.path, reason: StoreText.endsEarly())
        }
        return table.readingText(from: file, at: arenaOffset)
    }

    /// Writes the checksum of `url`'s bytes before its last eight over them: for tests that damage a file on purpose
    /// and need the reader to get past its checksum to the check behind it.
    static func reseal(_ url: URL) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        let end = bytes.count - checksumBytes
        let sum = XXH3_64bits(bytes, end).littleEndian
        withUnsafeBytes(of: sum) { bytes.replaceSubrange(end..<bytes.count, with: $0) }
        try Data(bytes).write(to: url)
    }

    /// Appends arrays to a temporary file, then syncs and renames it into place.
    ///
    /// The file is written with `O_DIRECT` where the file system allows it: copying the best part of a
    /// gigabyte into the page cache cost more CPU than any other step of a province run but parsing, and
    /// the data goes to disk anyway (the file is synced before the commit). Values are gathered in an
    /// aligned block buffer, since direct writes must be whole aligned blocks; the last block is padded and
    /// the file cut back to its true length.
    final class Writer {
        let url: URL
        let temporary: URL
        var fd: Int32
        var written = 0
        private let direct: Bool
        private static let blockSize = 8 << 20
        // Glibc's module map hides O_DIRECT (it needs _GNU_SOURCE); these are the values of <asm/fcntl.h>.
        #if arch(arm64)
        private static let oDirect: Int32 = 0o200000
        #else
        private static let oDirect: Int32 = 0o40000
        #endif
        private static let alignment = 4096
        private let block: UnsafeMutableRawPointer
        private var filled = 0
        /// The checksum of what was put so far, written after it by `finish`.
        private let checksum: OpaquePointer

        /// A writer to `url`, past the page cache (`direct`) where the file system allows it.
        init(_ url: URL, direct wantsDirect: Bool = true) throws {
            self.url = url
            temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
            var fd: Int32 = wantsDirect ? open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | Self.oDirect, 0o600) : -1
            direct = fd >= 0
            if fd < 0 { fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600) }  // tmpfs and others refuse O_DIRECT
            guard fd >= 0 else { throw StoreError.cannotOpen(path: temporary.path, reason: SystemText.reason(errno: errno)) }
            guard let checksum = XXH3_createState() else {
                close(fd)
                unlink(temporary.path)
                throw StoreError.cannotOpen(path: temporary.path, reason: StoreText.noMemoryForChecksum())
            }
            XXH3_64bits_reset(checksum)
            self.checksum = checksum
            self.fd = fd
            block = .allocate(byteCount: Self.blockSize, alignment: Self.alignment)
        }

        func put<T>(_ values: [T]) throws {
            try values.withUnsafeBytes { try put($0) }
        }

        func put(_ raw: UnsafeRawBufferPointer) throws {
            XXH3_64bits_update(checksum, raw.baseAddress, raw.count)
            try append(raw)
        }

        /// Appends bytes without adding them to the checksum.
        private func append(_ raw: UnsafeRawBufferPointer) throws {
            var offset = 0
            while offset < raw.count {
                let n = min(raw.count - offset, Self.blockSize - filled)
                (block + filled).copyMemory(from: raw.baseAddress! + offset, byteCount: n)
                filled += n
                offset += n
                if filled == Self.blockSize { try flush() }
            }
            written += raw.count
        }

        /// Writes zero bytes up to the next multiple of `alignment`.
        func pad(to alignment: Int) throws {
            let zeros = [UInt8](repeating: 0, count: (alignment - written % alignment) % alignment)
            try put(zeros)
        }

        /// Writes the block buffer out; a partial last block is padded to the alignment (cut off in `finish`).
        ///
        /// A stop (SIGTERM, SIGINT) is honoured here, between blocks: the file is not finished, and `deinit` removes it.
        private func flush() throws {
            try StopRequest.check()
            var length = filled
            if direct && length % Self.alignment != 0 {
                let padded = (length + Self.alignment - 1) / Self.alignment * Self.alignment
                (block + length).initializeMemory(as: UInt8.self, repeating: 0, count: padded - length)
                length = padded
            }
            var offset = 0
            while offset < length {
                let n = write(fd, block + offset, length - offset)
                guard n > 0 else { throw StoreError.cannotOpen(path: temporary.path, reason: SystemText.reason(errno: errno)) }
                offset += n
            }
            filled = 0
        }

        func finish() throws -> Int {
            let sum = XXH3_64bits_digest(checksum).littleEndian
            try withUnsafeBytes(of: sum) { try append($0) }
            if filled > 0 { try flush() }
            let cut = ftruncate(fd, off_t(written)) == 0
            let synced = cut && fsync(fd) == 0
            close(fd)
            fd = -1
            guard synced, rename(temporary.path, url.path) == 0 else {
                throw StoreError.cannotOpen(path: url.path, reason: SystemText.reason(errno: errno))
            }
            // The rename must be on disk before the database commit that refers to the file, or a power cut
            // leaves a store pointing at a segment that is not there.
            let folder = open(url.deletingLastPathComponent().path, O_RDONLY)
            if folder >= 0 { fsync(folder); close(folder) }
            return written
        }

        deinit {
            block.deallocate()
            XXH3_freeState(checksum)
            if fd >= 0 {
                close(fd)
                unlink(temporary.path)
            }
        }
    }

    /// Reads arrays straight into their storage, checking the file is as long as the store says.
    final class Reader {
        let url: URL
        let fd: Int32
        let expectedBytes: Int
        /// The checksum of what was taken so far.
        private let checksum: OpaquePointer

        /// Opens `url`, checking its size when `expectedBytes` is given.
        init(_ url: URL, expectedBytes: Int?) throws {
            self.url = url
            // In a local until the checks pass: once every property is set, a throwing init runs deinit, which
            // would close the number a second time (as `RunLock` once did).
            let fd = open(url.path, O_RDONLY)
            guard fd >= 0 else { throw StoreError.missingSegment(file: url.path) }
            var info = stat()
            guard fstat(fd, &info) == 0, expectedBytes == nil || Int(info.st_size) == expectedBytes else {
                close(fd)
                throw StoreError.corruptSegment(file: url.path, reason: StoreText.sizeDiffers())
            }
            guard let checksum = XXH3_createState() else {
                close(fd)
                throw StoreError.cannotOpen(path: url.path, reason: StoreText.noMemoryForChecksum())
            }
            XXH3_64bits_reset(checksum)
            self.checksum = checksum
            self.expectedBytes = expectedBytes ?? Int(info.st_size)
            self.fd = fd
        }

        /// Reads the checksum that follows what was taken and compares it with theirs.
        func verifyChecksum() throws {
            let computed = XXH3_64bits_digest(checksum)
            var stored: UInt64 = 0
            guard read(fd, &stored, 8) == 8, UInt64(littleEndian: stored) == computed else {
                throw StoreError.checksumMismatch(file: url.path)
            }
        }

        /// Reads the next `count` bytes into the checksum only, through a buffer of its own: they take no memory of
        /// the process, as they would read through a mapping.
        func hash(_ count: Int) throws {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4 << 20, alignment: 64)
            defer { buffer.deallocate() }
            var left = count
            while left > 0 {
                let n = read(fd, buffer.baseAddress, min(left, buffer.count))
                if n <= 0 { throw StoreError.corruptSegment(file: url.path, reason: StoreText.endsEarly()) }
                XXH3_64bits_update(checksum, buffer.baseAddress, n)
                left -= n
            }
        }

        /// The file mapped whole, the kernel asked to read it all in the background; nil when it cannot be mapped.
        func mapped() -> MappedFile? {
            guard let file = try? MappedFile(path: url.path), file.bytes != nil, file.size == expectedBytes else { return nil }
            file.prefetch()
            return file
        }

        /// Skips the padding up to the next multiple of `alignment`.
        func skip(toMultipleOf alignment: Int) throws {
            let at = lseek(fd, 0, SEEK_CUR)
            let padding = (alignment - Int(at) % alignment) % alignment
            if padding > 0 { let _: [UInt8] = try take(padding) }
        }

        /// Stays as builds before the packed `Stay` wrote them: each field at its own offset of 48 bytes.
        func takeLegacyStays(_ count: Int) throws -> [Stay] {
            let bytes: [UInt8] = try take(count * PackedFile.legacyStride)
            return bytes.withUnsafeBytes { raw in
                (0..<count).map { i in
                    let at = i * PackedFile.legacyStride
                    func word<T>(_ offset: Int, _: T.Type) -> T { raw.loadUnaligned(fromByteOffset: at + offset, as: T.self) }
                    return Stay(person: PersonKey(hi: word(0, UInt64.self), lo: word(8, UInt64.self)), region: RegionCode(raw: word(16, UInt64.self)),
                                arrived: Day(number: word(24, Int32.self)), left: Day(number: word(28, Int32.self)),
                                identity: word(32, UInt64.self), contact: word(40, UInt32.self))
                }
            }
        }

        func take<T>(_ count: Int) throws -> [T] {
            let bytes = count * MemoryLayout<T>.stride
            var failed = false
            let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                HugePages.advise(UnsafeMutableRawBufferPointer(buffer))
                let raw = UnsafeMutableRawPointer(buffer.baseAddress)
                var offset = 0
                while offset < bytes, let raw {
                    let n = read(fd, raw + offset, min(bytes - offset, 1 << 30))
                    if n <= 0 { failed = true; break }
                    offset += n
                }
                initialized = failed ? 0 : count
            }
            if failed { throw StoreError.corruptSegment(file: url.path, reason: StoreText.endsEarly()) }
            values.withUnsafeBytes { _ = XXH3_64bits_update(checksum, $0.baseAddress, $0.count) }
            return values
        }

        deinit {
            XXH3_freeState(checksum)
            close(fd)
        }
    }
}
