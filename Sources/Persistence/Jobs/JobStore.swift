import Foundation
import SQLKit

/// A long task started from the web.
public struct Job: Sendable, Equatable, Identifiable {
    public enum Kind: String, Sendable, Codable {
        case catalogueImport, catalogueExport, backup

        public var title: String {
            switch self {
            case .catalogueImport: "Nhập danh mục thủ tục"
            case .catalogueExport: "Xuất danh mục thủ tục"
            case .backup: "Sao lưu dữ liệu"
            }
        }
    }

    public enum Status: String, Sendable, Codable {
        case running, succeeded, failed

        public var title: String {
            switch self {
            case .running: "Đang thực hiện"
            case .succeeded: "Hoàn thành"
            case .failed: "Không thành công"
            }
        }
    }

    public var id: Int64
    public var kind: Kind
    public var status: Status
    /// The outcome in words (a summary, or the reasons of a refusal, one per line).
    public var message: String
    public var resultSHA256: String?
    public var resultName: String?
    public var createdBy: Int64?
    public var createdAt: Date
    public var finishedAt: Date?
}

public struct JobStore: Sendable {
    let database: any SQLDatabase

    public init(_ database: any SQLDatabase) { self.database = database }

    /// How long a running job's lease lasts; the instance running it renews it well before (`JobRunner`).
    public static let lease: TimeInterval = 120

    public func create(_ kind: Job.Kind, by userID: Int64?, at time: Date) async throws -> Int64 {
        let row = try await database.insert(into: "jobs").columns("kind", "status", "message", "created_by", "created_at", "lease_until")
            .values(
                SQLBind(kind.rawValue), SQLBind(Job.Status.running.rawValue), SQLBind(""), SQLBind(userID), SQLBind(time.milliseconds),
                SQLBind(time.addingTimeInterval(Self.lease).milliseconds)
            )
            .returning("id").first()
        guard let id = try row?.decode(column: "id", as: Int64.self) else {
            throw PersistenceError.corrupt("insert into jobs returned no id")
        }
        return id
    }

    public func finish(
        _ id: Int64, status: Job.Status, message: String, resultSHA256: String? = nil, resultName: String? = nil, at time: Date
    ) async throws {
        try await database.update("jobs").set("status", to: status.rawValue).set("message", to: message)
            .set("result_sha256", to: SQLBind(resultSHA256)).set("result_name", to: SQLBind(resultName))
            .set("finished_at", to: time.milliseconds).where("id", .equal, id).run()
    }

    /// Extends a running job's lease (its instance is alive and working on it).
    public func renew(_ id: Int64, at time: Date) async throws {
        try await database.update("jobs").set("lease_until", to: time.addingTimeInterval(Self.lease).milliseconds)
            .where("id", .equal, id).where("status", .equal, Job.Status.running.rawValue).run()
    }

    /// Ends the running jobs whose lease ran out — their instance stopped or crashed and their work died with
    /// it; returns how many. Jobs of live instances (renewed leases) are left alone, so any instance may call
    /// it at start and from its housekeeping.
    @discardableResult
    public func failInterrupted(at time: Date) async throws -> Int {
        let rows = try await database.update("jobs").set("status", to: Job.Status.failed.rawValue)
            .set("message", to: "Bị gián đoạn do máy chủ dừng; vui lòng thực hiện lại.").set("finished_at", to: time.milliseconds)
            .where("status", .equal, Job.Status.running.rawValue)
            .where { $0.where("lease_until", .is, SQLLiteral.null).orWhere("lease_until", .lessThan, time.milliseconds) }
            .returning("id").all()
        return rows.count
    }

    public func find(id: Int64) async throws -> Job? {
        try await database.select().column("*").from("jobs").where("id", .equal, id).first().map { row in
            Job(
                id: try row.decode(column: "id", as: Int64.self), kind: try decodeEnum(row, "kind", as: Job.Kind.self),
                status: try decodeEnum(row, "status", as: Job.Status.self), message: try row.decode(column: "message", as: String.self),
                resultSHA256: try row.decode(column: "result_sha256", as: String?.self),
                resultName: try row.decode(column: "result_name", as: String?.self),
                createdBy: try row.decode(column: "created_by", as: Int64?.self),
                createdAt: Date(milliseconds: try row.decode(column: "created_at", as: Int64.self)),
                finishedAt: try row.decode(column: "finished_at", as: Int64?.self).map(Date.init(milliseconds:)))
        }
    }
}
