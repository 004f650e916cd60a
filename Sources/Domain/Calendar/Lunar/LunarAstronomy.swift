import Foundation

/// The two astronomical quantities the Vietnamese lunar calendar is built on, in the low-precision forms of
/// Jean Meeus, *Astronomical Algorithms* (2nd ed., 1998): the instant of the k-th new moon (ch. 49, with the
/// main periodic terms) and the apparent longitude of the sun (ch. 25). This is the model of Hồ Ngọc Đức's
/// "Thuật toán tính âm lịch" (2004), which Vietnamese calendars follow; see docs/CALENDAR.md.
enum LunarAstronomy {
    static let radiansPerDegree = Double.pi / 180
    /// The Julian Date of the new moon of 1900-01-01, from which new moons are counted (k = 0).
    static let epochNewMoon = 2_415_021.076998695
    static let synodicMonth = 29.530588853

    /// The Julian Date (UT) of the k-th new moon after the epoch.
    static func newMoon(_ k: Int) -> Double {
        let k = Double(k)
        let t = k / 1236.85
        let t2 = t * t, t3 = t2 * t
        let dr = radiansPerDegree
        var jd = 2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
        jd += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
        let sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * dr
        let moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * dr
        let latitude = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * dr
        var correction = (0.1734 - 0.000393 * t) * sin(sunAnomaly) + 0.0021 * sin(2 * sunAnomaly)
        correction += -0.4068 * sin(moonAnomaly) + 0.0161 * sin(2 * moonAnomaly) - 0.0004 * sin(3 * moonAnomaly)
        correction += 0.0104 * sin(2 * latitude) - 0.0051 * sin(sunAnomaly + moonAnomaly) - 0.0074 * sin(sunAnomaly - moonAnomaly)
        correction += 0.0004 * sin(2 * latitude + sunAnomaly) - 0.0004 * sin(2 * latitude - sunAnomaly)
        correction += -0.0006 * sin(2 * latitude + moonAnomaly) + 0.0010 * sin(2 * latitude - moonAnomaly)
        correction += 0.0005 * sin(2 * moonAnomaly + sunAnomaly)
        // ΔT (TT − UT) in days, a polynomial fit on each side of 1900.
        let deltaT =
            t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2
        return jd + correction - deltaT
    }

    /// The apparent longitude of the sun, in radians in [0, 2π), at Julian Date `jd`.
    static func sunLongitude(_ jd: Double) -> Double {
        let t = (jd - 2_451_545.0) / 36525
        let t2 = t * t
        let dr = radiansPerDegree
        let meanAnomaly = (357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * dr
        let meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2
        var center = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(meanAnomaly)
        center += (0.019993 - 0.000101 * t) * sin(2 * meanAnomaly) + 0.000290 * sin(3 * meanAnomaly)
        let longitude = (meanLongitude + center) * dr
        return longitude - 2 * Double.pi * (longitude / (2 * Double.pi)).rounded(.down)
    }
}
