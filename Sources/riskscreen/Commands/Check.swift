import ArgumentParser
import Pipeline
import RiskModel

extension Riskscreen {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: HelpText.checkAbstract().description,
            discussion: HelpText.checkDiscussion().description)

        @OptionGroup var inputs: InputOptions

        @Option(help: ArgumentHelp(HelpText.checkState().description, valueName: "file"))
        var state: String?

        @Option(help: ArgumentHelp(HelpText.maxRejectRate().description, valueName: "fraction"))
        var maxRejectRate: Double?

        @Flag(help: ArgumentHelp(HelpText.allowEmpty().description))
        var allowEmpty = false

        func validate() throws {
            if let r = maxRejectRate, !(0...1).contains(r) { throw ValidationError(UsageText.rejectRateRange().description) }
        }

        func run() throws {
            let report: CheckReport
            do {
                var s = try inputs.settings()
                if let state { s.state = state }
                if let maxRejectRate { s.maxRejectRate = maxRejectRate }
                s.allowEmpty = s.allowEmpty || allowEmpty
                report = try Pipeline.Check.execute(s)
            } catch {
                throw fail(error)
            }
            show(Pipeline.Check.lines(report))
            if let blocking = report.blocking { throw fail(blocking) }
        }
    }
}
