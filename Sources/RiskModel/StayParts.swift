/// Stays held as several blocks (one per stored segment, plus the run's own), so merging a night into a
/// province store never copies ten million of them; each part's contacts are indexed by its own stays.
public struct StayParts: Sendable {
    public struct Part: Sendable {
        public var stays: StayBlock
        public var contacts: ContactBook

        public init(stays: [Stay], contacts: ContactBook) {
            self.stays = StayBlock(stays)
            self.contacts = contacts
        }

        public init(stays: StayBlock, contacts: ContactBook) {
            self.stays = stays
            self.contacts = contacts
        }
    }

    public var parts: [Part]

    public init(parts: [Part]) { self.parts = parts }

    /// One part.
    public init(stays: [Stay], contacts: ContactBook = ContactBook()) {
        parts = [Part(stays: stays, contacts: contacts)]
    }

    public var count: Int { parts.reduce(0) { $0 + $1.stays.count } }

    /// Every stay in one array (a copy: for small stores, tests and `explain`).
    public var stays: [Stay] { parts.flatMap(\.stays) }
}
