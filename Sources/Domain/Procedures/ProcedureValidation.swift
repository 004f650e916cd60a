import Foundation

extension Procedure {
    /// What is wrong with a procedure's definition, in Vietnamese, for imports and forms.
    public enum Problem: Error, Equatable, Sendable {
        case badCode(String)
        case nameMissing
        case fieldMissing
        case negativeFee(String)
        case emptyDocument(String)
        case noReceivingUnit
        case noProcessingUnit
        case noSteps
        case stepRole(String, Role)
        case budgetsDoNotAddUp
        case delegationIncomplete
        case declaration(String)

        public var message: String {
            switch self {
            case .badCode(let code):
                "Mã thủ tục không hợp lệ: “\(code)” (mã quốc gia dạng 2.000815, hoặc mã riêng bằng chữ in hoa, số và dấu gạch ngang)."
            case .nameMissing: "Thiếu tên thủ tục."
            case .fieldMissing: "Thiếu lĩnh vực."
            case .negativeFee(let name): "Phí, lệ phí “\(name)” không được âm."
            case .emptyDocument(let name): "Thành phần hồ sơ “\(name)” phải có ít nhất một bản chính hoặc bản sao."
            case .noReceivingUnit: "Cần ít nhất một đơn vị tiếp nhận."
            case .noProcessingUnit: "Cần ít nhất một đơn vị giải quyết."
            case .noSteps: "Cần ít nhất một bước trong quy trình."
            case .stepRole(let step, let role): "Bước “\(step)” không thể giao cho vai trò \(role.title)."
            case .budgetsDoNotAddUp: "Tổng thời gian các bước phải bằng thời hạn giải quyết (cùng đơn vị ngày hoặc giờ)."
            case .delegationIncomplete: "Ủy quyền phải ghi cơ quan ủy quyền và văn bản ủy quyền."
            case .declaration(let problem): problem
            }
        }
    }

    /// The roles that perform steps of a dossier's workflow.
    public static let stepRoles: Set<Role> = [.deskOfficer, .caseOfficer, .unitHead]

    /// Every problem of the definition (empty when it is valid). Units are checked against the unit list
    /// where the procedure is stored.
    public var problems: [Problem] {
        var problems: [Problem] = []
        if !ProcedureCode.isValid(code) { problems.append(.badCode(code)) }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { problems.append(.nameMissing) }
        if field.trimmingCharacters(in: .whitespaces).isEmpty { problems.append(.fieldMissing) }
        problems += fees.filter { $0.amount < 0 }.map { .negativeFee($0.name) }
        problems += documents.filter { $0.originals <= 0 && $0.copies <= 0 || $0.originals < 0 || $0.copies < 0 }.map {
            .emptyDocument($0.name)
        }
        if receivingUnits.isEmpty { problems.append(.noReceivingUnit) }
        if processingUnits.isEmpty { problems.append(.noProcessingUnit) }
        if steps.isEmpty {
            problems.append(.noSteps)
        } else if (try? StepBudgets(steps.map(\.budget), total: timeLimit)) == nil {
            problems.append(.budgetsDoNotAddUp)
        }
        problems += steps.filter { !Self.stepRoles.contains($0.role) }.map { .stepRole($0.name, $0.role) }
        if let delegation,
            delegation.authority.trimmingCharacters(in: .whitespaces).isEmpty
                || delegation.reference.trimmingCharacters(in: .whitespaces).isEmpty
        {
            problems.append(.delegationIncomplete)
        }
        problems += (declaration?.definitionProblems(documents: documents) ?? []).map { .declaration($0) }
        return problems
    }
}

/// Procedure codes: the national catalogue's `N.NNNNNN` (e.g. `2.000815`), or our own code for a local or
/// demo procedure (`DEMO-HT-01`): capitals, digits and hyphens, starting with a letter.
public enum ProcedureCode {
    public static func isNational(_ code: String) -> Bool {
        code.wholeMatch(of: /[1-9]\.\d{6}/) != nil
    }

    public static func isValid(_ code: String) -> Bool {
        isNational(code) || code.wholeMatch(of: /[A-Z][A-Z0-9-]{1,39}/) != nil
    }
}
