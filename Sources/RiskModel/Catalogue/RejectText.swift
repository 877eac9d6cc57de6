/// Why a row was rejected (SPEC 1.1): the reasons of `rejects.csv`, each entry's name the row's `code` there
/// (`id_check_character`), the same in every language. Texts start where the column's name ends:
/// `travel.csv:12: 身份证号: 校验位是 5，应为 X`.
public enum RejectText: String, MessageEntry {
    // The record as a whole (`RecordProblem`, `XLSXRowProblem`).
    case fieldCount, encoding, lineBreak, controlCharacter, fieldTooLong, recordTooLong, cellTooLong
    // ID type and number.
    case idTypeUnknown, idEmpty, idLength, idCheckCharacterInvalid, idCheckCharacter, idBirthDate, idNotResidentID
    case idLegacyNonDigit, idNonDigit, idDocumentCharacter, idDocumentLength, idDocumentInvalid
    case idStoredAsNumber, idScientificNotation, idLeadingApostrophe
    // Dates, region codes, levels, phones.
    case dateEmpty, dateFormat, dateNonexistent
    case regionCodeEmpty, regionCodeCharacter, regionCodeLength, regionCodeZero
    case riskLevelEmpty, riskLevelUnknown
    case phoneCountryCode, phoneCharacter, phoneMobileLength, phoneLandlineLength
    // Feeds' own rules.
    case leftBeforeArrived, nameEmpty, communityNameEmpty, unitNameEmpty
    // Rule files (SPEC 1.4, 10).
    case regionCodeAndNameEmpty, regionCodeMissing, regionNameMissing, endsBeforeStart
    case nameInCodeColumn, nameInCodeColumnUnresolved, regionNameEmpty, regionNameAmbiguous, regionNameNotFound
    case regionNameUnresolvedTail, regionNameUnknownCode, regionNameDisagrees

    public static let area = "reject"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .fieldCount:
            ("有 {found} 个字段，表头有 {expected} 个", "has {found} {found?field|fields}, header has {expected}")
        case .encoding:
            ("不是有效的 {encoding}（字段第 {byte} 个字节）；请用同一种编码重新导出文件",
             "not valid {encoding} (byte {byte} of the field); re-export the file in one encoding")
        case .lineBreak:
            ("含有换行（第 {position} 个字符），通知书和名单都无法显示；请在源系统中更正该字段",
             "holds a line break (character {position}), which no printed notice or list can show; correct the field in the source system")
        case .controlCharacter:
            ("含有控制字符 {character}（第 {position} 个字符），通知书和名单都无法显示；请在源系统中更正该字段",
             "holds the control character {character} (character {position}), which no printed notice or list can show; correct the field in the source system")
        case .fieldTooLong:
            ("长 {bytes} 字节，超过上限 {limit}（配置中的 max_field_bytes）；这么长的字段几乎总是导出出错",
             "is {bytes} bytes long, over the limit of {limit} (max_field_bytes in the config); a field this long is almost always an export fault")
        case .recordTooLong:
            ("太长，整条记录超过 {record_limit} 字节（该行有 {line_bytes} 字节，其余部分未读），远超字段上限 {field_limit}（配置中的 max_field_bytes）；这么长的字段几乎总是导出出错",
             "is so long that the record runs past {record_limit} bytes (its line has {line_bytes} bytes and was not read further), far over the limit of {field_limit} for a field (max_field_bytes in the config); a field this long is almost always an export fault")
        case .cellTooLong:
            ("{cell} 单元格超过 {limit} 字节（配置中的 max_field_bytes）；这么长的单元格几乎总是导出出错",
             "cell {cell} is longer than {limit} bytes (max_field_bytes in the config); a cell this long is almost always an export fault")

        case .idTypeUnknown:
            ("“{value}”不是可识别的证件类型；请填 cn_id（居民身份证、身份证）、passport（护照）或 other（其他）",
             "\"{value}\" is not a known ID type; write cn_id (居民身份证, 身份证), passport (护照) or other (其他)")
        case .idEmpty:
            ("为空；证件号码必须填写", "is empty; an ID number is required")
        case .idLength:
            ("有 {count} 个字符；居民身份证号为 18 位（旧号 15 位）",
             "has {count} {count?character|characters}; a resident ID has 18 (or 15)")
        case .idCheckCharacterInvalid:
            ("校验位是{found}；校验位须为数字或 X", "check character is {found}; it must be a digit or X")
        case .idCheckCharacter:
            ("校验位是 {found}，应为 {expected}", "check character is {found}, expected {expected}")
        case .idBirthDate:
            ("出生日期 {date} 不存在", "birth date {date} does not exist")
        case .idNotResidentID:
            ("不是居民身份证号", "is not a resident ID number")
        case .idLegacyNonDigit:
            ("第 {position} 个字符是{found}；15 位身份证号只有数字",
             "character {position} is {found}; a 15-character resident ID has only digits")
        case .idNonDigit:
            ("第 {position} 个字符是{found}；身份证号的前 17 位都是数字",
             "character {position} is {found}; the first 17 characters of a resident ID are digits")
        case .idDocumentCharacter:
            ("含有{found}；{kind}只能包含 A–Z、0–9 和 -", "contains {found}; {kind} may contain only A–Z, 0–9 and -")
        case .idDocumentLength:
            ("去掉空格后有 {length}；{kind}为 5 到 20 个字符", "has {length} without spaces; {kind} has 5 to 20")
        case .idDocumentInvalid:
            ("不是{kind}", "is not {kind}")
        case .idStoredAsNumber:
            ("Excel 把这个证件号码存成了数字（{value}），超过 15 位的数字已经丢失；请在源表中把该列设为“文本”格式（或在号码前加 '）后重新填写号码，再导出",
             "Excel stored this ID as a number ({value}) and lost its digits past the 15th; in the workbook, format the column as Text (or type ' before each number), enter the numbers again and export")
        case .idScientificNotation:
            ("“{value}”是 Excel 把证件号码变成数字后的写法，超过 15 位的数字已经丢失；请在源表中把该列设为“文本”格式（或在号码前加 '）后重新填写号码，再另存为 CSV",
             "\"{value}\" is how Excel writes an ID it turned into a number, and its digits past the 15th are lost; in the workbook, format the column as Text (or type ' before each number), enter the numbers again and save as CSV")
        case .idLeadingApostrophe:
            ("以 ' 开头（Excel 表示“文本”的记号被存进了文件）；请删去 '，或在 Excel 中把该列设为“文本”格式后重新另存为 CSV",
             "starts with ' (Excel's mark for text, saved into the file); remove the ', or format the column as Text in Excel and save as CSV again")

        case .dateEmpty:
            ("为空；日期必须填写", "is empty; a date is required")
        case .dateFormat:
            ("“{value}”不是日期；请写成 YYYY-MM-DD（也可以是 YYYY/M/D、YYYY.M.D、YYYYMMDD、YYYY年M月D日）",
             "\"{value}\" is not a date; write YYYY-MM-DD (also accepted: YYYY/M/D, YYYY.M.D, YYYYMMDD, YYYY年M月D日)")
        case .dateNonexistent:
            ("“{value}”不存在：{why}", "\"{value}\" does not exist: {why}")

        case .regionCodeEmpty:
            ("为空；区划代码必须填写", "is empty; a region code is required")
        case .regionCodeCharacter:
            ("第 {position} 个字符是{found}；区划代码只有数字", "character {position} is {found}; a region code has only digits")
        case .regionCodeLength:
            ("有 {count} 位；区划代码为 2、4、6、9 或 12 位", "has {count} {count?digit|digits}; a region code has 2, 4, 6, 9 or 12")
        case .regionCodeZero:
            ("全是 0，不代表任何地区", "is all zeros; that names no region")

        case .riskLevelEmpty:
            ("为空；风险等级必须填写", "is empty; a risk level is required")
        case .riskLevelUnknown:
            ("“{value}”不是风险等级；请填 high（高、高风险）、medium（中、中风险）或 low（低、低风险）",
             "\"{value}\" is not a risk level; write high (高, 高风险), medium (中, 中风险) or low (低, 低风险)")

        case .phoneCountryCode:
            ("国家代码不是 +86；只保留大陆号码", "has a country code other than +86; only mainland numbers are kept")
        case .phoneCharacter:
            ("含有{found}；电话号码只能有数字、空格、- 和开头的 +86",
             "contains {found}; a phone number has only digits, spaces, - and a leading +86")
        case .phoneMobileLength:
            ("有 {count} 位数字；手机号为 11 位", "has {count} {count?digit|digits}; a mobile number has 11")
        case .phoneLandlineLength:
            ("有 {count} 位数字；固定电话为 7 到 12 位，手机号为以 1 开头的 11 位",
             "has {count} {count?digit|digits}; a landline number has 7 to 12, a mobile 11 starting with 1")

        case .leftBeforeArrived:
            ("于 {left} 离开，早于到达日期 {arrived}", "left on {left}, before arriving on {arrived}")
        case .nameEmpty:
            ("{column}为空；每位居民都须有姓名", "{column} is empty; every resident needs a name")
        case .communityNameEmpty:
            ("{column}为空；每位居民都须有所属社区名称", "{column} is empty; every resident needs a community name")
        case .unitNameEmpty:
            ("为空；请填写该地区的名称", "is empty; give the unit's name")

        case .regionCodeAndNameEmpty:
            ("{code_column}和{name_column}都为空；请填写地区的代码、名称或两者",
             "{code_column} and {name_column} are both empty; write the region's code, its name, or both")
        case .regionCodeMissing:
            ("为空；请填写地区的代码", "is empty; write the region's code")
        case .regionNameMissing:
            ("为空；请填写地区的名称", "is empty; write the region's name")
        case .endsBeforeStart:
            ("结束于 {to}，早于开始日期 {from}", "ends on {to}, before it starts on {from}")
        case .nameInCodeColumn:
            ("“{value}”是地区名称，不是代码：即 {region}；请在此处填 {code}，或把名称移到{name_column}并让{code_column}留空",
             "\"{value}\" is a region name, not a code: it names {region}; write {code} here, or move the name to {name_column} and leave {code_column} empty")
        case .nameInCodeColumnUnresolved:
            ("“{value}”是地区名称，不是代码（{problem}）；请在此处填写地区的代码，或把名称移到{name_column}并让{code_column}留空",
             "\"{value}\" is a region name, not a code ({problem}); write the region's code here, or move the name to {name_column} and leave {code_column} empty")
        case .regionNameEmpty, .regionNameAmbiguous, .regionNameNotFound, .regionNameUnresolvedTail:
            ("{problem}", "{problem}")
        case .regionNameUnknownCode:
            ("为空，且地名库中没有 {code} 的名称{inside}；请填写地区名称，或在配置的 gazetteer 文件中加入该代码",
             "is empty and the gazetteer has no name for {code}{inside}; write the region's name, or add the code to a gazetteer file of the config")
        case .regionNameDisagrees:
            ("{problem}{alone}", "{problem}{alone}")
        }
    }
}

/// Parts of reject reasons that are not reasons themselves: what a document is called, why a date does not exist.
public enum RejectPartText: String, MessageEntry {
    case passportNumber, otherIDNumber, moreThanTwenty, characters, noYearZero, noSuchMonth, noDayZero, monthDays
    case insideRegion, nameAlone, brief, briefColumn, indented, character, codePoint

    public static let area = "reject_part"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .passportNumber: ("护照号码", "a passport number")
        case .otherIDNumber: ("“其他”类证件号码", "an ID number of type other")
        case .moreThanTwenty: ("超过 20 个字符", "more than 20 characters")
        case .characters: ("{count} 个字符", "{count} {count?character|characters}")
        case .noYearZero: ("没有 0 年", "there is no year 0")
        case .noSuchMonth: ("没有 {month} 月", "there is no month {month}")
        case .noDayZero: ("没有 0 日", "there is no day 0")
        case .monthDays: ("{month} 只有 {days} 天", "{month} has {days} days")
        case .insideRegion: ("（它位于 {region} 内）", " (it lies in {region})")
        case .nameAlone: ("（单看名称是 {region}）", " (the name alone is {region})")
        case .brief: ("{file}:{line}：{reason}", "{file}:{line}: {reason}")
        case .briefColumn: ("{file}:{line}：{column}：{reason}", "{file}:{line}: {column}: {reason}")
        case .indented: ("  {line}", "  {line}")
        case .character: ("“{character}”", "\"{character}\"")
        case .codePoint: (" {code}", "{code}")
        }
    }
}
