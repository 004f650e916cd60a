import Foundation

/// How the applicant asked to receive the result (hình thức nhận kết quả), chosen when filing: at the one-stop desk,
/// by the public postal service to an address (Decision 45/2016/QĐ-TTg lets applicants receive results by public
/// post, paying the postage), or as the electronic copy in their account. Kept with the receipt event and printed on
/// the receipt.
public enum ResultDelivery: String, Sendable, Codable, CaseIterable {
    case atDesk
    case post
    case electronic

    public var title: String {
        switch self {
        case .atDesk: "Nhận trực tiếp tại Bộ phận Một cửa"
        case .post: "Nhận qua dịch vụ bưu chính công ích"
        case .electronic: "Nhận bản điện tử trong tài khoản"
        }
    }

    /// What the choice means for the applicant, under its title.
    public var hint: String {
        switch self {
        case .atDesk: "Mang giấy tiếp nhận và giấy tờ tùy thân khi đến nhận."
        case .post: "Kết quả được gửi đến địa chỉ ông/bà ghi dưới đây; cước phí bưu chính do người nhận trả theo giá dịch vụ."
        case .electronic: "Tải kết quả tại trang hồ sơ trong “Hồ sơ của tôi” khi có kết quả."
        }
    }

    /// The choice with its postal address checked: a postal delivery needs an address (at most 300 characters, one line).
    public static func read(_ value: String?, address: String?) -> Result<Choice, DeliveryProblems> {
        guard let value, let delivery = ResultDelivery(rawValue: value) else {
            return .failure(DeliveryProblems(fields: ["delivery": "Vui lòng chọn cách nhận kết quả."]))
        }
        guard delivery == .post else { return .success(Choice(delivery)) }
        let address = (address ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if address.isEmpty { return .failure(DeliveryProblems(fields: ["address": "Vui lòng nhập địa chỉ nhận kết quả qua bưu chính."])) }
        if address.count > 300 || address.contains(where: \.isNewline) {
            return .failure(DeliveryProblems(fields: ["address": "Địa chỉ tối đa 300 ký tự, trên một dòng."]))
        }
        return .success(Choice(delivery, address: address))
    }

    /// The delivery fields refused, with why ("delivery", "address").
    public struct DeliveryProblems: Error, Equatable, Sendable {
        public var fields: [String: String]
    }
}

extension ResultDelivery {
    /// The choice as kept with the dossier: how, and where for a postal delivery.
    public struct Choice: Sendable, Equatable {
        public var delivery: ResultDelivery
        public var address: String?

        public init(_ delivery: ResultDelivery, address: String? = nil) {
            self.delivery = delivery
            self.address = delivery == .post ? address : nil
        }

        /// "Nhận qua dịch vụ bưu chính công ích: 12 Lý Thái Tổ, …".
        public var text: String { delivery.title + (address.map { ": \($0)" } ?? "") }

        /// Its fields in the receipt event's detail.
        public var detail: [String: String] {
            var values = ["delivery": delivery.rawValue]
            values["deliveryAddress"] = address
            return values
        }

        /// The choice kept with a dossier's receipt event, if the applicant made one (online filing).
        public init?(receiptEvent event: DossierEvent) {
            guard let delivery = event.receiptValue("delivery").flatMap(ResultDelivery.init(rawValue:)) else { return nil }
            self.init(delivery, address: event.receiptValue("deliveryAddress"))
        }
    }
}
