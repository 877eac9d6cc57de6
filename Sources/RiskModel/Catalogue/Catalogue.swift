/// The one catalogue of messages (SPEC 11): every area of it, for the checks that each entry has both languages.
///
/// An area is an enum of `MessageEntry` cases in a file of this folder; a new area is listed here (the
/// catalogue's tests and `scripts/check-messages.py` fail otherwise).
public enum Catalogue {
    public static let areas: [any MessageEntry.Type] = [
        SystemText.self, IngestText.self, WorkbookText.self, RejectText.self, RejectPartText.self, NameText.self, TermText.self,
        PolicyText.self, RuleText.self, StoreText.self, EmitText.self, RunText.self, CommandText.self, HelpText.self, UsageText.self, GenerateText.self,
        FeedbackText.self, DeliveryText.self, HealthCodeText.self, FollowUpText.self, FeedbackHelpText.self, PaperText.self,
    ]

    /// Every entry, as a message without arguments.
    public static var entries: [Message] {
        areas.flatMap { entries(of: $0) }
    }

    private static func entries<Entry: MessageEntry>(of area: Entry.Type) -> [Message] {
        Entry.allCases.map { Message($0) }
    }
}
