import Domain
import Testing

@Suite struct UnitScopeTests {
    // city 1 → district 2 → wards 3, 4; city 1 → ward 5; department 6 → section 7
    let tree = UnitTree(parentByUnit: [(1, nil), (2, 1), (3, 2), (4, 2), (5, 1), (6, 1), (7, 6)])

    @Test(
        arguments: [
            ([Grant(role: .unitHead, unitID: 2)], [2, 3, 4], [1, 5, 6, 7]),
            ([Grant(role: .deskOfficer, unitID: 3)], [3], [2, 4, 5]),
            ([Grant(role: .caseOfficer, unitID: 6), Grant(role: .deskOfficer, unitID: 5)], [5, 6, 7], [1, 2, 3]),
            ([Grant(role: .citizen, unitID: nil)], [], [1, 2, 3]),
            ([], [], [1]),
        ] as [([Grant], [Int64], [Int64])])
    func grantsCoverTheirSubtreeOnly(grants: [Grant], visible: [Int64], hidden: [Int64]) {
        let scope = UnitScope(grants: grants, tree: tree)
        for id in visible { #expect(scope.contains(id), "unit \(id) should be visible") }
        for id in hidden { #expect(!scope.contains(id), "unit \(id) should be hidden") }
    }

    @Test(arguments: [Role.cityLeader, .secretariat, .appraisalCouncil, .admin])
    func cityWideRolesSeeEveryUnit(role: Role) {
        #expect(UnitScope(grants: [Grant(role: role, unitID: 6)], tree: tree) == .everyUnit)
    }

    @Test func subtreeSurvivesCycles() {
        let cyclic = UnitTree(parentByUnit: [(1, 2), (2, 1)])
        #expect(cyclic.subtree(of: 1) == [1, 2])
    }
}

@Suite struct PasswordPolicyTests {
    let policy = PasswordPolicy()

    @Test(
        arguments: [
            ("ngắn quá", PasswordPolicy.Violation.tooShort(minimum: 15)),
            ("passwordpassword", .common),
            ("Password123456789", .common),
            ("hanoi2026hanoi2026", nil),
            ("aaaaaaaaaaaaaaaa", .repetitive),
            ("123456789012345", .repetitive),
            ("nguyenvanan-mat-khau-1", .containsAccountName),
            ("cây xanh mùa thu Hà Nội", nil),
            ("correct horse battery staple", nil),
            (String(repeating: "x", count: 129), .tooLong(maximum: 128)),
        ] as [(String, PasswordPolicy.Violation?)])
    func checksPasswords(password: String, expected: PasswordPolicy.Violation?) {
        #expect(policy.violation(of: password, accountName: "nguyenvanan") == expected)
    }

    @Test func commonWordsWithDigitsAreRefused() {
        #expect(policy.violation(of: "matkhaumoi2026!!!", accountName: "x") == .common)
        #expect(policy.violation(of: "Mật khẩu mới 2026!", accountName: "x") == .common)
    }

    @Test func everyViolationHasAVietnameseMessage() {
        let all: [PasswordPolicy.Violation] = [.tooShort(minimum: 15), .tooLong(maximum: 128), .common, .containsAccountName, .repetitive]
        for violation in all { #expect(violation.message.contains("Mật khẩu")) }
    }
}

@Suite struct ThrottlePolicyTests {
    @Test(arguments: [(0, 0.0), (4, 0), (5, 30), (6, 60), (7, 120), (9, 480), (10, 900), (50, 900)] as [(Int, Double)])
    func delaysDoubleUpToTheCap(failures: Int, seconds: Double) {
        #expect(ThrottlePolicy.perAccount.delay(afterFailures: failures) == seconds)
    }

    @Test func addressesGetMoreRoomThanAccounts() {
        #expect(ThrottlePolicy.perAddress.delay(afterFailures: 10) == 0)
        #expect(ThrottlePolicy.perAddress.delay(afterFailures: 20) == 30)
    }
}

@Suite struct AuditEntryTests {
    @Test func canonicalTextSeparatesFieldsUnambiguously() {
        let base = AuditEntry(
            sequence: 1, occurredAt: .init(timeIntervalSince1970: 0), actorID: 1, unitID: nil, action: "a|b", objectType: "c",
            objectID: "1", reason: "", previousHash: AuditEntry.genesisHash, hash: "")
        var shifted = base
        shifted.action = "a"
        shifted.objectType = "b|c"
        #expect(base.canonicalText != shifted.canonicalText)
    }
}
