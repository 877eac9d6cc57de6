import Machinery
import RiskModel

/// Word lists for realistic-looking Chinese people and places.
enum NameTables {
    /// Common surnames, most frequent first (the generator favours the front of the list).
    static let surnames: [String] = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤").map(String.init)
        + ["欧阳", "司马", "诸葛", "上官"]

    /// Characters used in given names.
    static let givenCharacters: [String] = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚英华建国志红文斌辉鹏宇浩然轩欣怡梓涵雨佳琪思远嘉晨阳博一鸣俊婷玉海燕丹凤春梅晓东立新永卫秋菊冬金慧淑珍桂瑞雪悦诗梦瑶豪航天佑铭睿泽子萱若汐沐宸煜琳妍彤昊翔凯峰亮波宁丰庆荣福禄寿安康乐雅倩颖蕾露璐薇蓉岚晶莉萍芬洁秀云飞龙虎").map(String.init)

    /// Family and given names of passport holders, as printed in a passport.
    static let latinSurnames = ["SMITH", "MULLER", "TANAKA", "KIM", "NGUYEN", "GARCIA", "ROSSI", "DUBOIS", "IVANOV", "SILVA", "KHAN", "PATEL"]
    static let latinGiven = ["JOHN", "ANNA", "HIROSHI", "MINJUN", "LINH", "MARIA", "LUCA", "CLAIRE", "OLGA", "PEDRO", "AISHA", "RAVI"]

    /// Two-character stems for synthetic place names.
    static let placeStems: [String] = [
        "东城", "西湖", "南山", "北塘", "青山", "白沙", "长宁", "永安", "安定", "太平", "和平", "新华", "人民", "建设",
        "解放", "光明", "红旗", "胜利", "友谊", "团结", "幸福", "阳光", "金桥", "银河", "春晖", "秋实", "清河", "柳林",
        "桃源", "杏花", "荷塘", "梅园", "竹溪", "松岭", "枫桥", "兰亭", "凤凰", "龙泉", "鹤鸣", "鹿鸣", "狮山", "象山",
        "马鞍", "云龙", "雨花", "雪峰", "霞光", "星光", "月湖", "日新", "天宁", "江南", "江北", "河西", "河东", "湖滨",
        "山前", "溪口", "桥头", "港湾", "新城", "古城", "老街", "景山", "观澜", "望江", "临江", "沿河", "石门", "双溪",
    ]

    /// Provinces by GB/T 2260 code.
    static let provinces: [(code: Int, name: String)] = [
        (11, "北京市"), (12, "天津市"), (13, "河北省"), (14, "山西省"), (15, "内蒙古自治区"), (21, "辽宁省"),
        (22, "吉林省"), (23, "黑龙江省"), (31, "上海市"), (32, "江苏省"), (33, "浙江省"), (34, "安徽省"),
        (35, "福建省"), (36, "江西省"), (37, "山东省"), (41, "河南省"), (42, "湖北省"), (43, "湖南省"),
        (44, "广东省"), (45, "广西壮族自治区"), (46, "海南省"), (50, "重庆市"), (51, "四川省"), (52, "贵州省"),
        (53, "云南省"), (54, "西藏自治区"), (61, "陕西省"), (62, "甘肃省"), (63, "青海省"), (64, "宁夏回族自治区"),
        (65, "新疆维吾尔自治区"),
    ]

    /// Real names of a few cities and counties, so the biggest designations read like 2020's.
    static let knownPlaces: [Int: String] = [
        4201: "武汉市", 4202: "黄石市", 4203: "十堰市", 4205: "宜昌市", 4206: "襄阳市", 4207: "鄂州市", 4208: "荆门市",
        4209: "孝感市", 4210: "荆州市", 4211: "黄冈市", 4212: "咸宁市", 4213: "随州市",
        420102: "江岸区", 420103: "江汉区", 420104: "硚口区", 420105: "汉阳区", 420106: "武昌区", 420111: "洪山区",
        3301: "杭州市", 3302: "宁波市", 3303: "温州市", 3304: "嘉兴市", 3305: "湖州市", 3306: "绍兴市", 3307: "金华市",
        330302: "鹿城区", 330303: "龙湾区", 330304: "瓯海区", 330381: "瑞安市", 330382: "乐清市", 330111: "富阳区",
        4401: "广州市", 4403: "深圳市", 3201: "南京市", 3205: "苏州市", 4101: "郑州市", 4301: "长沙市", 3401: "合肥市",
    ]

    /// Streets and towns of 富阳区 (330111), in code order, with the initials used in grid ids.
    static let fuyangStreets: [(name: String, initials: String)] = [
        ("富春街道", "FC"), ("春江街道", "CJ"), ("东洲街道", "DZ"), ("鹿山街道", "LS"), ("银湖街道", "YH"),
        ("万市镇", "WS"), ("洞桥镇", "DQ"), ("渌渚镇", "LZ"), ("永昌镇", "YC"), ("场口镇", "CK"), ("常绿镇", "CL"),
        ("新登镇", "XD"), ("胥口镇", "XK"), ("大源镇", "DY"), ("灵桥镇", "LQ"), ("里山镇", "LI"), ("常安镇", "CA"),
        ("上官乡", "SG"), ("环山乡", "HS"), ("湖源乡", "HY"), ("新桐乡", "XT"), ("春建乡", "CI"), ("龙门镇", "LM"),
    ]

    /// The name of a synthetic region at one level, derived from its code so it is stable for a code.
    static func placeName(code: Int, length: Int) -> String {
        if length == 2 { return provinces.first { $0.code == code }?.name ?? "省\(code)" }
        if let known = knownPlaces[code] { return known }
        let h = SplitMix64.mix(UInt64(code) &* 0x9E37_79B9 &+ UInt64(length))
        let stem = placeStems[Int(h % UInt64(placeStems.count))]
        let pick = Int((h >> 32) % 4)
        switch length {
        case 4: return stem + "市"
        case 6: return stem + (pick == 0 ? "县" : "区")
        case 9: return stem + (pick == 0 ? "镇" : pick == 1 ? "乡" : "街道")
        default: return stem + (pick == 0 ? "村" : "社区")
        }
    }

    /// The full name of a region, provinces down (`湖北省武汉市`).
    static func fullName(code: UInt64, length: Int) -> String {
        var name = ""
        for level in [2, 4, 6, 9, 12] where level <= length {
            let divisor = [2: 10_000_000_000, 4: 100_000_000, 6: 1_000_000, 9: 1000, 12: 1][level] ?? 1
            name += placeName(code: Int(code / UInt64(divisor)), length: level)
        }
        return name
    }
}
