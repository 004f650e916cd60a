/// The kinds of file an applicant or officer may attach to a dossier, recognised by their content (magic
/// bytes), not by the name or the type the browser declares; a file whose content is not what its name
/// says is refused.
public enum FileType: String, Sendable, CaseIterable, Codable {
    case pdf, jpeg, png, officeDocument

    /// The largest file accepted (10 MiB): scans of a few pages.
    public static let maximumSize = 10 * 1024 * 1024

    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .officeDocument: "application/vnd.openxmlformats-officedocument"
        }
    }

    /// The name endings that may carry this type.
    public var extensions: [String] {
        switch self {
        case .pdf: ["pdf"]
        case .jpeg: ["jpg", "jpeg"]
        case .png: ["png"]
        case .officeDocument: ["docx", "xlsx"]
        }
    }

    public enum Problem: Error, Equatable, Sendable {
        case empty
        case tooLarge
        case unknownType
        case contentDoesNotMatchName(String)

        public var message: String {
            switch self {
            case .empty: "Tệp trống."
            case .tooLarge: "Tệp lớn hơn 10 MB."
            case .unknownType: "Chỉ nhận tệp PDF, ảnh JPEG, PNG, hoặc tài liệu Word, Excel (.docx, .xlsx)."
            case .contentDoesNotMatchName(let name): "Nội dung tệp “\(name)” không đúng với loại tệp theo tên của nó."
            }
        }
    }

    /// Recognises the content and checks it against the file's name.
    public static func check(name: String, bytes: some Collection<UInt8>) throws(Problem) -> FileType {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= maximumSize else { throw .tooLarge }
        let head = Array(bytes.prefix(8))
        let byContent: FileType? = switch head {
        case let h where h.starts(with: Array("%PDF-".utf8)): .pdf
        case let h where h.starts(with: [0xFF, 0xD8, 0xFF]): .jpeg
        case let h where h.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]): .png
        case let h where h.starts(with: [0x50, 0x4B, 0x03, 0x04]): .officeDocument
        default: nil
        }
        let ending = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        let byName = allCases.first { $0.extensions.contains(ending) }
        guard let byName else { throw .unknownType }
        guard let byContent, byContent == byName else { throw .contentDoesNotMatchName(name) }
        return byContent
    }
}
