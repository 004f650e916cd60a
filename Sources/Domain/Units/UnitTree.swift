/// The parent → children structure of a set of units, for questions such as "which units does a grant on
/// this unit cover".
public struct UnitTree: Sendable {
    private let childrenByParent: [Int64: [Int64]]

    public init(parentByUnit: [(unitID: Int64, parentID: Int64?)]) {
        var children: [Int64: [Int64]] = [:]
        for entry in parentByUnit {
            if let parent = entry.parentID { children[parent, default: []].append(entry.unitID) }
        }
        self.childrenByParent = children
    }

    /// The unit and every unit below it.
    public func subtree(of root: Int64) -> Set<Int64> {
        var result: Set<Int64> = [root]
        var stack = [root]
        while let next = stack.popLast() {
            for child in childrenByParent[next] ?? [] where result.insert(child).inserted {
                stack.append(child)
            }
        }
        return result
    }
}
