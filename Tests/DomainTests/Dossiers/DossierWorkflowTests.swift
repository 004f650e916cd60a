import Domain
import Testing

@Suite struct DossierWorkflowTests {
    typealias Action = DossierWorkflow.Action
    /// Land registration as the demo catalogue has it: desk, case officer, tax office (inter-agency), head, desk.
    static let steps: [Procedure.StepTemplate] = [
        .init(name: "Tiếp nhận", role: .deskOfficer, budget: .workingDays(halfDays: 1)),
        .init(name: "Kiểm tra", role: .caseOfficer, budget: .workingDays(halfDays: 24)),
        .init(name: "Nghĩa vụ tài chính", role: .caseOfficer, budget: .workingDays(halfDays: 10), otherAgency: "Cơ quan thuế"),
        .init(name: "Ký", role: .unitHead, budget: .workingDays(halfDays: 4)),
        .init(name: "Trả kết quả", role: .deskOfficer, budget: .workingDays(halfDays: 1)),
    ]
    static let desk = DossierWorkflow.Actor(userID: 1, roles: [.deskOfficer])
    static let officer = DossierWorkflow.Actor(userID: 2, roles: [.caseOfficer])
    static let otherOfficer = DossierWorkflow.Actor(userID: 3, roles: [.caseOfficer])
    static let head = DossierWorkflow.Actor(userID: 4, roles: [.unitHead])

    /// A one-step procedure is handled at the desk: its "transfer" gives the result, and the button and the history say
    /// so rather than "Chuyển đơn vị giải quyết" (issue 22).
    @Test func theDesksOnlyStepGivesTheResultAndSaysSo() throws {
        let sameDay: [Procedure.StepTemplate] = [
            .init(name: "Tiếp nhận và trả kết quả", role: .deskOfficer, budget: .workingDays(halfDays: 0))
        ]
        let after = try DossierWorkflow.apply(.transfer, to: DossierWorkflow.State(), steps: sameDay, by: Self.desk)
        #expect(after.status == .resultReady)
        #expect(Action.transfer.title(steps: sameDay.count) == "Giải quyết xong tại Một cửa, có kết quả")
        #expect(Action.title(ofEvent: "transfer", statusAfter: after.status) == Action.transfer.title(steps: sameDay.count))
        #expect(try DossierWorkflow.apply(.transfer, to: DossierWorkflow.State(), steps: Self.steps, by: Self.desk).status == .inProgress)
        #expect(Action.transfer.title(steps: Self.steps.count) == "Chuyển đơn vị giải quyết")
        #expect(Action.title(ofEvent: "transfer", statusAfter: .inProgress) == "Chuyển đơn vị giải quyết")
        #expect(Action.completeStep.title(steps: 1) == Action.completeStep.title)
    }

    /// A whole life: each row is an action, its actor, and the status and step after it.
    @Test func aDossierGoesFromReceiptToReturnedResult() throws {
        let script: [(Action, DossierWorkflow.Actor, String, DossierStatus, Int)] = [
            (.requestSupplement, Self.desk, "Thiếu giấy tờ đất", .awaitingSupplement, 0),
            (.supplementReceived, Self.desk, "", .received, 0),
            (.transfer, Self.desk, "", .inProgress, 1),
            (.assign(userID: 2), Self.head, "", .inProgress, 1),
            (.consult(unitID: 9, agency: "Phòng Kinh tế"), Self.officer, "Đề nghị cho ý kiến về quy hoạch", .consulting, 1),
            (.consultationAnswered, Self.officer, "Phù hợp quy hoạch", .inProgress, 1),
            (.completeStep, Self.officer, "", .interAgency, 2),
            (.interAgencyReturned, Self.officer, "", .inProgress, 3),
            (.sendBack, Self.head, "Cần sửa số liệu", .interAgency, 2),
            (.interAgencyReturned, Self.officer, "", .inProgress, 3),
            (.issueApology, Self.head, "Chờ cơ quan thuế", .inProgress, 3),
            (.completeStep, Self.head, "", .resultReady, 4),
            (.returnResult, Self.desk, "", .returned, 4),
        ]
        var state = DossierWorkflow.State()
        for (action, actor, reason, status, step) in script {
            state = try DossierWorkflow.apply(action, to: state, steps: Self.steps, by: actor, reason: reason)
            #expect(state.status == status, "after \(action.key)")
            #expect(state.step == step, "after \(action.key)")
        }
    }

    @Test(arguments: [
        // action, actor, state, expected refusal
        (Action.transfer, otherOfficer, DossierWorkflow.State(), DossierWorkflow.Refusal.wrongRole(.transfer)),
        (.returnResult, desk, DossierWorkflow.State(status: .inProgress, step: 1), .notInStatus(.returnResult, .inProgress)),
        (.completeStep, otherOfficer, DossierWorkflow.State(status: .inProgress, step: 1, assigneeID: 2), .notTheAssignee),
        (.completeStep, desk, DossierWorkflow.State(status: .inProgress, step: 1), .wrongRole(.completeStep)),
        (.sendBack, head, DossierWorkflow.State(status: .inProgress, step: 1), .noPreviousStep),
        (.withdraw, desk, DossierWorkflow.State(status: .returned, step: 4), .finalStatus(.returned)),
        (.refuseAtReceipt, desk, DossierWorkflow.State(), .reasonMissing(.refuseAtReceipt)),
        // The question to the consulted unit and its answer are said in words.
        (
            .consult(unitID: 9, agency: "Phòng Kinh tế"), officer, DossierWorkflow.State(status: .inProgress, step: 1, assigneeID: 2),
            .reasonMissing(.consult(unitID: 9, agency: "Phòng Kinh tế"))
        ),
        (
            .consultationAnswered, officer, DossierWorkflow.State(status: .consulting, step: 1, assigneeID: 2),
            .reasonMissing(.consultationAnswered)
        ),
        (.assign(userID: 2), officer, DossierWorkflow.State(status: .inProgress, step: 1), .wrongRole(.assign(userID: 2))),
    ])
    func refusals(action: Action, actor: DossierWorkflow.Actor, state: DossierWorkflow.State, refusal: DossierWorkflow.Refusal) {
        let reason = refusal == .reasonMissing(action) ? " " : "lý do"
        #expect(throws: refusal) { try DossierWorkflow.apply(action, to: state, steps: Self.steps, by: actor, reason: reason) }
    }

    @Test func aOneStepProcedureGoesFromTheDeskToItsResult() throws {
        let steps = [Procedure.StepTemplate(name: "Tiếp nhận và trả kết quả", role: .deskOfficer, budget: .workingDays(halfDays: 0))]
        let ready = try DossierWorkflow.apply(.transfer, to: .init(), steps: steps, by: Self.desk)
        #expect(ready.status == .resultReady)
        #expect(try DossierWorkflow.apply(.returnResult, to: ready, steps: steps, by: Self.desk).status == .returned)
    }

    @Test func aPauseReturnsToWhereItWas() throws {
        let working = DossierWorkflow.State(status: .inProgress, step: 1, assigneeID: 2)
        let paused = try DossierWorkflow.apply(.requestSupplement, to: working, steps: Self.steps, by: Self.officer, reason: "Thiếu bản vẽ")
        #expect(paused.status.isPaused)
        #expect(try DossierWorkflow.apply(.supplementReceived, to: paused, steps: Self.steps, by: Self.officer) == working)
    }

    @Test func theAllowedActionsFollowTheRole() {
        let received = DossierWorkflow.State()
        #expect(
            DossierWorkflow.allowedActions(for: received, steps: Self.steps, by: Self.desk).map(\.key)
                == ["transfer", "requestSupplement", "refuseAtReceipt", "stopOnRequest", "withdraw"])
        #expect(DossierWorkflow.allowedActions(for: received, steps: Self.steps, by: Self.officer).map(\.key) == ["requestSupplement"])
    }
}

@Suite struct IdentifierTests {
    @Test(arguments: [
        ("001095012345", 1995, PersonalID.Gender.male, nil as PersonalID.Problem?),
        ("001305012345", 2005, .female, nil),
        ("079201000001", 2001, .male, nil),
        ("00109501234", 1995, .male, .notTwelveDigits),
        ("00109501234X", 1995, .male, .notTwelveDigits),
        ("003095012345", 1995, .male, .unknownProvince("003")),
        ("001095012345", 1996, .male, .birthYearMismatch),
        ("001095012345", 1995, .female, .genderMismatch),
    ])
    func personalIDs(text: String, year: Int, gender: PersonalID.Gender, problem: PersonalID.Problem?) {
        if let problem {
            #expect(throws: problem) { try PersonalID(text, birthYear: year, gender: gender) }
        } else {
            #expect((try? PersonalID(text, birthYear: year, gender: gender))?.birthYear == year)
        }
    }

    @Test func personalIDsAreMaskedInText() throws {
        let id = try PersonalID("001095012345")
        #expect("\(id)" == "•••••••••345")
        #expect(id.gender == .male)
    }

    @Test(arguments: [
        ("0100109106", true, true), ("0100109107", true, false), ("0100109106-001", true, true), ("010010910", false, false),
        ("0100109106-01", false, false),
    ])
    func taxCodes(text: String, valid: Bool, checkDigit: Bool) {
        let code = try? TaxCode(text)
        #expect((code != nil) == valid)
        if let code { #expect(code.checkDigitMatches == checkDigit) }
    }

    @Test func dossierCodes() {
        let code = DossierCode(agencyCode: "00070", day: LocalDate(iso: "2026-02-12")!, sequence: 7)
        #expect(code.text == "00070-260212-0007")
        #expect(DossierCode(agencyCode: "00070", day: LocalDate(iso: "2026-02-12")!, sequence: 12345).text == "00070-260212-12345")
        #expect(DossierCode(parsing: " 00070-260212-0007 ") == code)
        #expect(DossierCode(parsing: "demo-snv-260212-0001")?.text == "DEMO-SNV-260212-0001")
        #expect(DossierCode(parsing: "00070-2602-0007") == nil)
        #expect(DossierCode(parsing: "UBND.HN-260212-0007")?.text == "UBND.HN-260212-0007")
        for malformed in [
            "00070-260212-007", "-260212-0007", "00070--260212-0007", "00070-26021A-0007", "00070-260212-00X7", "00070_1-260212-0007", "",
        ] {
            #expect(DossierCode(parsing: malformed) == nil, "\(malformed)")
        }
    }
}

/// The dossier page's first panel: what the dossier waits for, and the reader's one forward action.
@Suite struct NextStepTests {
    static let steps = DossierWorkflowTests.steps

    @Test(
        arguments: [
            ([DossierWorkflow.Action.stopOnRequest, .withdraw], nil),
            ([.withdraw, .transfer, .requestSupplement], "transfer"),
            ([.assign(userID: 0), .completeStep, .sendBack], "completeStep"),
            ([.issueApology, .assign(userID: 0)], "assign"),
            ([.consultationAnswered, .declareIneligible], "consultationAnswered"),
            ([.completeStep, .returnResult], "returnResult"),
        ] as [([DossierWorkflow.Action], String?)])
    func theForwardActionIsPrimary(allowed: [DossierWorkflow.Action], expected: String?) {
        #expect(NextStep.primary(among: allowed)?.key == expected)
    }

    @Test(arguments: [
        (DossierStatus.received, 0, "Chờ Bộ phận Một cửa chuyển hồ sơ đến đơn vị giải quyết"),
        (.inProgress, 1, "Bước 2. Kiểm tra — việc của Chuyên viên thụ lý"),
        (.interAgency, 2, "Chờ Cơ quan thuế xử lý (bước 3. Nghĩa vụ tài chính)"),
        (.awaitingSupplement, 1, "Chờ người nộp bổ sung, hoàn thiện hồ sơ (thời hạn tạm dừng)"),
        (.resultReady, 4, "Chờ Bộ phận Một cửa trả kết quả cho người nộp"),
        (.returned, 4, "Hồ sơ đã kết thúc: Đã trả kết quả"),
    ])
    func whatTheDossierWaitsForIsSaid(status: DossierStatus, step: Int, expected: String) {
        #expect(NextStep.waitingFor(DossierWorkflow.State(status: status, step: step), steps: Self.steps) == expected)
    }
}
