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

    func report(_ id: Int64, done: Int, total: Int) { progress.withLock { $0[id] = (done, total) } }

    func forget(_ id: Int64) { _ = progress.withLock { $0.removeValue(forKey: id) } }

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
    func importCatalogue(_ data: Data, format: ProcedureCatalogueFile.Format, by userID: Int64, services: AppServices, logger: Logger) async throws -> Int64 {
        let id = try await JobStore(services.database.sql).create(.catalogueImport, by: userID, at: services.clock())
        report(id, done: 0, total: 0)
        background(id, services: services) { [self] in
            let jobs = JobStore(services.database.sql)
            do {
                let summary = try await ProcedureImport.run(
                    data, format: format, actorID: userID, at: services.clock(), validOn: services.today(), on: services.database,
                    progress: { [self] done, total in report(id, done: done, total: total) })
                try await jobs.finish(id, status: .succeeded,
                                      message: "Đã nhập \(summary.total) thủ tục: \(summary.created) mới, \(summary.newVersions) phiên bản mới, \(summary.unchanged) không đổi.",
                                      at: services.clock())
            } catch let refusal as ProcedureCatalogueFile.Refusal {
                try? await jobs.finish(id, status: .failed,
                                       message: (["Tệp bị từ chối, không có thủ tục nào được nhập:"] + refusal.problems.map(\.message)).joined(separator: "\n"),
                                       at: services.clock())
            } catch {
                logger.error("catalogue import failed", metadata: ["job.id": "\(id)", "error": "\(String(reflecting: error))"])
                try? await jobs.finish(id, status: .failed, message: "Hệ thống gặp sự cố khi nhập tệp.", at: services.clock())
            }
        }
        return id
    }

    /// Starts an export of the catalogue to a file kept under the data folder.
    func exportCatalogue(format: ProcedureCatalogueFile.Format, by userID: Int64, services: AppServices, logger: Logger) async throws -> Int64 {
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
                try await jobs.finish(id, status: .succeeded, message: "Đã xuất \(procedures.count) thủ tục.", resultSHA256: hash,
                                      resultName: "danh-muc-thu-tuc.\(format.rawValue)", at: services.clock())
            } catch {
                logger.error("catalogue export failed", metadata: ["job.id": "\(id)", "error": "\(String(reflecting: error))"])
                try? await jobs.finish(id, status: .failed, message: "Hệ thống gặp sự cố khi xuất tệp.", at: services.clock())
            }
        }
        return id
    }
}
