import MutasiSupport
import MutasiModel

/// Reads an aliases file (`--aliases`): `kind` (person, region or unit), `alias` (as written),
/// `canonical` (the calendar's or units file's spelling), `region` (where it holds; empty:
/// everywhere). Indonesian headers `jenis`, `alias`, `nama_baku`, `daerah` work too.
public enum AliasReader {
    static let schema = TableSchema(what: "aliases file", columns: [
        .init(name: "kind", aliases: ["jenis", "type"], required: true),
        .init(name: "alias", aliases: ["written", "tertulis"], required: true),
        .init(name: "canonical", aliases: ["nama_baku", "baku", "name", "nama"], required: true),
        .init(name: "region", aliases: ["daerah", "wilayah"], required: false),
    ])

    public static func read(path: String) throws(InputError) -> ([NameAlias], IngestReport) {
        try read(FileBytes(path: path, what: "aliases file"))
    }

    public static func read(bytes: [UInt8], name: String) throws(InputError) -> ([NameAlias], IngestReport) {
        try read(FileBytes(bytes: bytes, name: name))
    }

    static func read(_ file: FileBytes) throws(InputError) -> ([NameAlias], IngestReport) {
        let path = file.path
        return try SideTable.read(file, schema: schema) { cur, map, line in
            let kindText = cur.string(map.position[0]).trimmed.lowercased()
            let kind: NameAlias.Kind
            switch kindText {
            case "person", "orang", "signer", "penandatangan", "head": kind = .person
            case "region", "daerah", "wilayah": kind = .region
            case "unit", "opd": kind = .unit
            default: return .failure(SideTable.issue(path, line, map, 0, "kind must be person, region or unit, not '\(kindText)'"))
            }
            let alias = cur.string(map.position[1]).trimmed, canonical = cur.string(map.position[2]).trimmed
            guard !alias.isEmpty else { return .failure(SideTable.issue(path, line, map, 1, "missing alias")) }
            guard !canonical.isEmpty else { return .failure(SideTable.issue(path, line, map, 2, "missing canonical name")) }
            return .success(NameAlias(kind: kind, alias: alias, canonical: canonical, region: cur.string(map.position[3]).trimmed))
        }
    }
}
