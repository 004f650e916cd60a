import Crypto
import Domain
import Foundation

/// The token of a dossier's rating link: an HMAC-SHA256 of its code under the server's secret, so that the
/// link in the result notification opens the rating without the tracking digits and cannot be made for
/// another dossier. Nothing is stored.
struct RatingLink: Sendable {
    let keyBytes: Data

    init(secret: String) { keyBytes = Data(("motcua.rating-link|" + secret).utf8) }

    func token(for code: DossierCode) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(code.text.utf8), using: SymmetricKey(data: keyBytes))
        return Data(mac).prefix(18).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    func opens(_ token: String, _ code: DossierCode) -> Bool {
        CitizenRegistration.constantTimeEqual(token, self.token(for: code))
    }
}
