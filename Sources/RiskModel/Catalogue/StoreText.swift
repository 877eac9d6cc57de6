/// The state store, its lock, its files' modes, and the output folder a run publishes into.
public enum StoreText: String, MessageEntry {
    case cannotOpen, corrupt, missing, checksum, restore, restoreResidents, isFolder, noMemoryForChecksum
    case notStaysFile, notResidentsFile, countTooLarge, contactOutside, endsEarly, staysMisplaced, sizeDiffers
    case lockHeld, unknownHolder
    case tightened, madeGroupReadable, folderShared
    case latestIsFolder, latestIsFile, outIsFile, cannotWrite

    public static let area = "store"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .cannotOpen:
            ("{path}：无法打开状态库：{reason}", "{path}: cannot open the state store: {reason}")
        case .corrupt:
            ("{file}：存储的数据已损坏（{reason}）；{restore}", "{file}: stored data is damaged ({reason}); {restore}")
        case .missing:
            ("{file}：状态库引用的数据文件缺失；{restore}", "{file}: a data file the state store refers to is missing; {restore}")
        case .checksum:
            ("{file}：存储的数据已损坏（校验和不符：文件在磁盘上被改动或损坏）；{restore}",
             "{file}: stored data is damaged (its checksum does not match: the file was changed or damaged on disk); {restore}")
        case .restore:
            ("请从备份恢复状态文件夹（状态库 {store} 和它的文件夹 {folder} 一起，取自同一晚）",
             "restore the state folder from a backup (the store {store} and its folder {folder} together, from the same night)")
        case .restoreResidents:
            ("请从备份恢复状态文件夹（状态库 {store} 和它的文件夹 {folder} 一起，取自同一晚），或用今晚的居民数据（--residents）运行，它会替换存储的快照",
             "restore the state folder from a backup (the store {store} and its folder {folder} together, from the same night), or run with tonight's residence feed (--residents), which replaces the stored snapshot")
        case .isFolder:
            ("这是一个文件夹；--state（或配置中的 state）应指向状态库的数据库文件，例如 {example}",
             "it is a folder; --state (or `state` in the config) names the store's database file, such as {example}")
        case .noMemoryForChecksum:
            ("没有内存计算校验和", "no memory for a checksum")
        case .notStaysFile: ("不是本版本的行程数据文件", "not a stays file of this version")
        case .notResidentsFile: ("不是本版本的居民数据文件", "not a residents file of this version")
        case .countTooLarge: ("计数大于文件本身", "a count larger than the file")
        case .contactOutside: ("联系信息超出该部分的文本范围", "a contact outside the part's text")
        case .endsEarly: ("文件提前结束", "file ends early")
        case .staysMisplaced: ("行程记录不在文件所说的位置", "stays not where the file says")
        case .sizeDiffers: ("大小与状态库记录的不同", "size differs from what the store recorded")
        case .lockHeld:
            ("另一个 riskscreen 运行正占用 {path}（{holder}）；请等它结束，该进程结束时会释放",
             "another riskscreen run holds {path} ({holder}); wait for it to finish, it is released when that process ends")
        case .unknownHolder: ("占用者不明", "unknown holder")
        case .tightened:
            ("{path}：可读的用户超出应有范围；权限已从 {from} 收紧为 {to}",
             "{path}: was readable by more users than it should be; tightened from {from} to {to}")
        case .madeGroupReadable:
            ("{path}：已设为同组可读，权限从 {from} 改为 {to}", "{path}: made readable by its group from {from} to {to}")
        case .folderShared:
            ("{folder}：状态库所在文件夹可被其他用户列出，且存有其他文件（{others}），因此未改动其权限；状态库自身的文件仅属主可读写。请把状态库移到单独的文件夹（权限 0700）",
             "{folder}: the state store's folder can be listed by other users and holds other files ({others}), so its mode is left as it is; the store's own files are owner-only. Move the store to a folder of its own (mode 0700)")
        case .latestIsFolder:
            ("{path} 是一个文件夹，不是 riskscreen 在此保留的指向上次运行的链接；请把它移出输出文件夹后重新运行（未发布任何内容）",
             "{path} is a folder, not the link to the last run that riskscreen keeps there; move it out of the output folder and run again (nothing was published)")
        case .latestIsFile:
            ("{path} 是一个文件，不是 riskscreen 在此保留的指向上次运行的链接；请把它移出输出文件夹后重新运行（未发布任何内容）",
             "{path} is a file, not the link to the last run that riskscreen keeps there; move it out of the output folder and run again (nothing was published)")
        case .outIsFile:
            ("{path}：输出文件夹（--out）是一个文件；请给出文件夹", "{path}: the output folder (--out) is a file; give a folder")
        case .cannotWrite:
            ("{path}：无法写入（{reason}）；请确认输出文件夹（--out）所在磁盘可写、有空间，且运行 riskscreen 的用户有写权限",
             "{path}: cannot write ({reason}); check that the output folder (--out) is on a writable disk with space and that the user running riskscreen may write there")
        }
    }
}
