import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// SIPAS campaigns for the working group's secretariat: create one (questionnaire, units, period of service
/// use, sample design, seed), see its frame, draw the sample once, follow the strata's response rates. City
/// leaders and the appraisal council may look.
struct SIPASRoutes {
    let services: AppServices

    func register(on router: some RouterMethods<AppRequestContext>) {
        registerResults(on: router)
        router.get(SiteRoute.sipasCampaigns.pattern) { request, context in
            try await list(
                identity: try context.require(.secretariat, .admin, .cityLeader, .appraisalCouncil, .surveyor),
                loaded: request.query("loaded"),
                context: context, request: request)
        }
        // A new questionnaire version, as a JSON file of the shipped one's shape.
        router.post(SiteRoute.sipasQuestionnaires.pattern) { request, context in
            let identity = try context.require(.secretariat, .admin)
            guard let upload = try await AttachmentRoutes.upload(request, context) else {
                return try await list(
                    identity: identity, error: "Vui lòng chọn tệp JSON của phiếu khảo sát.", context: context, request: request)
            }
            do {
                let questionnaire = try SIPASQuestionnaire(json: upload.data)
                try await campaigns.load(questionnaire, at: services.clock())
                try await services.audit(
                    AuditRecord(
                        actorID: identity.user.id, action: "sipas.loadQuestionnaire", objectType: "sipasQuestionnaire",
                        objectID: questionnaire.id))
                return Response.redirect(to: SiteRoute.sipasCampaigns.path + "?loaded=" + questionnaire.id, type: .normal)
            } catch let problem as SIPASQuestionnaire.Problem {
                return try await list(
                    identity: identity, error: "Tệp không phải là một phiếu khảo sát hợp lệ: \(problem.description)", context: context,
                    request: request)
            } catch let problem as SIPASCampaigns.Problem {
                return try await list(identity: identity, error: problem.message, context: context, request: request)
            }
        }
        router.get(SiteRoute.sipasCampaignNew.pattern) { request, context in
            _ = try context.require(.secretariat, .admin)
            return try await form(
                SIPASCampaignForm.Values(seed: String(UInt64.random(in: 1...999_999))), errors: [:], context: context, request: request)
        }
        router.post(SiteRoute.sipasCampaigns.pattern) { request, context in
            let identity = try context.require(.secretariat, .admin)
            let fields = try await request.form([String: String].self, empty: [:])
            let values = SIPASCampaignForm.Values(fields)
            var errors: [String: String] = [:]
            let name = values.name.trimmingCharacters(in: .whitespaces)
            if name.isEmpty { errors["name"] = "Vui lòng đặt tên đợt khảo sát." }
            let from = LocalDate(typed: values.serviceFrom), to = LocalDate(typed: values.serviceTo)
            if from == nil { errors["serviceFrom"] = "Ngày không hợp lệ." }
            if to == nil { errors["serviceTo"] = "Ngày không hợp lệ." }
            let size = Int(values.size), minimum = Int(values.minimum), seed = UInt64(values.seed)
            if size == nil { errors["size"] = "Cỡ mẫu là một số nguyên." }
            if minimum == nil { errors["minimum"] = "Số tối thiểu mỗi tầng là một số nguyên." }
            if seed == nil { errors["seed"] = "Hạt giống ngẫu nhiên là một số nguyên không âm." }
            guard errors.isEmpty, let from, let to, let size, let minimum, let seed else {
                return try await form(values, errors: errors, context: context, request: request)
            }
            let design = SIPASSample.Design(
                size: size, allocation: SIPASSample.Allocation(rawValue: values.allocation) ?? .proportional,
                minimumPerStratum: minimum, byField: values.byField, byChannel: values.byChannel)
            do {
                let id = try await campaigns.create(
                    name: name, questionnaireID: values.questionnaire, serviceFrom: from, serviceTo: to,
                    unitIDs: Array(values.unitIDs).sorted(), design: design, seed: seed, by: identity.user.id, at: services.clock())
                return Response.redirect(to: SiteRoute.sipasCampaign(id: id).path, type: .normal)
            } catch let problem as SIPASCampaigns.Problem {
                return try await form(values, errors: [Self.field(of: problem): problem.message], context: context, request: request)
            }
        }
        router.get(SiteRoute.sipasCampaign().pattern) { request, context in
            let identity = try context.require(.secretariat, .admin, .cityLeader, .appraisalCouncil)
            return try await detail(try context.parameters.id(), identity: identity, context: context, request: request)
        }
        router.post(SiteRoute.sipasCampaignDraw().pattern) { request, context in
            let identity = try context.require(.secretariat, .admin)
            let id = try context.parameters.id()
            do {
                try await campaigns.draw(id, by: identity.user.id, at: services.clock(), clock: clock)
                return Response.redirect(to: SiteRoute.sipasCampaign(id: id).path + "?saved=1", type: .normal)
            } catch let problem as SIPASCampaigns.Problem {
                if problem == .notFound { throw AppError.notFound }
                return try await detail(id, identity: identity, error: problem.message, context: context, request: request)
            }
        }
    }

    /// Responses from a CSV file (paper forms keyed elsewhere, another tool's export), then the results.
    func registerResults(on router: some RouterMethods<AppRequestContext>) {
        router.post(SiteRoute.sipasCampaignImport().pattern) { request, context in
            let identity = try context.require(.secretariat, .admin)
            let id = try context.parameters.id()
            guard let upload = try await AttachmentRoutes.upload(request, context) else {
                return try await detail(
                    id, identity: identity, error: "Vui lòng chọn tệp CSV các phiếu trả lời.", context: context, request: request)
            }
            do {
                let count = try await campaigns.importResponses(upload.data, into: id, by: identity.user.id, at: services.clock())
                return Response.redirect(to: SiteRoute.sipasCampaignResults(id: id).path + "?imported=\(count)", type: .normal)
            } catch let problem as SIPASResponses.Problem {
                return try await detail(
                    id, identity: identity, error: "Không nhập được tệp: \(problem.description)", context: context, request: request)
            } catch SIPASCampaigns.Problem.notFound {
                throw AppError.notFound
            }
        }
        router.get(SiteRoute.sipasCampaignResults().pattern) { request, context in
            _ = try context.require(.secretariat, .admin, .cityLeader, .appraisalCouncil)
            let (campaign, questionnaire, results, counts) = try await results(try context.parameters.id())
            // The previous campaign with the same questionnaire that has answers, for the comparison.
            var previous: (name: String, results: SIPASResults)?
            if let earlier = try await campaigns.previousWithAnswers(campaign) {
                previous = (earlier.name, try await self.results(earlier.id).2)
            }
            let directory = try await services.unitDirectory()
            let page = SIPASResultsPage(
                campaign: campaign, questionnaire: questionnaire, results: results, responses: counts,
                units: campaign.unitIDs.compactMap(directory.find(id:)), unit: request.query("unit") ?? SIPASResults.all,
                imported: request.query("imported").flatMap { Int($0) },
                previous: previous)
            return Page("Kết quả — \(campaign.name)", body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.sipasCampaignResultsCSV().pattern) { _, context in
            _ = try context.require(.secretariat, .admin, .cityLeader, .appraisalCouncil)
            let (campaign, questionnaire, results, _) = try await results(try context.parameters.id())
            let rows = Self.resultRows(questionnaire, results).map { $0.map { $0.csvText(decimals: 4) } }
            return StatisticsRoutes.download(
                ByteBuffer(string: "\u{FEFF}" + CSV.text(rows)), type: "text/csv; charset=utf-8",
                name: "sipas-\(campaign.id)-ket-qua.csv")
        }
        router.get(SiteRoute.sipasCampaignResultsXLSX().pattern) { _, context in
            _ = try context.require(.secretariat, .admin, .cityLeader, .appraisalCouncil)
            let (campaign, questionnaire, results, _) = try await results(try context.parameters.id())
            return StatisticsRoutes.download(
                ByteBuffer(bytes: Spreadsheet(sheetName: "Kết quả", rows: Self.resultRows(questionnaire, results)).xlsx()),
                type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "sipas-\(campaign.id)-ket-qua.xlsx")
        }
        // The micro-data, for anyone to recompute with `motcua sipas compute`: unit, weight, one column per item —
        // nothing about the person.
        router.get(SiteRoute.sipasCampaignResponsesCSV().pattern) { _, context in
            _ = try context.require(.secretariat, .admin, .cityLeader, .appraisalCouncil)
            let id = try context.parameters.id()
            guard let campaign = try await campaigns.find(id: id),
                let questionnaire = try await campaigns.questionnaire(id: campaign.questionnaireID)
            else {
                throw AppError.notFound
            }
            let responses = try await campaigns.responses(of: id, questionnaire: questionnaire)
            let width = responses.itemCodes.count
            var rows = [["unit", "weight"] + responses.itemCodes]
            for index in 0..<responses.count {
                let answers = responses.answers[index * width..<(index + 1) * width].map { $0 < 0 ? "" : String($0) }
                rows.append([responses.units[Int(responses.unitOfResponse[index])], String(responses.weights[index])] + answers)
            }
            return StatisticsRoutes.download(
                ByteBuffer(string: CSV.text(rows)), type: "text/csv; charset=utf-8", name: "sipas-\(campaign.id)-phieu.csv")
        }
    }

    /// The results as rows: unit, level (overall, section, aspect, item), code, percent, margin, valid answers, n_eff.
    static func resultRows(_ questionnaire: SIPASQuestionnaire, _ results: SIPASResults) -> [[Spreadsheet.Cell]] {
        func number(_ value: Double?) -> Spreadsheet.Cell { value.map { .number($0) } ?? .text("") }
        var rows: [[Spreadsheet.Cell]] = [["unit", "level", "code", "percent", "moe", "valid", "effectiveSample"].map { .text($0) }]
        for unit in results.units.keys.sorted() {
            let figures = results.units[unit]!
            rows.append([.text(unit), .text("overall"), .text(""), number(figures.overall), .text(""), .text(""), .text("")])
            for section in questionnaire.sections {
                rows.append([
                    .text(unit), .text("section"), .text(section.code), number(figures.sections[section.code]), .text(""), .text(""),
                    .text(""),
                ])
                for aspect in section.aspects {
                    rows.append([
                        .text(unit), .text("aspect"), .text(aspect.code), number(figures.aspects[aspect.code]), .text(""), .text(""),
                        .text(""),
                    ])
                    for item in aspect.items {
                        let value = figures.items[item.code]
                        rows.append([
                            .text(unit), .text("item"), .text(item.code), number(value?.percent), number(value?.moe),
                            .number(Double(value?.valid ?? 0)), number(value?.effectiveSample),
                        ])
                    }
                }
            }
        }
        return rows
    }

    private func results(_ id: Int64) async throws -> (SIPASCampaign, SIPASQuestionnaire, SIPASResults, [String: Int]) {
        guard let campaign = try await campaigns.find(id: id),
            let questionnaire = try await campaigns.questionnaire(id: campaign.questionnaireID)
        else {
            throw AppError.notFound
        }
        let responses = try await campaigns.responses(of: id, questionnaire: questionnaire)
        var counts: [String: Int] = [SIPASResults.all: responses.count]
        for unit in responses.unitOfResponse { counts[responses.units[Int(unit)], default: 0] += 1 }
        return (campaign, questionnaire, SIPASResults.compute(questionnaire, responses), counts)
    }

    private var campaigns: SIPASCampaigns { SIPASCampaigns(services.database) }
    private var clock: LocalClock { services.localClock }

    static func canManage(_ identity: Identity) -> Bool { identity.has(.secretariat) || identity.has(.admin) }
    /// Who sees campaigns and their results: those who manage them, the city's leaders, the appraisal council.
    static func canView(_ identity: Identity) -> Bool {
        canManage(identity) || identity.has(.cityLeader) || identity.has(.appraisalCouncil)
    }

    static func field(of problem: SIPASCampaigns.Problem) -> String {
        switch problem {
        case .noUnits: "units"
        case .badPeriod: "serviceTo"
        case .badSize: "size"
        case .unknownQuestionnaire: "questionnaire"
        default: "name"
        }
    }

    private func list(identity: Identity, loaded: String? = nil, error: String? = nil, context: AppRequestContext, request: Request)
        async throws -> Response
    {
        try await campaigns.loadShippedQuestionnaireIfMissing(at: services.clock())
        let page = SIPASCampaignsPage(
            campaigns: try await campaigns.list(), canManage: Self.canManage(identity),
            entersPaperOnly: !Self.canView(identity), questionnaires: try await campaigns.questionnaires(),
            loaded: loaded, error: error, csrfToken: context.csrfToken)
        return Page("Khảo sát sự hài lòng (SIPAS)", body: page.body, status: error == nil ? .ok : .badRequest).render(
            context: context, request: request)
    }

    private func form(_ values: SIPASCampaignForm.Values, errors: [String: String], context: AppRequestContext, request: Request)
        async throws -> Response
    {
        try await campaigns.loadShippedQuestionnaireIfMissing(at: services.clock())
        let questionnaires = try await campaigns.questionnaires()
        let units = try await services.unitDirectory().list(.init(validOn: services.today()))
            .filter { ServiceIndexReport.rankedGroups.contains($0.kind.rankingGroup) }
        let page = SIPASCampaignForm(
            values: values, errors: errors, questionnaires: questionnaires.map { ($0.id, $0.title) }, units: units,
            csrfToken: context.csrfToken)
        return Page("Đợt khảo sát mới", body: page.body, status: errors.isEmpty ? .ok : .badRequest).render(
            context: context, request: request)
    }

    private func detail(_ id: Int64, identity: Identity, error: String? = nil, context: AppRequestContext, request: Request) async throws
        -> Response
    {
        guard let campaign = try await campaigns.find(id: id) else { throw AppError.notFound }
        let directory = try await services.unitDirectory()
        let units = campaign.unitIDs.compactMap(directory.find(id:))
        let frame = campaign.status == .draft ? try await campaigns.frame(of: campaign, clock: clock).count : nil
        let page = SIPASCampaignPage(
            campaign: campaign, units: units, frameSize: frame, strata: try await campaigns.strata(of: id),
            canManage: Self.canManage(identity), csrfToken: context.csrfToken, saved: request.query("saved") == "1",
            error: error, clock: clock,
            invitationRun: request.query("invited").flatMap(Int.init).map {
                SIPASCampaigns.InvitationRun(invited: $0, withoutContact: request.query("withoutContact").flatMap(Int.init) ?? 0)
            })
        return Page(campaign.name, body: page.body, status: error == nil ? .ok : .badRequest).render(context: context, request: request)
    }
}
