import Foundation

/// A region's name reduced for matching: case, punctuation and spelling of its kind folded
/// (Kab./Kabupaten, Kota/Kotamadya/Kodya, Prov./Provinsi/Propinsi), so "Kab. Tanah Merah" and
/// "KABUPATEN TANAH MERAH" are one region, while Kota Bekasi and Kabupaten Bekasi stay two.
package enum RegionName {
    static let kinds: [String: String] = [
        "kab": "kabupaten", "kabupaten": "kabupaten", "kota": "kota", "kotamadya": "kota", "kodya": "kota",
        "kot": "kota", "prov": "provinsi", "provinsi": "provinsi", "propinsi": "provinsi", "pemkab": "kabupaten",
        "pemkot": "kota", "pemprov": "provinsi",
    ]

    package static func key(_ s: String) -> String {
        var words = MatchText.words(s).map(\.word)
        if words.count > 1 {
            if words[0] == "kota", words[1] == "madya" { words.removeFirst(); words[0] = "kota" }
            if let k = kinds[words[0]] { words[0] = k }
        }
        return words.joined()
    }

    package static func same(_ a: String, _ b: String) -> Bool { key(a) == key(b) }

    /// The region's kind from its name, when it says: `provinsi`, `kabupaten`, `kota`.
    package static func kind(_ s: String) -> String? {
        let k = key(s)
        return ["provinsi", "kabupaten", "kota"].first { k.hasPrefix($0) && k.count > $0.count }
    }
}
