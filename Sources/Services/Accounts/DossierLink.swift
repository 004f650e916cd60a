import Crypto
import Domain
import Foundation

/// The token of a link that opens one thing about one dossier without the tracking digits: an HMAC-SHA256 of
/// its code under the server's secret and the link's purpose — the rating link of the result notification,
/// the survey QR code of the result slip. A token cannot be made for another dossier or another purpose;
/// nothing is stored.
package struct DossierLink: Sendable {
    package let keyBytes: Data

    package init(purpose: String, secret: String) { keyBytes = Data(("motcua.\(purpose)|" + secret).utf8) }

    package func token(for code: DossierCode) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(code.text.utf8), using: SymmetricKey(data: keyBytes))
        return Data(mac).prefix(18).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    package func opens(_ token: String, _ code: DossierCode) -> Bool {
        CitizenRegistration.constantTimeEqual(token, self.token(for: code))
    }
}
