/// Names and phones of travel records, kept as UTF-8 bytes in one arena so ten million stays cost no allocations.
public struct ContactBook: Sendable {
    // Stored as usable-from-inline so the appends below specialise in the callers' modules (no generic dispatch per record).
    @usableFromInline var storedBytes: [UInt8] = []
    @usableFromInline var storedStarts: [UInt32] = [0]

    public var bytes: [UInt8] { storedBytes }
    /// Start of each entry in `bytes`; entry `i` ends where `i + 1` starts.
    public var starts: [UInt32] { storedStarts }

    public init() {}

    /// Rebuilds a book from its stored arrays.
    public init(starts: [UInt32], bytes: [UInt8]) {
        storedStarts = starts.isEmpty ? [0] : starts
        storedBytes = bytes
    }

    @inlinable
    public var count: Int { storedStarts.count - 1 }

    /// Stores a name and a phone (either may be empty) and returns the index to keep in a `Stay`.
    @inlinable
    public mutating func append(name: some Collection<UInt8>, phone: some Collection<UInt8>) -> UInt32 {
        storedBytes.append(contentsOf: name)
        storedBytes.append(0x1F)
        storedBytes.append(contentsOf: phone)
        storedStarts.append(UInt32(storedBytes.count))
        return UInt32(count - 1)
    }

    /// Appends every entry of another book, returning the offset to add to its indices.
    public mutating func append(_ other: ContactBook) -> UInt32 {
        let offset = UInt32(count)
        let base = UInt32(storedBytes.count)
        storedBytes.append(contentsOf: other.storedBytes)
        storedStarts.append(contentsOf: other.storedStarts.dropFirst().map { $0 + base })
        return offset
    }

    /// Copies entry `index` of `other` as it is stored there (no strings made) and returns its index here; nil when
    /// `other` has no such entry.
    public mutating func append(entry index: UInt32, of other: ContactBook) -> UInt32? {
        guard index != Stay.noContact, Int(index) < other.count else { return nil }
        storedBytes.append(contentsOf: other.storedBytes[Int(other.storedStarts[Int(index)])..<Int(other.storedStarts[Int(index) + 1])])
        storedStarts.append(UInt32(storedBytes.count))
        return UInt32(count - 1)
    }

    public func entry(_ index: UInt32) -> (name: String, phone: String)? {
        guard index != Stay.noContact, Int(index) < count else { return nil }
        let slice = bytes[Int(starts[Int(index)])..<Int(starts[Int(index) + 1])]
        let split = slice.firstIndex(of: 0x1F) ?? slice.endIndex
        let name = String(decoding: slice[..<split], as: UTF8.self)
        let phone = split < slice.endIndex ? String(decoding: slice[(split + 1)...], as: UTF8.self) : ""
        return (name, phone)
    }
}

