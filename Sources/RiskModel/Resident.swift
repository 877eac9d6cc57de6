/// A registered resident (one accepted row of the residence snapshot, SPEC 1.2).
public struct Resident: Sendable, Hashable, Codable {
    public var person: PersonKey
    public var name: String
    /// Normalised phone, empty when absent or invalid.
    public var phone: String
    public var community: RegionCode
    public var communityName: String
    public var gridID: String
    public var address: String
    public var updatedAt: Day?

    public init(person: PersonKey, name: String, phone: String, community: RegionCode, communityName: String,
                gridID: String, address: String, updatedAt: Day?) {
        self.person = person
        self.name = name
        self.phone = phone
        self.community = community
        self.communityName = communityName
        self.gridID = gridID
        self.address = address
        self.updatedAt = updatedAt
    }
}
