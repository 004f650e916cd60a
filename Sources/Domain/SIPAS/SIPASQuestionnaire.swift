import Foundation

/// A SIPAS questionnaire as data (indices.md §2): the respondent profile, sections → aspects → items, the
/// five-level scale with the levels that count as satisfied, and the "don't know" answer. A new version is a
/// new file; the code knows the shape, not one year's items.
public struct SIPASQuestionnaire: Sendable, Equatable, Codable {
    public struct Level: Sendable, Equatable, Codable {
        public var value: Int
        public var label: String
    }

    public struct ProfileQuestion: Sendable, Equatable, Codable {
        public var code: String
        public var label: String
        public var options: [String]
    }

    public struct Item: Sendable, Equatable, Codable {
        public var code: String
        public var text: String
    }

    public struct Aspect: Sendable, Equatable, Codable {
        public var code: String
        public var label: String
        public var items: [Item]
    }

    public struct Section: Sendable, Equatable, Codable {
        public var code: String
        public var label: String
        public var aspects: [Aspect]
    }

    public var id: String
    public var title: String
    public var note: String
    public var scale: [Level]
    public var satisfiedValues: [Int]
    public var dontKnow: Level
    public var profile: [ProfileQuestion]
    public var sections: [Section]

    /// Every item in questionnaire order.
    public var items: [Item] { sections.flatMap { $0.aspects.flatMap(\.items) } }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case duplicateCode(String)
        case scaleNotOneToFive
        case satisfiedOutsideScale
        case dontKnowOnScale
        case empty(String)

        public var description: String {
            switch self {
            case .malformed(let detail): "questionnaire: \(detail)"
            case .duplicateCode(let code): "questionnaire: code \(code) appears twice"
            case .scaleNotOneToFive: "questionnaire: the scale must be the levels 1 to 5"
            case .satisfiedOutsideScale: "questionnaire: satisfiedValues must be levels of the scale"
            case .dontKnowOnScale: "questionnaire: the don't-know value must not be a level of the scale"
            case .empty(let code): "questionnaire: \(code) has nothing in it"
            }
        }
    }

    /// Reads and checks a questionnaire file.
    public init(json: Data) throws(Problem) {
        do { self = try JSONDecoder().decode(Self.self, from: json) } catch { throw .malformed(String(describing: error)) }
        guard scale.map(\.value) == [1, 2, 3, 4, 5] else { throw .scaleNotOneToFive }
        guard !satisfiedValues.isEmpty, satisfiedValues.allSatisfy({ (1...5).contains($0) }) else { throw .satisfiedOutsideScale }
        guard !(1...5).contains(dontKnow.value) else { throw .dontKnowOnScale }
        var seen: Set<String> = []
        for section in sections {
            guard seen.insert(section.code).inserted else { throw .duplicateCode(section.code) }
            guard !section.aspects.isEmpty else { throw .empty(section.code) }
            for aspect in section.aspects {
                guard seen.insert(aspect.code).inserted else { throw .duplicateCode(aspect.code) }
                guard !aspect.items.isEmpty else { throw .empty(aspect.code) }
                for item in aspect.items where !seen.insert(item.code).inserted { throw .duplicateCode(item.code) }
            }
        }
        guard !sections.isEmpty else { throw .empty(id) }
    }
}
