import Domain
import Testing

/// The units answered from memory: filters as the catalogue and the pages ask them, lookups by id and code, the tree.
@Suite struct UnitDirectoryTests {
    static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }
    static let directory = UnitDirectory([
        OrgUnit(id: 1, code: "01", name: "Thành phố Hà Nội", kind: .city, parentID: nil, validFrom: nil, validTo: nil),
        OrgUnit(id: 2, code: "002", name: "Quận Hoàn Kiếm", kind: .district, parentID: 1, validFrom: nil, validTo: day("2025-06-30")),
        OrgUnit(id: 3, code: "00070", name: "Phường Hồng Hà", kind: .ward, parentID: 1, validFrom: day("2025-07-01"), validTo: nil),
        OrgUnit(id: 4, code: "00073", name: "Phường Hoàn Kiếm", kind: .ward, parentID: 1, validFrom: day("2025-07-01"), validTo: nil),
        OrgUnit(id: 5, code: "00070", name: "Phường Hàng Bạc", kind: .ward, parentID: 2, validFrom: nil, validTo: day("2025-06-30")),
        OrgUnit(id: 6, code: "S-TP", name: "Sở Tư pháp", kind: .department, parentID: 1, validFrom: nil, validTo: nil),
    ])

    static let filters: [(UnitFilter, [Int64])] = [
        (UnitFilter(), [5, 4, 3, 2, 6, 1]),
        (UnitFilter(kind: .ward), [5, 4, 3]),
        (UnitFilter(query: "hoan kiem"), [4, 2]),
        (UnitFilter(query: "HOÀN kiếm"), [4, 2]),
        (UnitFilter(query: "00070"), [5, 3]),
        (UnitFilter(query: "kiem quan"), [2]),
        (UnitFilter(validOn: day("2025-06-30")), [5, 2, 6, 1]),
        (UnitFilter(validOn: day("2025-07-01")), [4, 3, 6, 1]),
        (UnitFilter(validDuring: ReportingPeriod(from: day("2025-06-01"), through: day("2025-07-31"))), [5, 4, 3, 2, 6, 1]),
        (UnitFilter(validDuring: ReportingPeriod(from: day("2025-07-01"), through: day("2025-07-31"))), [4, 3, 6, 1]),
        (UnitFilter(parentID: 2), [5]),
        (UnitFilter(kind: .ward, query: "hong", validOn: day("2026-01-01")), [3]),
    ]

    @Test(arguments: filters)
    func listsWhatTheFilterAsksInVietnameseOrder(filter: UnitFilter, expected: [Int64]) {
        #expect(Self.directory.list(filter).map(\.id) == expected)
    }

    @Test func findsByIdAndByCodeOnADay() {
        #expect(Self.directory.find(id: 3)?.name == "Phường Hồng Hà")
        #expect(Self.directory.find(id: 99) == nil)
        #expect(Self.directory.find(ids: [3, 6, 99]).mapValues(\.code) == [3: "00070", 6: "S-TP"])
        #expect(Self.directory.find(code: "00070", validOn: Self.day("2025-06-30"))?.id == 5, "codes are reused by new wards")
        #expect(Self.directory.find(code: "00070", validOn: Self.day("2025-07-01"))?.id == 3)
        #expect(Self.directory.tree.subtree(of: 2) == [2, 5])
    }

    /// Townships (thị trấn) ended on 1 Jul 2025: a period through that day or later names the local level without them.
    @Test(arguments: [("2025-06-30", "Phường, xã, thị trấn"), ("2025-07-01", "Phường, xã"), ("2026-12-31", "Phường, xã")])
    func theLocalLevelIsNamedForItsPeriod(through: String, title: String) {
        #expect(UnitKind.localLevelTitle(through: LocalDate(iso: through)!) == title)
    }
}
