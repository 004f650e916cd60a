import Foundation
import Hummingbird
import Services

/// The site's own stylesheet and script, shipped as resources of this target (Assets/) and served with a
/// day of caching. No CDN, no build step.
enum Asset: String {
    case stylesheet = "site.css"
    case script = "site.js"

    private var contentType: String {
        switch self {
        case .stylesheet: "text/css; charset=utf-8"
        case .script: "text/javascript; charset=utf-8"
        }
    }

    private static let contents: [Asset: Data] = {
        var loaded: [Asset: Data] = [:]
        for asset in [Asset.stylesheet, .script] {
            let name = (asset.rawValue as NSString).deletingPathExtension
            let ext = (asset.rawValue as NSString).pathExtension
            if let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Assets"),
                let data = try? Data(contentsOf: url)
            {
                loaded[asset] = data
            }
        }
        return loaded
    }()

    /// The asset's text (the stylesheet inlined into documents printed to PDF).
    var text: String { Self.contents[self].map { String(decoding: $0, as: UTF8.self) } ?? "" }

    func response() throws -> Response {
        guard let data = Self.contents[self] else { throw AppError.notFound }
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = "public, max-age=86400"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
