import Foundation
import RiskModel
import Testing
import TestSupport

/// SPEC 11: one catalogue, every message in Simplified Chinese and in English.
@Suite struct CatalogueTests {
    static let entries = Catalogue.entries

    /// A text's words, placeholders and escaped braces taken out.
    static func words(_ text: String) -> String {
        var out = text.replacingOccurrences(of: "{{", with: "").replacingOccurrences(of: "}}", with: "")
        while let open = out.firstIndex(of: "{"), let close = out[open...].firstIndex(of: "}") { out.removeSubrange(open...close) }
        return out
    }

    static func hasHan(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
    }

    @Test func everyEntryHasBothLanguages() {
        #expect(Self.entries.count > 300, "the catalogue holds the program's messages: \(Self.entries.count)")
        for m in Self.entries {
            #expect(!m.template(in: .chinese).isEmpty, "\(m.key) has no Chinese text")
            #expect(!m.template(in: .english).isEmpty, "\(m.key) has no English text")
        }
    }

    @Test func bothLanguagesHaveTheSamePlaceholders() {
        for m in Self.entries {
            let zh = Message.placeholders(in: m.template(in: .chinese)), en = Message.placeholders(in: m.template(in: .english))
            #expect(zh == en, "\(m.key): Chinese has \(zh.sorted()), English \(en.sorted())")
        }
    }

    /// A Chinese text with no Chinese in it is an English text left untranslated; only a layout may have none: its
    /// only words are the program's name and machine words (`sha256`), such as `riskscreen：{message}`.
    @Test func chineseTextsAreChinese() throws {
        let machineWord = try NSRegularExpression(pattern: "\\briskscreen\\b|\\b[a-z]*[0-9_][a-z0-9_]*\\b")
        for m in Self.entries {
            let zh = Self.words(m.template(in: .chinese))
            let bare = machineWord.stringByReplacingMatches(in: zh, range: NSRange(zh.startIndex..., in: zh), withTemplate: "")
            let layout = !bare.unicodeScalars.contains { CharacterSet.letters.contains($0) && $0.isASCII }
            #expect(Self.hasHan(zh) || layout, "\(m.key): the Chinese text has no Chinese: \(m.template(in: .chinese))")
        }
    }

    @Test func keysAreUniqueAndSnakeCase() {
        var seen = Set<String>()
        for m in Self.entries {
            #expect(seen.insert(m.key).inserted, "\(m.key) twice")
            #expect(m.key.range(of: "^[a-z_]+\\.[a-z0-9_]+$", options: .regularExpression) != nil, "\(m.key)")
        }
    }

    /// The codes of `rejects.csv` (SPEC 11): machine words, one per reason.
    @Test func rejectCodesAreStableMachineWords() {
        let reasons = RejectText.allCases.map { $0().code }
        #expect(Set(reasons).count == reasons.count)
        #expect(reasons.contains("id_check_character") && reasons.contains("id_stored_as_number"), "\(reasons)")
        for code in reasons { #expect(code.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) != nil, "\(code)") }
    }

    /// An area added to the catalogue's folder and not listed in `Catalogue.areas` would escape the checks above.
    @Test func everyAreaOfTheFolderIsListed() throws {
        let folder = packageRoot.appendingPathComponent("Sources/RiskModel/Catalogue")
        var declared: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let regex = try NSRegularExpression(pattern: "enum (\\w+): String, MessageEntry")
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                declared.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        let listed = Set(Catalogue.areas.map { String(describing: $0) })
        #expect(!declared.isEmpty && declared == listed, "declared \(declared.sorted()), listed \(listed.sorted())")
    }
}

/// How a message renders: arguments, plurals, nested messages, lists, columns.
@Suite struct MessageTests {
    @Test func argumentsPluralsAndNestingRenderInTheLanguageAsked() {
        let one = RuleText.invalidRows(["file": "r.csv", "count": 1, "rows": Message.Value.lines([RejectText.idEmpty()])])
        #expect(one.text(in: .english) == "r.csv: 1 invalid row; nothing was screened. Fix these lines and run again:\nis empty; an ID number is required")
        #expect(one.text(in: .chinese) == "r.csv：有 1 行无效，未进行筛查。请改正这些行后重新运行：\n为空；证件号码必须填写")
        let two = RuleText.invalidRows(["file": "r.csv", "count": 2, "rows": ""])
        #expect(two.text(in: .english).hasPrefix("r.csv: 2 invalid rows;"))
    }

    @Test func listsAreJoinedAsEachLanguageJoinsThem() {
        let m = IngestText.foundHeaders(["headers": ["记录编号", "身份证号"]])
        #expect(m.text(in: .english) == "found: 记录编号, 身份证号")
        #expect(m.text(in: .chinese) == "现有表头：记录编号、身份证号")
    }

    @Test func bracesAreEscapedAndAMissingArgumentShows() {
        #expect(PolicyText.tomlBrace().text(in: .english).hasSuffix("(an inline table is { … })"))
        #expect(EmitText.unknownField(["file": "f", "line": 1, "column": 2, "field": "x", "known": ["a"]]).text(in: .english)
            .hasPrefix("f:1:2: unknown field {{x}};"))
        #expect(RejectText.idDocumentInvalid().text(in: .english) == "is not {kind}")
    }

    /// SPEC 11: field names as the feed's header spells them; the canonical name where no header is known.
    @Test func columnsAreSpelledAsTheHeaderSpellsThem() {
        let reason = RejectText.nameEmpty(["column": Message.Value.column("name")])
        #expect(reason.text(in: .english) == "name is empty; every resident needs a name")
        let named = reason.namingColumns { $0 == "name" ? "姓名" : nil }
        #expect(named.text(in: .english) == "姓名 is empty; every resident needs a name")
        #expect(named.text(in: .chinese) == "姓名为空；每位居民都须有姓名")
        #expect(named.code == "name_empty")
    }

    @Test func aRejectNamesItsColumnAsTheFeedDoes() {
        let reject = Reject(feed: "rail", file: "t.csv", line: 3, column: "id_no", problem: RejectText.idEmpty(), raw: "")
            .naming(["id_no": "身份证号"])
        #expect(reject.column == "身份证号" && reject.field == "id_no" && reject.code == "id_empty")
        #expect(reject.brief.text(in: .chinese) == "t.csv:3：身份证号：为空；证件号码必须填写")
    }
}

/// SPEC 11: the first of `--lang`, the config's `language`, and the locale that is set.
@Suite struct LanguageTests {
    @Test(arguments: [
        ([:], Language.english),
        (["LANG": "zh_CN.UTF-8"], .chinese),
        (["LANG": "C"], .english),
        (["LANG": "zh_TW.UTF-8"], .chinese),
        (["LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN.UTF-8"], .chinese),
        (["LC_ALL": "C", "LANG": "zh_CN.UTF-8"], .english),
        (["LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"], .chinese),
        (["LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"], .english),
    ])
    func theFirstLocaleVariableSetDecides(environment: [String: String], expected: Language) {
        #expect(Language.ofLocale(environment) == expected)
    }

    @Test func theFlagThenTheConfigThenTheLocale() {
        let zh = ["LANG": "zh_CN.UTF-8"]
        #expect(Language.choose(flag: .english, config: .chinese, environment: zh) == .english)
        #expect(Language.choose(flag: nil, config: .english, environment: zh) == .english)
        #expect(Language.choose(flag: nil, config: nil, environment: zh) == .chinese)
        #expect(Language(code: "ZH") == .chinese && Language(code: "en") == .english && Language(code: "fr") == nil)
    }

    /// swift-argument-parser's own words, rewritten line by line; anything else stays as it is.
    @Test func theParsersWordsAreTranslated() {
        let error = """
            Error: Missing expected argument '--printer <name>'
            Help:  --printer <name>  CUPS 打印机（队列）名称。
            Usage: riskscreen print [--config <file>] --printer <name>
              See 'riskscreen print --help' for more information.
            """
        #expect(UsageText.translatingParser(error, to: .chinese) == """
            错误：缺少参数 '--printer <name>'
            帮助： --printer <name>  CUPS 打印机（队列）名称。
            用法：riskscreen print [--config <file>] --printer <name>
              更多信息请见 'riskscreen print --help'。
            """)
        #expect(UsageText.translatingParser("Error: Unknown option '--bogus'. Did you mean '--out'?", to: .chinese)
            == "错误：未知的选项 '--bogus'。是否想用 '--out'？")
        #expect(UsageText.translatingParser("OPTIONS:\n  -h, --help              Show help information.", to: .chinese)
            == "选项：\n  -h, --help              显示帮助信息。")
        #expect(UsageText.translatingParser("  --copies <copies>       Copies of each batch. (default: 1)", to: .chinese)
            == "  --copies <copies>       Copies of each batch.（默认：1）")
        #expect(UsageText.translatingParser(error, to: .english) == error)
    }
}
