import Domain
import Foundation
import SQLKit

/// A citizen's online filing before it is submitted: the procedure, where it is filed, the files uploaded for each
/// document of the procedure's list (content checked and stored by ``FileStore`` first), the declaration filled in
/// online, the contact details and how the result is to be received.
public struct OnlineDraft: Sendable, Equatable, Identifiable {
    public struct File: Sendable, Equatable, Identifiable {
        public var id: Int64
        public var document: String
        public var sha256: String
        public var size: Int
        public var fileType: FileType
        public var originalName: String
        public var uploadedAt: Date
    }

    public var id: Int64
    public var userID: Int64
    public var procedureCode: String
    public var receivingUnitID: Int64?
    public var files: [File]
    public var updatedAt: Date
    public var declaration: Declaration?
    public var phone: String?
    public var email: String?
    public var delivery: ResultDelivery?
    public var deliveryAddress: String?

    /// The filing's details as the review step saved them.
    public struct Details: Sendable, Equatable {
        public var receivingUnitID: Int64
        public var phone: String
        public var email: String
        public var delivery: ResultDelivery
        public var deliveryAddress: String?

        public init(receivingUnitID: Int64, phone: String, email: String, delivery: ResultDelivery, deliveryAddress: String?) {
            self.receivingUnitID = receivingUnitID
            self.phone = phone
            self.email = email
            self.delivery = delivery
            self.deliveryAddress = deliveryAddress
        }
    }

    /// The details, once the applicant has given them all.
    public var details: Details? {
        guard let receivingUnitID, let delivery else { return nil }
        return Details(
            receivingUnitID: receivingUnitID, phone: phone ?? "", email: email ?? "", delivery: delivery, deliveryAddress: deliveryAddress)
    }
}

/// Where drafts are kept. Every read and change is for the draft's owner only.
public struct OnlineDrafts: Sendable {
    let database: Database
    let files: FileStore

    public init(database: Database, files: FileStore) {
        self.database = database
        self.files = files
    }

    /// At most this many files in one draft.
    public static let largestFileCount = 30

    public enum Problem: Error, Equatable {
        case tooManyFiles
        case unknownDocument

        public var message: String {
            switch self {
            case .tooManyFiles: "Mỗi hồ sơ trực tuyến có tối đa \(OnlineDrafts.largestFileCount) tệp."
            case .unknownDocument: "Giấy tờ đã chọn không có trong thành phần hồ sơ của thủ tục."
            }
        }
    }

    public func create(for userID: Int64, procedureCode: String, receivingUnitID: Int64?, at time: Date) async throws -> Int64 {
        let row = try await database.sql.insert(into: "online_drafts").columns(
            "user_id", "procedure_code", "receiving_unit_id", "created_at", "updated_at"
        )
        .values(SQLBind(userID), SQLBind(procedureCode), SQLBind(receivingUnitID), SQLBind(time.milliseconds), SQLBind(time.milliseconds))
        .returning("id").first()
        guard let id = try row?.decode(column: "id", as: Int64.self) else { throw PersistenceError.corrupt("draft insert returned no id") }
        return id
    }

    /// A draft of its owner, with its files; nil for anyone else's.
    public func draft(_ id: Int64, of userID: Int64) async throws -> OnlineDraft? {
        guard
            let row = try await database.sql.select().column("*").from("online_drafts").where("id", .equal, id).where(
                "user_id", .equal, userID
            ).first()
        else { return nil }
        let files = try await database.sql.select().column("*").from("draft_files").where("draft_id", .equal, id).orderBy("id").all().map {
            file in
            OnlineDraft.File(
                id: try file.decode(column: "id", as: Int64.self), document: try file.decode(column: "document", as: String.self),
                sha256: try file.decode(column: "sha256", as: String.self), size: try file.decode(column: "size", as: Int.self),
                fileType: try decodeEnum(file, "file_type", as: FileType.self),
                originalName: try file.decode(column: "original_name", as: String.self),
                uploadedAt: Date(milliseconds: try file.decode(column: "uploaded_at", as: Int64.self)))
        }
        return OnlineDraft(
            id: id, userID: userID, procedureCode: try row.decode(column: "procedure_code", as: String.self),
            receivingUnitID: try row.decode(column: "receiving_unit_id", as: Int64?.self), files: files,
            updatedAt: Date(milliseconds: try row.decode(column: "updated_at", as: Int64.self)),
            declaration: try row.decode(column: "declaration", as: String?.self).flatMap(Declaration.init(encoded:)),
            phone: try row.decode(column: "phone", as: String?.self), email: try row.decode(column: "email", as: String?.self),
            delivery: try row.decode(column: "delivery", as: String?.self).flatMap(ResultDelivery.init(rawValue:)),
            deliveryAddress: try row.decode(column: "delivery_address", as: String?.self))
    }

    /// A citizen's drafts, newest first.
    public func drafts(of userID: Int64) async throws -> [OnlineDraft] {
        var result: [OnlineDraft] = []
        for row in try await database.sql.select().column("id").from("online_drafts").where("user_id", .equal, userID).orderBy(
            "updated_at", .descending
        ).all() {
            if let draft = try await draft(try row.decode(column: "id", as: Int64.self), of: userID) { result.append(draft) }
        }
        return result
    }

    /// Keeps where the dossier is filed, the contact details and how the result is received (checked by the caller).
    public func save(_ details: OnlineDraft.Details, of draft: OnlineDraft, at time: Date) async throws {
        try await database.sql.update("online_drafts").set("receiving_unit_id", to: SQLBind(details.receivingUnitID))
            .set("phone", to: SQLBind(details.phone)).set("email", to: SQLBind(details.email)).set(
                "delivery", to: SQLBind(details.delivery.rawValue)
            )
            .set("delivery_address", to: SQLBind(details.deliveryAddress)).set("updated_at", to: time.milliseconds)
            .where("id", .equal, draft.id).where("user_id", .equal, draft.userID).run()
    }

    /// Keeps the declaration filled in online (checked against the procedure's form by the caller).
    public func save(_ declaration: Declaration, of draft: OnlineDraft, at time: Date) async throws {
        try await database.sql.update("online_drafts").set("declaration", to: SQLBind(declaration.encoded)).set(
            "updated_at", to: time.milliseconds
        )
        .where("id", .equal, draft.id).where("user_id", .equal, draft.userID).run()
    }

    /// Adds a file for one document of the procedure's list: checked and stored (``FileStore/admit(_:name:)``),
    /// then recorded.
    public func add(_ data: Data, name: String, for document: String, to draft: OnlineDraft, documents: [String], at time: Date)
        async throws
    {
        guard documents.contains(document) else { throw Problem.unknownDocument }
        guard draft.files.count < Self.largestFileCount else { throw Problem.tooManyFiles }
        let file = try await files.admit(data, name: name)
        let (cleanName, type, hash) = (file.name, file.type, file.sha256)
        try await database.transaction { session in
            try await session.insert(into: "draft_files").columns(
                "draft_id", "document", "sha256", "size", "file_type", "original_name", "uploaded_at"
            )
            .values(
                SQLBind(draft.id), SQLBind(document), SQLBind(hash), SQLBind(Int64(data.count)), SQLBind(type.rawValue), SQLBind(cleanName),
                SQLBind(time.milliseconds)
            ).run()
            try await session.update("online_drafts").set("updated_at", to: time.milliseconds).where("id", .equal, draft.id).run()
        }
    }

    public func remove(fileID: Int64, from draft: OnlineDraft) async throws {
        guard draft.files.contains(where: { $0.id == fileID }) else { return }
        try await database.sql.delete(from: "draft_files").where("id", .equal, fileID).where("draft_id", .equal, draft.id).run()
    }

    public func delete(_ draft: OnlineDraft) async throws {
        try await database.transaction { session in
            try await session.delete(from: "draft_files").where("draft_id", .equal, draft.id).run()
            try await session.delete(from: "online_drafts").where("id", .equal, draft.id).where("user_id", .equal, draft.userID).run()
        }
    }

    public func content(of file: OnlineDraft.File) throws -> Data { try files.read(file.sha256) }
}
