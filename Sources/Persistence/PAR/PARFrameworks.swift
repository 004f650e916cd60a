import Domain
import Foundation

/// PAR INDEX frameworks: the sample shipped with MotCua (Seed/Data/par-sample-2025-department.json).
public enum PARFrameworks {
    /// Read once.
    public static func shippedSample() throws -> PARFramework { try shipped.get() }

    private static let shipped = Result { () throws -> PARFramework in
        guard let url = Bundle.module.url(forResource: "par-sample-2025-department", withExtension: "json", subdirectory: "Data") else {
            throw PersistenceError.corrupt("par-sample-2025-department.json is missing from the bundle")
        }
        return try PARFramework(json: Data(contentsOf: url))
    }
}
