import Domain
import Foundation
import SQLKit

/// The working group's directives and announcements in the database: recorded with their file, published to
/// the public news page, searched without diacritics and by date, rated by readers (1–5 stars, one rating per
/// reader — a reader is a signed-in account or a browser's random reader key, stored hashed).
public struct ReformDirectives: Sendable {
    let database: Database
    let files: FileStore?

    public init(_ database: Database, files: FileStore? = nil) {
        self.database = database
        self.files = files
    }

    public enum Problem: Error, Equatable {
        case notFound
        case badStars
        case alreadyRated
        case noFileStore

        public var message: String {
            switch self {
            case .notFound: "Không tìm thấy văn bản, tin bài."
            case .badStars: "Vui lòng chọn từ 1 đến 5 sao."
            case .alreadyRated: "Ông/bà đã đánh giá tin này; mỗi người đọc đánh giá một lần."
            case .noFileStore: "Máy chủ chưa có nơi lưu tệp."
            }
        }
    }

    /// A search of the published items: words without regard to diacritics or case, a day, or a period.
    public struct Search: Sendable, Equatable {
        public var words: String
        public var on: LocalDate?
        public var from: LocalDate?
        public var through: LocalDate?

        public init(words: String = "", on: LocalDate? = nil, from: LocalDate? = nil, through: LocalDate? = nil) {
            self.words = words
            self.on = on
            self.from = from
            self.through = through
        }
    }

    @discardableResult
    public func create(_ draft: ReformDirective, file: (data: Data, name: String)? = nil, by userID: Int64?, at time: Date) async throws
        -> Int64
    {
        let directive = try draft.validated()
        var stored: ReformDirective.File?
        if let file {
            guard let files else { throw Problem.noFileStore }
            let admitted = try await files.admit(file.data, name: file.name)
            stored = ReformDirective.File(sha256: admitted.sha256, fileType: admitted.type, originalName: admitted.name)
        }
        return try await database.transaction { [stored] session in
            let row = try await session.insert(into: "reform_directives")
                .columns(
                    "kind", "number", "issued_on", "issuer", "signer", "title", "summary", "search_text", "sha256", "file_type",
                    "original_name",
                    "published_at", "is_demo", "created_by", "created_at"
                )
                .values(
                    SQLBind(directive.kind.rawValue), SQLBind(directive.number), SQLBind(directive.issuedOn.iso), SQLBind(directive.issuer),
                    SQLBind(directive.signer), SQLBind(directive.title), SQLBind(directive.summary), SQLBind(directive.searchText),
                    SQLBind(stored?.sha256), SQLBind(stored?.fileType.rawValue), SQLBind(stored?.originalName),
                    SQLBind(directive.publishedAt?.milliseconds), SQLBind(directive.isDemo), SQLBind(userID), SQLBind(time.milliseconds)
                )
                .returning("id").first()
            guard let id = try row?.decode(column: "id", as: Int64.self) else {
                throw PersistenceError.corrupt("directive insert returned no id")
            }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: userID, action: "reform.directive", objectType: "reformDirective", objectID: String(id),
                    reason: directive.number), at: time, on: session)
            return id
        }
    }

    /// Publishes an item on the public news page (or withdraws it).
    public func setPublished(_ id: Int64, _ published: Bool, by userID: Int64?, at time: Date) async throws {
        guard try await find(id: id) != nil else { throw Problem.notFound }
        try await database.transaction { session in
            try await session.update("reform_directives").set(
                "published_at", to: published ? SQLBind(time.milliseconds) : SQLBind(Int64?.none)
            )
            .where("id", .equal, id).run()
            try await AuditTrail.append(
                AuditRecord(
                    actorID: userID, action: published ? "reform.publish" : "reform.withdraw", objectType: "reformDirective",
                    objectID: String(id)), at: time, on: session)
        }
    }

    public func find(id: Int64) async throws -> ReformDirective? {
        try await database.sql.select().column("*").from("reform_directives").where("id", .equal, id).first().map(Self.decode)
    }

    /// Every directive (the working group's register), newest first.
    public func all() async throws -> [ReformDirective] {
        try await database.sql.select().column("*").from("reform_directives").orderBy("issued_on", .descending).orderBy("id", .descending)
            .all()
            .map(Self.decode)
    }

    /// The published items matching a search, newest first.
    public func published(_ search: Search = Search(), limit: Int = 200) async throws -> [ReformDirective] {
        let query = database.sql.select().column("*").from("reform_directives").where("published_at", .isNot, SQLLiteral.null)
        for word in VietnameseText.folded(search.words).split(whereSeparator: \.isWhitespace).prefix(8) {
            query.where("search_text", .like, SQLBind("%\(escapeLike(String(word)))%"))
        }
        if let on = search.on { query.where("issued_on", .equal, on.iso) }
        if let from = search.from { query.where("issued_on", .greaterThanOrEqual, from.iso) }
        if let through = search.through { query.where("issued_on", .lessThanOrEqual, through.iso) }
        return try await query.orderBy("issued_on", .descending).orderBy("id", .descending).limit(limit).all().map(Self.decode)
    }

    public func file(of directive: ReformDirective) throws -> Data {
        guard let files, let file = directive.file else { throw Problem.noFileStore }
        return try files.read(file.sha256)
    }

    // MARK: Readers' ratings

    /// A reader's rating of a published item: 1–5 stars, once.
    public func rate(_ id: Int64, reader: String, stars: Int, at time: Date) async throws {
        guard (1...5).contains(stars) else { throw Problem.badStars }
        guard let directive = try await find(id: id), directive.publishedAt != nil else { throw Problem.notFound }
        let key = sha256Hex(reader)
        let inserted = try await database.sql.insert(into: "reform_directive_ratings").columns("directive_id", "reader", "stars", "at")
            .values(SQLBind(id), SQLBind(key), SQLBind(stars), SQLBind(time.milliseconds))
            .ignoringConflicts(with: ["directive_id", "reader"])
            .returning("directive_id").first()
        guard inserted != nil else { throw Problem.alreadyRated }
    }

    /// Whether a reader has rated an item already.
    public func hasRated(_ id: Int64, reader: String) async throws -> Bool {
        try await database.sql.select().column("stars").from("reform_directive_ratings").where("directive_id", .equal, id)
            .where("reader", .equal, sha256Hex(reader)).first() != nil
    }

    /// The average stars and the number of ratings of items.
    public func ratings(of ids: [Int64]) async throws -> [Int64: (average: Double, count: Int)] {
        guard !ids.isEmpty else { return [:] }
        var sums: [Int64: (sum: Int, count: Int)] = [:]
        for row in try await database.sql.select().column("directive_id").column("stars").from("reform_directive_ratings").where(
            "directive_id", .in, ids
        ).all() {
            let id = try row.decode(column: "directive_id", as: Int64.self)
            sums[id, default: (0, 0)].sum += try row.decode(column: "stars", as: Int.self)
            sums[id]!.count += 1
        }
        return sums.mapValues { (Double($0.sum) / Double($0.count), $0.count) }
    }

    static func decode(_ row: any SQLRow) throws -> ReformDirective {
        guard let issued = LocalDate(iso: try row.decode(column: "issued_on", as: String.self)) else {
            throw PersistenceError.corrupt("directive date")
        }
        var file: ReformDirective.File?
        if let hash = try row.decode(column: "sha256", as: String?.self) {
            file = ReformDirective.File(
                sha256: hash, fileType: try decodeEnum(row, "file_type", as: FileType.self),
                originalName: try row.decode(column: "original_name", as: String.self))
        }
        return ReformDirective(
            id: try row.decode(column: "id", as: Int64.self), kind: try decodeEnum(row, "kind", as: ReformDirective.Kind.self),
            number: try row.decode(column: "number", as: String.self), issuedOn: issued,
            issuer: try row.decode(column: "issuer", as: String.self), signer: try row.decode(column: "signer", as: String.self),
            title: try row.decode(column: "title", as: String.self), summary: try row.decode(column: "summary", as: String.self),
            file: file, publishedAt: try row.decode(column: "published_at", as: Int64?.self).map(Date.init(milliseconds:)),
            isDemo: try row.decode(column: "is_demo", as: Bool.self))
    }
}
