import ArgumentParser
import Pipeline

@main
struct Riskscreen: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Screen travel records against risk regions.")
}
