import Crypto
import Foundation

/// The SHA-256 of a text's UTF-8 bytes in lowercase hex: audit-row hashes and stored session keys.
func sha256Hex(_ text: String) -> String {
    sha256Hex(Data(text.utf8))
}

/// The SHA-256 of bytes in lowercase hex: stored files' names.
func sha256Hex(_ data: Data) -> String {
    SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
}
