import ArgumentParser
import Domain
import Foundation
import Persistence
import Services

/// `motcua catalogue import|export`: the procedure catalogue as CSV or JSON files (docs/CATALOGUE.md).
struct CatalogueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogue", abstract: "Import or export the procedure catalogue.", subcommands: [Import.self, Export.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import procedures from a CSV or JSON file, all or nothing; bad rows are listed with their line.")
        @Argument(help: "The file to import.") var file: String
        @Option(help: "csv or json (default: from the file's extension).") var format: String?
        @Option(help: "The day on which the unit codes are valid (yyyy-MM-dd; default: today).") var validOn: String?
        @Flag(help: "Mark the imported procedures as demo data.") var demo = false

        func run() async throws {
            let data = try Refusal.contents(of: file)
            let formatName = format ?? (file as NSString).pathExtension.lowercased()
            guard let fileFormat = ProcedureCatalogueFile.Format(rawValue: formatName) else {
                throw Refusal("Định dạng phải là csv hoặc json (--format).")
            }
            let configuration = CommandEnvironment.configuration()
            let day: LocalDate
            if let validOn {
                guard let parsed = LocalDate(iso: validOn) else { throw Refusal("Ngày không hợp lệ: \(validOn) (cần dạng yyyy-MM-dd).") }
                day = parsed
            } else {
                day = configuration.localClock.localDate(Date())
            }
            let bar = ProgressBar(label: "Nhập thủ tục")
            let summary: ProcedureImport.Summary
            do {
                summary = try await CommandEnvironment.withServices(configuration) { services, _ in
                    try await ProcedureImport.run(
                        data, format: fileFormat, isDemo: demo, actorID: nil, at: services.clock(), validOn: day,
                        on: services.database, progress: bar.update)
                }
            } catch let refusal as ProcedureCatalogueFile.Refusal {
                bar.finish()
                throw Refusal(
                    (["Tệp bị từ chối, không có thủ tục nào được nhập:"] + refusal.problems.map { "  " + $0.message }).joined(
                        separator: "\n"))
            }
            bar.finish()
            Output.line(
                "Đã nhập \(summary.total) thủ tục: \(summary.created) mới, \(summary.newVersions) phiên bản mới, \(summary.unchanged) không đổi."
            )
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export the current version of every procedure.")
        @Option(help: "csv or json.") var format = "json"
        @Option(help: "The file to write (default: standard output).") var output: String?

        func run() async throws {
            guard let fileFormat = ProcedureCatalogueFile.Format(rawValue: format) else {
                throw Refusal("Định dạng phải là csv hoặc json (--format).")
            }
            let procedures = try await CommandEnvironment.withServices(CommandEnvironment.configuration()) { services, _ in
                try await services.procedures.allCurrent()
            }
            let data = try ProcedureCatalogueFile.write(procedures, format: fileFormat)
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: data) else { throw Refusal("Không ghi được tệp \(output).") }
                FileHandle.standardError.write(Data("Đã xuất \(procedures.count) thủ tục vào \(output).\n".utf8))
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }
}

/// A progress bar on standard error when it is a terminal (nothing otherwise, so logs stay clean).
final class ProgressBar: Sendable {
    let label: String
    let isTerminal = isatty(STDERR_FILENO) == 1

    init(label: String) { self.label = label }

    var update: @Sendable (Int, Int) -> Void {
        { [label, isTerminal] done, total in
            guard isTerminal, total > 0 else { return }
            let width = 30
            let filled = done * width / total
            let line =
                "\r\(label) [\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] \(done)/\(total)"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
