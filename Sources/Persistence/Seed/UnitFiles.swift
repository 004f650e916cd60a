import Domain
import Foundation

/// The shapes of the shipped unit files (Seed/Data), decoded as they are written.
enum UnitFiles {
    struct Before2025: Decodable {
        struct District: Decodable {
            var code: String
            var name: String
            var kind: String
        }
        struct Commune: Decodable {
            var code: String
            var name: String
            var kind: String
            var district: String
        }
        var validTo: LocalDate
        var source: String
        var districts: [District]
        var communes: [Commune]
    }

    struct From2025: Decodable {
        struct Entry: Decodable {
            var code: String
            var name: String
            var kind: String
        }
        var validFrom: LocalDate
        var source: String
        var units: [Entry]
    }

    struct ReformMapping: Decodable {
        struct Row: Decodable {
            var from: String
            var to: String
            var whole: Bool
            var primary: Bool
        }
        var effective: LocalDate
        var legalBasis: String
        var mapping: [Row]
    }

    static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Data") else {
            throw PersistenceError.corrupt("shipped file \(name).json is missing from the bundle")
        }
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }

    /// Maps the kinds used by the files to ours: every district-level kind is a district.
    static func kind(_ text: String) throws -> UnitKind {
        switch text {
        case "urban-district", "rural-district", "town": .district
        case "ward": .ward
        case "commune": .commune
        case "township": .township
        default: throw PersistenceError.corrupt("unknown unit kind \(text) in a shipped file")
        }
    }
}
