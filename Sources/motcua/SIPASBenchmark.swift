import ArgumentParser
import Domain
import Foundation
import Persistence
import Services

extension BenchCommand {
    /// SIPAS results for N responses to the shipped questionnaire from a CSV file, against reading the same
    /// file without computing (every field scanned and its number read) — in the same run, on one core.
    struct SIPAS: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "SIPAS results for N responses from CSV, against scanning the same CSV without computing.")
        @Option(help: "How many responses.") var responses = 1_000_000
        @Option(help: "Repetitions (the median is printed).") var repeats = 5

        func run() async throws {
            guard responses > 0, repeats > 0 else { throw Refusal("--responses và --repeats phải dương.") }
            let questionnaire = try SIPASSurveys.shippedQuestionnaire()
            let data = Self.csv(questionnaire, responses: responses)
            var checksum = 0
            let baseline = try await BenchTiming.times(repeats) {
                try CSV.scan(data) { _, fields in for index in 0..<fields.count { checksum &+= fields.integer(index) ?? 0 } }
            }
            var overall = 0.0
            let computing = try await BenchTiming.times(repeats) {
                let read = try SIPASResponses.read(csv: data, questionnaire: questionnaire)
                overall = SIPASResults.compute(questionnaire, read).units[SIPASResults.all]?.overall ?? 0
            }
            let baselineMS = BenchTiming.median(baseline), computingMS = BenchTiming.median(computing)
            print(
                String(
                    format: "%@ responses, %.1f MB of CSV, %d items", responses.formatted(), Double(data.count) / 1e6,
                    questionnaire.items.count))
            print(String(format: "  scanning the CSV without computing: %8.0f ms  (baseline)", baselineMS))
            print(
                String(
                    format: "  reading and computing the results:  %8.0f ms  ratio %.2f  (target ≤ 2 000 ms: %@)  overall %.2f%%",
                    computingMS, computingMS / baselineMS, computingMS <= 2000 ? "met" : "NOT met", overall))
            print("checksum \(checksum & 0xff)")
        }

        /// Made-up responses over 126 units: answers mostly 3–5, some blanks and don't-knows, weights 0.5–3.
        static func csv(_ questionnaire: SIPASQuestionnaire, responses: Int) -> Data {
            var generator = SystemRandomNumberGenerator()
            var text = "unit,weight," + questionnaire.items.map(\.code).joined(separator: ",") + "\n"
            text.reserveCapacity(responses * (questionnaire.items.count * 2 + 16))
            let answers = ["", "0", "1", "2", "3", "3", "4", "4", "4", "5", "5"]
            for _ in 0..<responses {
                text += "U\(Int.random(in: 1...126, using: &generator)),\(Double(Int.random(in: 5...30, using: &generator)) / 10)"
                for _ in questionnaire.items { text += "," + answers.randomElement(using: &generator)! }
                text += "\n"
            }
            return Data(text.utf8)
        }
    }
}
