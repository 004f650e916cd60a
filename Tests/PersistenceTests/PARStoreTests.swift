import Domain
import Foundation
import Persistence
import TestSupport
import Testing

/// A PAR round through the store: the framework frozen when the round opens, self-scores with evidence and
/// stale copies refused, submission with the platform's figures, the council's decisions with reasons, one
/// answer per request, approval only once everything is decided, publications frozen and versioned — and
/// every change kept with who, when and why.
@Suite struct PARStoreTests {
    static let framework = PARFramework(
        year: 2025, unitKind: .department,
        areas: [
            .init(
                code: "1", name: "Chỉ đạo", max: 10,
                criteria: [
                    .init(code: "1.1", name: "Kế hoạch", max: 4, method: .manual),
                    .init(code: "1.2", name: "Đúng hạn", max: 6, method: .computed(source: .onTimeRate, rule: .linear(from: 80, to: 100))),
                ])
        ])
    static let pdf = Data("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".utf8)

    @Test func aRoundFromSelfAssessmentToPublication() async throws {
        try await TestDatabase.with { database in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-par-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let store = PARStore(database: database, files: FileStore(dataDirectory: folder))
            let units = UnitStore(database.sql)
            let snv = try await units.insert(.init(code: "SNV", name: "Sở Nội vụ", kind: .department))
            let stc = try await units.insert(.init(code: "STC", name: "Sở Tài chính", kind: .department))
            let today = LocalDate(iso: "2026-01-05")!
            let frameworkID = try await store.load(Self.framework, by: nil, at: Date())
            #expect(try await store.load(Self.framework, by: nil, at: Date()) == frameworkID)  // not frozen yet: replaced in place
            await #expect(throws: PARStore.Problem.badDeadlines) {
                try await store.openRound(
                    frameworkID: frameworkID, units: [snv], selfDue: today, responseDue: today.adding(days: 5), today: today, by: nil,
                    at: Date())
            }
            let roundID = try await store.openRound(
                frameworkID: frameworkID, units: [snv, stc], selfDue: today.adding(days: 14),
                responseDue: today.adding(days: 30), today: today, by: 1, at: Date())
            await #expect(throws: PARStore.Problem.frozen) { try await store.load(Self.framework, by: nil, at: Date()) }
            await #expect(throws: PARStore.Problem.roundExists) {
                try await store.openRound(
                    frameworkID: frameworkID, units: [snv], selfDue: today.adding(days: 1), responseDue: today.adding(days: 2),
                    today: today, by: nil, at: Date())
            }
            // What each unit owes the round, as its head's home page lists it.
            let selfDue = today.adding(days: 14), responseDue = today.adding(days: 30)
            #expect(
                try await store.tasks(ofUnits: [snv, stc, 999]) == [
                    .init(roundID: roundID, unitID: min(snv, stc), kind: .selfAssessment, due: selfDue),
                    .init(roundID: roundID, unitID: max(snv, stc), kind: .selfAssessment, due: selfDue),
                ])
            #expect(try await store.tasks(ofUnits: []).isEmpty)

            // SNV self-assesses: a score above the maximum and a stale copy are refused; evidence under the attachment rules.
            var mine = try #require(try await store.assessment(round: roundID, unit: snv))
            #expect(mine.entries.map(\.criterion) == ["1.1", "1.2"])
            let plan = try #require(mine.entry("1.1"))
            await #expect(throws: PARStore.Problem.badScore(max: 4)) {
                try await store.selfAssess(entryID: plan.id, score: 4.5, explanation: "", seenVersion: 0, by: 7, at: Date())
            }
            try await store.selfAssess(entryID: plan.id, score: 4, explanation: "Kế hoạch số 12/KH-SNV", seenVersion: 0, by: 7, at: Date())
            await #expect(throws: PARStore.Problem.stale) {
                try await store.selfAssess(entryID: plan.id, score: 3, explanation: "", seenVersion: 0, by: 8, at: Date())
            }
            try await store.addEvidence(entryID: plan.id, data: Self.pdf, name: "ke-hoach.pdf", by: 7, at: Date())
            await #expect(throws: FileType.Problem.self) {
                try await store.addEvidence(entryID: plan.id, data: Data("MZ not a pdf".utf8), name: "ke-hoach.pdf", by: 7, at: Date())
            }
            mine = try #require(try await store.assessment(round: roundID, unit: snv))
            #expect(try await store.evidence(of: mine)[plan.id]?.map(\.originalName) == ["ke-hoach.pdf"])
            let onTime = try #require(mine.entry("1.2"))
            try await store.selfAssess(
                entryID: onTime.id, score: 6, explanation: "Giải quyết đúng hạn 100%", seenVersion: 0, by: 7, at: Date())
            try await store.submit(mine.id, computed: ["1.2": (value: 95, points: 4.5)], by: 7, at: Date())
            await #expect(throws: PARStore.Problem.alreadySubmitted) { try await store.submit(mine.id, computed: [:], by: 7, at: Date()) }
            await #expect(throws: PARStore.Problem.alreadySubmitted) {
                try await store.selfAssess(entryID: plan.id, score: 1, explanation: "", seenVersion: 1, by: 7, at: Date())
            }
            mine = try #require(try await store.assessment(round: roundID, unit: snv))
            #expect(mine.entry("1.2")?.computedPoints == 4.5 && mine.entry("1.2")?.differsFromPlatform == true)
            #expect(
                try await store.tasks(ofUnits: [snv, stc]) == [.init(roundID: roundID, unitID: stc, kind: .selfAssessment, due: selfDue)])

            // The council: only in appraisal; an adjustment needs a reason; a request for evidence is answered once.
            await #expect(throws: PARStore.Problem.notNow(.open)) {
                try await store.review(entryID: plan.id, .accepted, score: nil, reason: "", seenVersion: 1, by: 9, at: Date())
            }
            try await store.advance(roundID, to: .appraisal, by: 1, at: Date())
            await #expect(throws: PARStore.Problem.needsReason) {
                try await store.review(entryID: onTime.id, .adjusted, score: 4.5, reason: " ", seenVersion: 1, by: 9, at: Date())
            }
            try await store.review(
                entryID: onTime.id, .adjusted, score: 4.5, reason: "Theo số liệu MotCua: 95% đúng hạn", seenVersion: 1, by: 9, at: Date())
            try await store.review(
                entryID: plan.id, .moreEvidence, score: nil, reason: "Thiếu báo cáo kết quả thực hiện", seenVersion: 1, by: 9, at: Date())
            await #expect(throws: PARStore.Problem.notReviewed(1)) { try await store.advance(roundID, to: .approved, by: 2, at: Date()) }
            // Under appraisal STC owes nothing any more; SNV owes the evidence asked for, by the day for answers.
            #expect(
                try await store.tasks(ofUnits: [snv, stc]) == [
                    .init(roundID: roundID, unitID: snv, kind: .evidence(criteria: 1), due: responseDue)
                ])
            await #expect(throws: PARStore.Problem.pastDeadline(today.adding(days: 30))) {
                try await store.respond(
                    entryID: plan.id, text: "Đã bổ sung", seenVersion: 2, today: today.adding(days: 31), by: 7, at: Date())
            }
            try await store.addEvidence(entryID: plan.id, data: Self.pdf, name: "bao-cao.pdf", by: 7, at: Date())
            try await store.respond(
                entryID: plan.id, text: "Đã bổ sung báo cáo số 30/BC-SNV", seenVersion: 2, today: today.adding(days: 20), by: 7, at: Date())
            #expect(try await store.tasks(ofUnits: [snv, stc]).isEmpty)
            await #expect(throws: PARStore.Problem.alreadyAnswered) {
                try await store.respond(entryID: plan.id, text: "Lần nữa", seenVersion: 3, today: today.adding(days: 20), by: 7, at: Date())
            }
            await #expect(throws: PARStore.Problem.alreadyAnswered) {
                try await store.review(entryID: plan.id, .moreEvidence, score: nil, reason: "Lại thiếu", seenVersion: 3, by: 9, at: Date())
            }
            try await store.review(entryID: plan.id, .accepted, score: nil, reason: "", seenVersion: 3, by: 9, at: Date())
            try await store.advance(roundID, to: .approved, by: 2, at: Date())

            // STC never submitted: left out of the results. SNV: 4 + 4.5.
            let finals = try await store.finalScores(of: roundID)
            #expect(finals == [snv: ["1.1": 4, "1.2": 4.5]])
            let results = PARResults.compute(
                Self.framework, scores: Dictionary(uniqueKeysWithValues: finals.map { ("\($0.key)", $0.value) }))
            #expect(results.units.first?.total == 8.5 && results.units.first?.index == 85)

            // Published, frozen and versioned: a new version needs its reason; nobody edits the round any more.
            #expect(try await store.publish(roundID, document: Data("{\"v\":1}".utf8), reason: nil, by: 2, at: Date()) == 1)
            await #expect(throws: PARStore.Problem.needsReason) {
                try await store.publish(roundID, document: Data("{}".utf8), reason: "", by: 2, at: Date())
            }
            #expect(try await store.publish(roundID, document: Data("{\"v\":2}".utf8), reason: "Sửa tên đơn vị", by: 2, at: Date()) == 2)
            #expect(try await store.publication(of: roundID)?.version == 2)
            #expect(try await store.publication(of: roundID, version: 1)?.document == Data("{\"v\":1}".utf8))
            await #expect(throws: PARStore.Problem.notNow(.published)) {
                try await store.review(entryID: plan.id, .adjusted, score: 1, reason: "x", seenVersion: 4, by: 9, at: Date())
            }

            // Every change kept with who and why.
            let history = try await store.history(of: plan.id)
            #expect(history.map(\.action) == ["self", "moreEvidence", "respond", "accepted"])
            #expect(history.map(\.actorID) == [7, 9, 7, 9] && history[1].reason == "Thiếu báo cáo kết quả thực hiện")
        }
    }
}
