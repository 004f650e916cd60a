/// Passwords that attackers try first: the most common ones in published breach corpora, and words a
/// Vietnamese public-service user is likely to choose (the product's name, the city, "mật khẩu").
/// Compared in folded form (lowercase, no diacritics, no spaces).
enum CommonPasswords {
    static func contains(_ folded: String) -> Bool {
        if list.contains(folded) { return true }
        // A common word followed by digits or a year ("hanoi2026", "password123").
        let stem = String(folded.reversed().drop(while: { $0.isNumber || $0 == "!" || $0 == "@" }).reversed())
        return stem.count >= 4 && stem != folded && list.contains(stem)
    }

    static let list: Set<String> = [
        "123456", "1234567", "12345678", "123456789", "1234567890", "0123456789", "12345", "1234", "111111",
        "000000", "123123", "123321", "654321", "666666", "777777", "7777777", "121212", "112233", "131313",
        "159753", "987654321", "11111111", "555555", "1q2w3e4r", "1q2w3e4r5t", "1q2w3e4r5t6y", "q1w2e3r4",
        "1qaz2wsx", "zaq12wsx", "qazwsx", "qwerty", "qwertyu", "qwertyui", "qwertyuiop", "qwerty123",
        "asdfgh", "asdfghjk", "asdfghjkl", "zxcvbn", "zxcvbnm", "123qwe", "qwe123", "abc123", "abc12345",
        "abcd1234", "a123456", "123456a", "aa123456", "password", "password1", "password123", "passw0rd",
        "p@ssw0rd", "p@ssword", "pass", "pass1234", "passpass", "admin", "admin123", "administrator", "root",
        "toor", "changeme", "secret", "letmein", "welcome", "welcome1", "login", "master", "dragon", "monkey",
        "shadow", "sunshine", "princess", "iloveyou", "iloveyou1", "football", "baseball", "soccer", "hockey",
        "superman", "batman", "starwars", "trustno1", "freedom", "whatever", "qazxswedc", "michael", "jennifer",
        "jordan", "hunter", "buster", "charlie", "thomas", "daniel", "andrew", "ashley", "jessica", "michelle",
        "nicole", "amanda", "matthew", "robert", "george", "computer", "internet", "samsung", "google",
        "facebook", "maggie", "ginger", "pepper", "cheese", "summer", "killer", "mustang", "harley", "tigger",
        "ranger", "matrix", "thunder", "taylor", "access", "yankees", "dallas", "austin", "chelsea", "liverpool",
        "arsenal", "manchester", "matkhau", "matkhau123", "matkhaumoi", "anhyeuem", "emyeuanh", "yeuem",
        "yeuanh", "iloveu", "hanoi", "hanoi123", "hanoi2025", "hanoi2026", "thudo", "vietnam", "vietnam123",
        "vietnamvodich", "saigon", "hochiminh", "motcua", "motcua123", "dichvucong", "dichvucong123", "cchc",
        "congdan", "canbo", "ubnd", "quantri", "quantri123", "khongbiet", "conmeo", "concho", "hoahong",
        "abcdef", "abcdefg", "abcdefgh", "aaaaaa", "zzzzzz", "qwertyasdf", "passwordpassword",
    ]
}
