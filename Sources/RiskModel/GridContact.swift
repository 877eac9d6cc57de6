/// The grid worker who delivers notices in one grid of one community.
public struct GridContact: Sendable, Hashable {
    public var community: RegionCode
    public var gridID: String
    public var name: String
    public var phone: String

    public init(community: RegionCode, gridID: String, name: String, phone: String) {
        self.community = community
        self.gridID = gridID
        self.name = name
        self.phone = phone
    }
}
