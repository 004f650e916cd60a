import Domain
import Foundation
import Logging
import Persistence
import Synchronization

/// Runs long tasks in the background of this instance and keeps their progress in memory for the job page
/// (the outcome is stored in the `jobs` table; the progress of a running job is known to the instance that
/// runs it, which renews the job's lease while it works).
public final class JobRunner: Sendable {
    private let progress = Mutex<[Int64: (done: Int, total: Int)]>([:])

    public init() {}

    public func progress(of id: Int64) -> (done: Int, total: Int)? { progress.withLock { $0[id] } }

    package func report(_ id: Int64, done: Int, total: Int) { progress.withLock { $0[id] = (done, total) } }

    package func forget(_ id: Int64) { _ = progress.withLock { $0.removeValue(forKey: id) } }

    /// Runs a job's work in the background, renewing its lease while it runs so that no other instance takes it
    /// for dead.
    private func background(_ id: Int64, services: AppServices, _ work: @escaping @Sendable () async -> Void) {
        Task {
            let heartbeat = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(JobStore.lease / 4))
                    if Task.isCancelled { break }
                    try? await JobStore(services.database.sql).renew(id, at: services.clock())
                }
            }
            await work()
            heartbeat.cancel()
            forget(id)
        }
    }

    /// Starts a catalogue import of a stored upload; returns the job's id at once.
    package func importCatalogue(
        _ data: Data, format: ProcedureCatalogueFile.Format, by userID: Int64, services: AppServices, logger: Logger
    )
        async throws -> Int64
    {
        let id = try await JobStore(services.database.sql).create(.catalogueImport, by: userID, at: services.clock())
        report(id, done: 0, total: 0)
        background(id, services: services) { [self] in
            let jobs = JobStore(services.database.sql)
            do {
                let summary = try await ProcedureImport.run(
                    data, format: format, actorID: userID, at: services.clock(), validOn: services.today(), on: services.database,
                    progress: { [self] done, total in report(id, done: done, total: total) })
                try await jobs.finish(
                    id, status: .succeeded,
                    message:
                        "Đã nhập \(summary.total) thủ tục: \(summary.created) mới, \(summary.newVersions) phiên bản mới, \(summary.unchanged) không đổi.",
                    at: services.clock())
            } catch let refusal as ProcedureCatalogueFile.Refusal {
                try? await jobs.finish(
                    id, status: .failed,
                    message: (["Tệp bị từ chối, không có thủ tục nào được nhập:"] + refusal.problems.map(\.message)).joined(
                        separator: "\n"),
                    at: services.clock())
            } catch {
                logger.error("catalogue import failed", metadata: ["job.id": "\(id)", "error": "\(String(reflecting: error))"])
                try? await jobs.finish(id, status: .failed, message: "Hệ thống gặp sự cố khi nhập tệp.", at: services.clock())
            }
        }
        return id
    }

    /// Starts a backup of the whole product (every table in one snapshot, the stored files) into a new folder under the
    /// configured backup folder — what `motcua backup --to` does, from the operations page.
    package func backup(by userID: Int64, services: AppServices, logger: Logger) async throws -> Int64 {
        let id = try await JobStore(services.database.sql).create(.backup, by: userID, at: services.clock())
        report(id, done: 0, total: 1)
        let started = services.clock()
        let folder = (services.configuration.backupDirectory as NSString).appendingPathComponent("motcua-" + Self.stamp(started) + "-\(id)")
        background(id, services: services) { [self] in
            let jobs = JobStore(services.database.sql)
            do {
                try FileManager.default.createDirectory(atPath: services.configuration.backupDirectory, withIntermediateDirectories: true)
                let manifest = try await Backup(database: services.database, dataDirectory: services.configuration.dataDirectory).write(
                    to: folder, at: started)
                report(id, done: 1, total: 1)
                let rows = manifest.tables.values.map(\.rows).reduce(0, +)
                let seconds = String(format: "%.1f", services.clock().timeIntervalSince(started)).replacingOccurrences(of: ".", with: ",")
                try await jobs.finish(
                    id, status: .succeeded,
                    message:
                        "Đã sao lưu \(manifest.tables.count) bảng (\(rows) dòng) và \(manifest.files) tệp vào thư mục \(folder) trong \(seconds) giây.",
                    at: services.clock())
            } catch {
                logger.error(
                    "backup failed", metadata: ["job.id": "\(id)", "folder": "\(folder)", "error": "\(String(reflecting: error))"])
                try? await jobs.finish(
                    id, status: .failed,
                    message: "Không sao lưu được vào thư mục \(folder): \(Self.reason(error)) Dữ liệu đang dùng không bị ảnh hưởng.",
                    at: services.clock())
            }
        }
        return id
    }

    /// "20261207-1405": the folder name's time, in UTC so that it never repeats across a clock change.
    package static func stamp(_ time: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: time)
        return String(format: "%04d%02d%02d-%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// Why a backup failed, in Vietnamese: the disk is the usual cause.
    package static func reason(_ error: any Error) -> String {
        let text = String(describing: error).lowercased()
        if text.contains("no space") || text.contains("nospace") || text.contains("enospc") { return "ổ đĩa hết chỗ." }
        if text.contains("permission") || text.contains("eacces") { return "máy chủ không có quyền ghi vào thư mục này." }
        return "lỗi khi ghi (chi tiết trong nhật ký máy chủ)."
    }

    /// Starts an export of the catalogue to a file kept under the data folder.
    package func exportCatalogue(format: ProcedureCatalogueFile.Format, by userID: Int64, services: AppServices, logger: Logger)
        async throws
        -> Int64
    {
        let id = try await JobStore(services.database.sql).create(.catalogueExport, by: userID, at: services.clock())
        report(id, done: 0, total: 1)
        background(id, services: services) { [self] in
            let jobs = JobStore(services.database.sql)
            do {
                let procedures = try await services.procedures.allCurrent()
                report(id, done: 0, total: procedures.count)
                let data = try ProcedureCatalogueFile.write(procedures, format: format)
                let hash = try services.files.store(data)
                report(id, done: procedures.count, total: procedures.count)
                try await jobs.finish(
                    id, status: .succeeded, message: "Đã xuất \(procedures.count) thủ tục.", resultSHA256: hash,
                    resultName: "danh-muc-thu-tuc.\(format.rawValue)", at: services.clock())
            } catch {
                logger.error("catalogue export failed", metadata: ["job.id": "\(id)", "error": "\(String(reflecting: error))"])
                try? await jobs.finish(id, status: .failed, message: "Hệ thống gặp sự cố khi xuất tệp.", at: services.clock())
            }
        }
        return id
    }
}
