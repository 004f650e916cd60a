import Domain
import Foundation
import SQLKit

/// A file attached to a dossier.
public struct Attachment: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var dossierID: Int64
    public var sha256: String
    public var size: Int
    public var fileType: FileType
    public var originalName: String
    public var description: String
    public var purpose: AttachmentPurpose
    public var uploadedBy: Int64?
    public var uploadedAt: Date
}

/// Attaching files to dossiers: the content is checked (type by its bytes, size), stored and synced by
/// ``FileStore`` first, then recorded with an audit row in one transaction.
public struct DossierAttachments: Sendable {
    let database: Database
    let files: FileStore
    /// The counters' calculator: a result file marks the dossier's electronic result, which the service
    /// index counts (nil: no result files can be attached).
    let calculator: DossierDesk.Calculator?

    public init(database: Database, files: FileStore, calculator: DossierDesk.Calculator? = nil) {
        self.database = database
        self.files = files
        self.calculator = calculator
    }

    /// Why a file was not attached.
    public enum Problem: Error, Equatable {
        /// An electronic result is attached only while the unit handles the dossier or once the result is ready.
        case resultNotNow(DossierStatus)

        public var message: String {
            switch self {
            case .resultNotNow(let status): "Không thể đính kèm kết quả điện tử khi hồ sơ đang ở trạng thái “\(status.title)”."
            }
        }
    }

    public func attach(
        _ data: Data, name: String, description: String, purpose: AttachmentPurpose = .application, to dossier: Dossier,
        by userID: Int64, at time: Date
    ) async throws -> Attachment {
        if purpose == .result, !ElectronicResult.canAttach(in: dossier.state.status) { throw Problem.resultNotNow(dossier.state.status) }
        let file = try await files.admit(data, name: name)
        let (cleanName, type, hash) = (file.name, file.type, file.sha256)
        return try await database.transaction { session in
            if purpose == .result {
                guard let calculator else { throw PersistenceError.corrupt("result files need the counters' calculator") }
                // The status read inside the transaction: an action taken since the page was read counts.
                let row = try await session.select().column("status").from("dossiers").where("id", .equal, dossier.id).first()
                let status = try row.map { try decodeEnum($0, "status", as: DossierStatus.self) } ?? dossier.state.status
                if !ElectronicResult.canAttach(in: status) { throw Problem.resultNotNow(status) }
                _ = try await DossierDesk.changeService(of: dossier.id, seenLockVersion: nil, calculator: calculator, at: time, on: session)
                {
                    $0.electronicResult = true
                } audit: { changed in
                    AuditRecord(
                        actorID: userID, unitID: changed.processingUnitID, action: "dossier.recordServiceFacts", objectType: "dossier",
                        objectID: changed.code.text, reason: "kết quả điện tử")
                }
            }
            let row = try await session.insert(into: "dossier_attachments")
                .columns(
                    "dossier_id", "sha256", "size", "file_type", "original_name", "description", "purpose", "uploaded_by", "uploaded_at"
                )
                .values(
                    SQLBind(dossier.id), SQLBind(hash), SQLBind(Int64(data.count)), SQLBind(type.rawValue), SQLBind(cleanName),
                    SQLBind(VietnameseText.normalized(description)), SQLBind(purpose.rawValue), SQLBind(userID), SQLBind(time.milliseconds)
                )
                .returning("id").first()
            guard let id = try row?.decode(column: "id", as: Int64.self) else {
                throw PersistenceError.corrupt("attachment insert returned no id")
            }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: userID, unitID: dossier.processingUnitID,
                    action: purpose == .result ? "dossier.attachResult" : "dossier.attach",
                    objectType: "dossier", objectID: dossier.code.text,
                    reason: "tệp \(type.rawValue), \(data.count) byte, SHA-256 \(hash.prefix(16))…"),
                at: time, on: session)
            return Attachment(
                id: id, dossierID: dossier.id, sha256: hash, size: data.count, fileType: type, originalName: cleanName,
                description: VietnameseText.normalized(description), purpose: purpose, uploadedBy: userID, uploadedAt: time)
        }
    }

    public func list(of dossierID: Int64) async throws -> [Attachment] {
        try await database.sql.select().column("*").from("dossier_attachments").where("dossier_id", .equal, dossierID).orderBy("id")
            .all().map(Self.decode)
    }

    public func find(id: Int64, of dossierID: Int64) async throws -> Attachment? {
        try await database.sql.select().column("*").from("dossier_attachments").where("id", .equal, id).where(
            "dossier_id", .equal, dossierID
        )
        .first().map(Self.decode)
    }

    /// The electronic result's files, for the applicant once the result is ready (nothing before).
    public func releasedResult(of dossier: Dossier) async throws -> [Attachment] {
        guard ElectronicResult.isReleased(in: dossier.state.status) else { return [] }
        return try await list(of: dossier.id).filter { $0.purpose == .result }
    }

    public func content(of attachment: Attachment) throws -> Data { try files.read(attachment.sha256) }

    /// A file name without folders or control characters, at most 120 characters.

    static func decode(_ row: any SQLRow) throws -> Attachment {
        Attachment(
            id: try row.decode(column: "id", as: Int64.self), dossierID: try row.decode(column: "dossier_id", as: Int64.self),
            sha256: try row.decode(column: "sha256", as: String.self), size: try row.decode(column: "size", as: Int.self),
            fileType: try decodeEnum(row, "file_type", as: FileType.self),
            originalName: try row.decode(column: "original_name", as: String.self),
            description: try row.decode(column: "description", as: String.self),
            purpose: try decodeEnum(row, "purpose", as: AttachmentPurpose.self),
            uploadedBy: try row.decode(column: "uploaded_by", as: Int64?.self),
            uploadedAt: Date(milliseconds: try row.decode(column: "uploaded_at", as: Int64.self)))
    }
}
