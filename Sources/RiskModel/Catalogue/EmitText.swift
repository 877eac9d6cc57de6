/// Notice templates and printing.
public enum EmitText: String, MessageEntry {
    case templateMissing, templatesNotInstalled, unknownField, unsupportedTag, templateSyntax, tagNeverClosed, templateParser
    case cancelFailed, invalidCopies, unreadableFile, noPrinters, printerNotFound, submitFailed, earlierJobs, unknownCUPSError

    public static let area = "emit"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .templateMissing:
            ("{path}：找不到模板；请把程序自带的模板（Sources/Emit/Templates/default/）复制到该文件夹，或从配置中删去 templates 以使用自带模板",
             "{path}: template not found; copy the program's templates (Sources/Emit/Templates/default/) into this folder, or remove `templates` from the config to use them")
        case .templatesNotInstalled:
            ("riskscreen 自带的通知书模板缺失（已查找 {looked}）；请把 riskscreen_Emit.resources 安装在程序旁，或在配置中设置 templates",
             "the notice templates that come with riskscreen are missing (looked in {looked}); install riskscreen_Emit.resources beside the program, or set `templates` in the config")
        case .unknownField:
            ("{file}:{line}:{column}：未知字段 {{{{{field}}}}}；请使用以下之一：{known}（或将其加入措辞的额外取值）",
             "{file}:{line}:{column}: unknown field {{{{{field}}}}}; use one of: {known} (or add it to the wording's extra values)")
        case .unsupportedTag:
            ("{file}:{line}:{column}：通知书模板不支持 {tag}（不支持子模板、块和分隔符修改）；请把文字直接写在此文件中",
             "{file}:{line}:{column}: {tag} is not supported in notice templates (no partials, blocks or delimiter changes); write the words in this file")
        case .templateSyntax:
            ("{file}:{line}:{column}：模板语法错误（{reason}）；请检查每个 {{{{#section}}}} 都有对应的 {{{{/section}}}}",
             "{file}:{line}:{column}: template syntax error ({reason}); check that every {{{{#section}}}} has a matching {{{{/section}}}}")
        case .tagNeverClosed:
            ("以 {{{{ 开始的标记没有结束", "a tag opened with {{{{ is never closed")
        case .templateParser:
            ("{detail}", "{detail}")
        case .cancelFailed:
            ("无法取消打印机“{printer}”上的作业 {job}：{reason}；请用 `cancel {printer}-{job}` 取消",
             "could not cancel job {job} on printer '{printer}': {reason}; cancel it with `cancel {printer}-{job}`")
        case .invalidCopies:
            ("份数须在 1 到 999 之间，实际是 {copies}", "copies must be between 1 and 999, got {copies}")
        case .unreadableFile:
            ("{path}：无法读取要打印的文件；请确认文件存在（未发送任何内容）",
             "{path}: cannot read the file to print; check that it exists (nothing was sent)")
        case .noPrinters:
            ("找不到打印机“{printer}”；CUPS 服务器 {server} 没有任何打印机{why}；请启动 cupsd 或用 lpadmin 添加打印队列",
             "printer '{printer}' not found; the CUPS server {server} lists no printers{why}; start cupsd or add a queue with lpadmin")
        case .printerNotFound:
            ("找不到打印机“{printer}”；这里的打印机有：{available}", "printer '{printer}' not found; printers here: {available}")
        case .submitFailed:
            ("{file}：打印机“{printer}”拒绝了作业：{reason}{earlier}；请用 `lpstat -p {printer}` 查看队列",
             "{file}: printer '{printer}' refused the job: {reason}{earlier}; check the queue with `lpstat -p {printer}`")
        case .earlierJobs:
            ("；前面的文件已排队的作业：{jobs}", "; jobs already queued for earlier files: {jobs}")
        case .unknownCUPSError:
            ("未知的 CUPS 错误", "unknown CUPS error")
        }
    }
}
