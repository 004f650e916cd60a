/// The kinds of file an applicant or officer may attach to a dossier, recognised by their content (magic
/// bytes), not by the name or the type the browser declares; a file whose content is not what its name
/// says is refused, and so is one whose inside is built to harm (``FileInspection``).
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
        /// The structure of the file cannot be read.
        case damaged
        /// Something follows the end of the file (a second file hidden in it: a polyglot).
        case trailingData
        case imageTooLarge(width: Int, height: Int)
        /// Scripts, launch actions, embedded files or macros.
        case activeContent(String)
        /// An archive entry whose name leaves its folder or repeats.
        case unsafeArchive(String)
        case archiveBomb
        /// Found by the malware scanner, with the signature's name.
        case malware(String)

        public var message: String {
            switch self {
            case .empty: "Tệp trống."
            case .tooLarge: "Tệp lớn hơn 10 MB."
            case .unknownType: "Chỉ nhận tệp PDF, ảnh JPEG, PNG, hoặc tài liệu Word, Excel (.docx, .xlsx)."
            case .contentDoesNotMatchName(let name): "Nội dung tệp “\(name)” không đúng với loại tệp theo tên của nó."
            case .damaged: "Tệp bị hỏng hoặc không đúng cấu trúc của loại tệp này."
            case .trailingData: "Tệp có dữ liệu lạ sau phần kết thúc (có thể là một tệp khác được giấu bên trong) nên không được nhận."
            case .imageTooLarge(let width, let height): "Ảnh có kích thước \(width) × \(height) điểm ảnh, vượt quá mức cho phép."
            case .activeContent(let what):
                "Tệp chứa nội dung có thể tự chạy (\(what)) nên không được nhận. Vui lòng lưu lại tệp không có mã lệnh."
            case .unsafeArchive(let name): "Tệp nén chứa đường dẫn không an toàn (“\(name)”) nên không được nhận."
            case .archiveBomb: "Tệp giải nén ra quá lớn so với kích thước của nó nên không được nhận."
            case .malware(let signature): "Tệp có dấu hiệu mã độc (\(signature)) nên không được nhận."
            }
        }
    }

    /// Recognises the content and checks it against the file's name.
    public static func check(name: String, bytes: some Collection<UInt8>) throws(Problem) -> FileType {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= maximumSize else { throw .tooLarge }
        let head = Array(bytes.prefix(8))
        let byContent: FileType? =
            switch head {
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
        try FileInspection.inspect(byContent, Array(bytes))
        return byContent
    }
}
