import Foundation

/// Turns a printed form into PDF with a headless Chromium when one is installed (`MOTCUA_PDF_BROWSER`, else
/// `chromium`, `chromium-browser` or `google-chrome` on the PATH); without one, forms print from the browser
/// and no PDF link is shown. The form is written with its stylesheet inlined to a private temporary folder,
/// printed by the browser with the print CSS, checked to be a PDF, and the folder removed.
package struct PDFRenderer: Sendable {
    package let browser: String

    package enum Failure: Error {
        case browserFailed(String)
        case notAPDF, timedOut
    }

    /// The renderer of this machine, or nil when no browser is found.
    package static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> PDFRenderer? {
        if let configured = environment["MOTCUA_PDF_BROWSER"], !configured.isEmpty {
            return FileManager.default.isExecutableFile(atPath: configured) ? PDFRenderer(browser: configured) : nil
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return PDFRenderer(browser: folder + "/" + name)
            }
        }
        return nil
    }

    package func pdf(html: String, timeout: Duration = .seconds(60)) async throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("form.html"), output = folder.appendingPathComponent("form.pdf")
        try Data(html.utf8).write(to: page)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer",
            "--user-data-dir=" + folder.appendingPathComponent("profile").path, "--print-to-pdf=" + output.path, page.absoluteString,
        ]
        process.environment = ["HOME": folder.path, "PATH": "/usr/bin:/bin"]
        process.standardOutput = FileHandle.nullDevice
        // The browser's messages go to a file: a pipe nobody reads could fill and stall it.
        let log = folder.appendingPathComponent("browser.log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw Failure.browserFailed("cannot write \(log.path)")
        }
        process.standardError = try FileHandle(forWritingTo: log)
        let status: Int32 = try await withThrowingTaskGroup(of: Int32?.self) { group in
            group.addTask {
                try await withCheckedThrowingContinuation { continuation in
                    process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                    do { try process.run() } catch { continuation.resume(throwing: error) }
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let status = first else {
                process.terminate()
                throw Failure.timedOut
            }
            return status
        }
        let data = (try? Data(contentsOf: output)) ?? Data()
        guard status == 0 || !data.isEmpty else {
            throw Failure.browserFailed(String(decoding: ((try? Data(contentsOf: log)) ?? Data()).prefix(2000), as: UTF8.self))
        }
        guard data.starts(with: Data("%PDF-".utf8)) else { throw Failure.notAPDF }
        return data
    }
}
