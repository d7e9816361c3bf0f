#!/usr/bin/env python3
"""Narrow MutasiGraph's public API to an allowlist: every `public` declaration in the library's
targets that users do not need becomes `package` (tests use @testable import, the CLI is in the
same package).

    narrow-public.py [REPO] [--allowlist FILE] [--dry-run] [--explain]

REPO defaults to the repository this script is in; the allowlist to REPO/scripts/public-api.txt.

Allowlist lines (# starts a comment):
    TypeName            the type stays public with its data: stored properties, initialisers,
                        subscripts, nested types, and the members that conform it to a protocol
                        (description, encode, ==, ...); its methods and computed properties only
                        when listed below or named by an outside user
    TypeName.*          the type with every public member
    Outer.Inner         a nested type: it, its data and the types around it stay public
    Type.member         one method or computed property (all overloads of the name) stays public
    -Type.member        a member that becomes package all the same
    func name           a top-level function, constant or variable that stays public
    ~TypeName           a type that stays public only around its nested types (which a kept
                        declaration names): its own members become package
    !TypeName           machinery users do not need: the type never stays public because a kept
                        declaration names it; that declaration becomes package instead (a stored
                        property's default value counts only when its type is not written)

On top of the list, the script keeps public:
  * every type named in the source of the outside users: Benchmarks/Sources, Fuzz/Sources and the
    Swift blocks of README.md and docs/*.md (they import MutasiGraph as a user does);
  * every type of ours named in a kept declaration's header (parameter, result, property,
    conformance, generic constraint, default value) or in a kept enum's cases, until nothing more
    is added, since a public declaration cannot use a package type.

`@_spi(...) public` and `@inlinable public` declarations (and the types around them, with their
members) are left as they are: Swift 6.3 does not inline a package function into another module,
so an @inlinable function shared across targets must stay public (or SPI, as FastHash is).

Idempotent: it only turns `public` into `package`, never back, and a second run finds nothing to do.
"""
import os
import re
import sys

TYPE_KW = ("struct", "enum", "class", "protocol", "actor", "extension")
MODS = (r"(?:@[\w.]+(?:\([^)]*\))?\s+|(?:public|package|private|fileprivate|internal|open|final|static|class|indirect|"
        r"nonisolated|mutating|nonmutating|override|convenience|required|lazy|weak|unowned|dynamic|"
        r"private\(set\)|package\(set\)|internal\(set\))\s+)*")
DECL_LINE = re.compile(r"^\s*}?\s*" + MODS + r"(struct|enum|class|protocol|actor|extension|func|var|let|init|subscript|case|"
                       r"typealias|deinit|if|else|for|while|guard|switch|return|do|catch|defer|repeat|get|set|willSet|didSet)\b")
TYPE_DECL = re.compile(r"^\s*}?\s*" + MODS + r"(struct|enum|class|protocol|actor|extension)\s+([A-Za-z_][\w.]*)")
PUBLIC = re.compile(r"\bpublic\b")
IDENT = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")


def closing_brace(text, start):
    """The index of the brace closing the block that opens at `start` (a `{`), or len(text)."""
    depth, k = 0, start
    while k < len(text):
        if text[k] == "{":
            depth += 1
        elif text[k] == "}":
            depth -= 1
            if depth == 0:
                break
        k += 1
    return k


def mask(src):
    """The source with comments and string literals' contents blanked (newlines kept), so braces
    and keywords can be found by position; interpolations stay visible as code."""
    out = list(src)
    i, n = 0, len(src)

    def blank(a, b):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    def string(i):
        # i at the opening quote(s), after any leading #s; returns the index after the literal
        j = i
        hashes = 0
        while j > 0 and src[j - 1 - hashes] == "#":
            hashes += 1
        multi = src.startswith('"""', i)
        q = '"""' if multi else '"'
        j = i + len(q)
        close = q + "#" * hashes
        start = j
        while j < n:
            if src.startswith(close, j):
                blank(start, j)
                return j + len(close)
            if src[j] == "\\" and src[j + 1:j + 1 + hashes] == "#" * hashes:
                k = j + 1 + hashes
                if k < n and src[k] == "(":
                    blank(start, j)
                    j = code(k + 1, ")")
                    start = j
                    continue
                j = k + 1
                continue
            if not multi and src[j] == "\n":
                blank(start, j)
                return j
            j += 1
        blank(start, n)
        return n

    def code(i, until=None):
        depth = 0
        while i < n:
            c = src[i]
            if src.startswith("//", i):
                e = src.find("\n", i)
                e = n if e < 0 else e
                blank(i, e)
                i = e
            elif src.startswith("/*", i):
                d, j = 1, i + 2
                while j < n and d:
                    if src.startswith("/*", j):
                        d += 1
                        j += 2
                    elif src.startswith("*/", j):
                        d -= 1
                        j += 2
                    else:
                        j += 1
                blank(i, j)
                i = j
            elif c == '"':
                i = string(i)
            elif c == "#" and re.match(r'#+"', src[i:i + 8]):
                k = i
                while src[k] == "#":
                    k += 1
                i = string(k)
            elif until and c == "(":
                depth += 1
                i += 1
            elif until and c == ")":
                if depth == 0:
                    return i + 1
                depth -= 1
                i += 1
            else:
                i += 1
        return i

    code(0)
    return "".join(out)


# members that conform a type to a protocol (the standard library's or ours): they must be as
# public as the type
CONFORMING = {"description", "debugDescription", "encode", "hash", "hashValue", "==", "<", "<=", ">", ">=", "id",
              "rawValue", "allCases", "makeIterator", "next", "callAsFunction", "errorDescription", "waves", "legalFlags",
              "loyalty", "retaliation", "defaultValueDescription", "next", "startIndex", "endIndex", "index", "count"}


class Decl:
    def __init__(self, file, pos, path, kind, name, header, stored):
        self.file, self.pos, self.path, self.kind, self.name, self.header = file, pos, path, kind, name, header
        self.stored = stored

    @property
    def full(self):
        return ".".join(self.path + [self.name]) if self.kind in TYPE_KW else ".".join(self.path)


def header_at(m, pos):
    """The declaration's header from `pos`: to its body's brace or the end of its last line."""
    depth, i, n = 0, pos, len(m)
    while i < n:
        c = m[i]
        if c in "([<":
            depth += 1
        elif c in ")]>" and depth:
            depth -= 1
        elif c == "{" and depth == 0:
            return m[pos:i]
        elif c == "\n" and depth == 0:
            rest = m[i + 1:i + 80].lstrip()
            if not (rest.startswith("->") or rest.startswith("where") or rest.startswith("throws")):
                return m[pos:i]
        i += 1
    return m[pos:]


def scan(path):
    src = open(path, encoding="utf-8").read()
    m = mask(src)
    lines_start = [0] + [i + 1 for i, c in enumerate(m) if c == "\n"]

    def line_of(pos):
        lo, hi = 0, len(lines_start) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if lines_start[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def line_text(k):
        e = lines_start[k + 1] - 1 if k + 1 < len(lines_start) else len(m)
        return m[lines_start[k]:e]

    # scopes: for each brace, the type it opens (or None)
    stack, events = [], []  # events: (pos, kind, payload)
    for i, c in enumerate(m):
        if c == "{":
            name, kind = None, None
            k = line_of(i)
            for back in range(k, max(-1, k - 8), -1):
                t = line_text(back)
                if back == k:
                    t = t[:i - lines_start[k]]
                if DECL_LINE.match(t):
                    tm = TYPE_DECL.match(t)
                    if tm:
                        kind, name = tm.group(1), tm.group(2).split("<")[0]
                    break
            stack.append((name, kind, i))
        elif c == "}" and stack:
            name, kind, start = stack.pop()
            if name:
                events.append((start, i, [s[0] for s in stack if s[0]], name, kind))
    types = []  # (full path, kind, body start, body end, file)
    for start, end, outer, name, kind in events:
        if kind == "extension":
            continue
        types.append((".".join(outer + [name]), kind, start, end))

    def path_at(pos):
        p = []
        for start, end, outer, name, kind in events:
            if start < pos < end:
                p.append((start, name, kind))
        p.sort()
        full = []
        for _, name, kind in p:
            # an extension names its type in full (`extension Investigation.Parameters`)
            full = name.split(".") if kind == "extension" else full + [name]
        return full

    decls = []
    for mt in PUBLIC.finditer(m):
        pos = mt.start()
        h = header_at(m, pos)
        km = re.match(MODS + r"(struct|enum|class|protocol|actor|extension|typealias|func|var|let|init|subscript|case)\b\s*(`?[A-Za-z_][\w.]*`?|[=<>!+\-*/%&|^~]+)?", h)
        if not km:
            continue
        kind, name = km.group(1), km.group(2) or ""
        if kind == "init":
            name = "init"
        elif kind == "subscript":
            name = "subscript"
        path_ = path_at(pos)
        if kind in ("struct", "enum", "class", "protocol", "actor", "typealias"):
            kind = "struct" if kind == "typealias" else kind
        # a `var` whose header ends at a brace is computed (or observed: kept as computed)
        stored = kind == "let" or (kind == "var" and m[pos + len(h):pos + len(h) + 1] != "{")
        d = Decl(path, pos, path_, kind, name.strip("`"), h, stored)
        # `@_spi(...) public`: public only to the package's targets that import the SPI, so that
        # @inlinable code inlines across them (a package function does not); left as it is
        attrs = m[m.rfind("\n", 0, m.rfind("\n", 0, pos)):pos]
        d.spi = "@_spi(" in attrs
        # Swift 6.3 does not inline a package function into another module, @inlinable or not
        d.inlinable = "@inlinable" in attrs
        # an @inlinable body is part of the API: what it names must be public too
        line_start = m.rfind("\n", 0, m.rfind("\n", 0, pos))
        d.body = ""
        if "@inlinable" in m[line_start:pos] and m[pos + len(h):pos + len(h) + 1] == "{":
            d.body = m[pos + len(h):closing_brace(m, pos + len(h))]
        decls.append(d)
    # every @inlinable body, whatever its access: what it names must stay public (a package
    # declaration cannot be used from an inlinable body unless @usableFromInline)
    inline = []
    for mt in re.finditer(r"@inlinable\b", m):
        j = m.find("{", mt.end())
        if j < 0:
            continue
        inline.append(m[mt.end():closing_brace(m, j)])
    scan.inline.extend(inline)
    return src, m, decls, types


scan.inline = []


def outside_identifiers(repo):
    names = set()
    for d in ("Benchmarks/Sources", "Fuzz/Sources"):
        for root, _, files in os.walk(os.path.join(repo, d)):
            for f in files:
                if f.endswith(".swift"):
                    names |= set(IDENT.findall(mask(open(os.path.join(root, f), encoding="utf-8").read())))
    docs = [os.path.join(repo, "README.md")] + [os.path.join(repo, "docs", f) for f in os.listdir(os.path.join(repo, "docs")) if f.endswith(".md")]
    for p in docs:
        for block in re.findall(r"```swift\n(.*?)```", open(p, encoding="utf-8").read(), re.S):
            names |= set(IDENT.findall(block))
    return names


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    repo = args[0] if args else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    allow_path = os.path.join(repo, "scripts", "public-api.txt")
    if "--allowlist" in sys.argv:
        allow_path = sys.argv[sys.argv.index("--allowlist") + 1]
        if allow_path in args:
            args.remove(allow_path)
            repo = args[0] if args else "."
    dry, explain = "--dry-run" in sys.argv, "--explain" in sys.argv

    kept_types, kept_members, denied, free, whole, machinery, namespaces = set(), set(), set(), set(), set(), set(), set()
    for raw in open(allow_path, encoding="utf-8"):
        line = raw.split("#")[0].strip()
        if not line:
            continue
        if line.startswith("func "):
            free.add(line[5:].strip())
        elif line.endswith(".*"):
            kept_types.add(line[:-2])
            whole.add(line[:-2])
        elif line.startswith("!"):
            machinery.add(line[1:])
        elif line.startswith("~"):
            namespaces.add(line[1:])
        elif line.startswith("-"):
            denied.add(line[1:])
        else:
            kept_types.add(line)  # resolved below: a type, or else a Type.member

    files = []
    for root, dirs, fs in os.walk(os.path.join(repo, "Sources")):
        rel = os.path.relpath(root, os.path.join(repo, "Sources")).split(os.sep)[0]
        if not rel.startswith("Mutasi") or rel == "MutasiGraph":
            continue
        for f in sorted(fs):
            if f.endswith(".swift"):
                files.append(os.path.join(root, f))
    scanned = {f: scan(f) for f in sorted(files)}
    all_types = {}  # full name -> kind
    for f, (_, _, _, types) in scanned.items():
        for full, kind, _, _ in types:
            if kind != "inline":
                all_types[full] = kind
    by_last = {}
    for full in all_types:
        by_last.setdefault(full.split(".")[-1], set()).add(full)

    # allowlist entries that are not types are members
    for e in list(kept_types):
        if e not in all_types:
            kept_types.discard(e)
            kept_members.add(e)
    why = {t: "allowlist" for t in kept_types}
    # only the outside users: the bodies of kept @inlinable declarations are added below, and a
    # package @inlinable body may use package declarations
    outside = outside_identifiers(repo)
    outside_names = {p for ident in outside for p in ident.split(".")}
    for ident in outside:
        for part in ident.split("."):
            for t in by_last.get(part, ()):
                if "." not in t and t not in kept_types and t not in machinery:
                    kept_types.add(t)
                    why[t] = "used by Benchmarks, Fuzz or a documented example"
        if ident in all_types and ident not in kept_types and ident not in machinery:
            kept_types.add(ident)
            why[ident] = "used by Benchmarks, Fuzz or a documented example"

    def with_outer(t):
        parts = t.split(".")
        return {".".join(parts[:k]) for k in range(1, len(parts) + 1)}

    def type_kept(path):
        # a member of `path` (a list) stays public when its type, or a type around it, is kept
        full = ".".join(path)
        return any(".".join(path[:k]) in kept_types for k in range(1, len(path) + 1)) and full in all_types or full in kept_types

    def names_machinery(d):
        h = d.header
        if d.stored:
            # a default value names the property's type only when the header does not
            typed, _, default = h.partition(" = ")
            h = typed if ":" in typed else h
        ctx = d.path + ([d.name] if d.kind in TYPE_KW else [])
        return any(t in machinery for ident in IDENT.findall(h + d.body) for t in resolve(ident, ctx))

    def decl_kept(d):
        if any(".".join(d.path[:k]) in machinery for k in range(1, len(d.path) + 1)):
            return False  # inside machinery
        if d.kind in ("struct", "enum", "class", "protocol", "actor"):
            if ".".join(d.path + [d.name]) in machinery:
                return False
            full = ".".join(d.path + [d.name])
            return full in kept_types or any(".".join(d.path[:k]) in kept_types for k in range(1, len(d.path) + 1))
        if d.kind == "extension":
            return False
        if names_machinery(d):
            return False
        if not d.path:
            return d.name in free
        member = ".".join(d.path + [d.name])
        if member in denied:
            return False
        if member in kept_members:
            return True
        if ".".join(d.path) in namespaces:
            return False
        if not type_kept(d.path):
            return False
        if d.kind in ("func", "var") and not d.stored and not any(".".join(d.path[:k]) in whole for k in range(1, len(d.path) + 1)):
            # a method or computed property: public when a user is known to call it
            return d.name in CONFORMING or d.name in outside_names
        return True

    def resolve(ident, context):
        out = set()
        parts = ident.split(".")
        if ident in all_types:
            out.add(ident)
        for k in range(len(context), -1, -1):
            cand = ".".join(context[:k] + parts)
            if cand in all_types:
                out.add(cand)
                break
        if not out:
            for p in parts:
                out |= {t for t in by_last.get(p, ()) if "." not in t}
        return out

    changed = True
    while changed:
        changed = False
        for t in list(kept_types):
            for o in with_outer(t):
                if o in all_types and o not in kept_types and o not in machinery:
                    kept_types.add(o)
                    why[o] = f"encloses {t}"
                    changed = True
        for f, (src, m, decls, types) in scanned.items():
            for d in decls:
                if not decl_kept(d):
                    continue
                ctx = d.path + ([d.name] if d.kind in TYPE_KW else [])
                for ident in IDENT.findall(d.body):
                    for part in ident.split("."):
                        if part not in outside_names:
                            outside_names.add(part)
                            changed = True
                for ident in IDENT.findall(d.header + d.body):
                    for t in resolve(ident, ctx):
                        if t not in kept_types and t not in machinery:
                            kept_types.add(t)
                            why[t] = f"named by {'.'.join(d.path + [d.name])}"
                            changed = True
            # a kept enum's cases and a kept protocol's requirements name types too
            for full, kind, start, end in types:
                if kind not in ("enum", "protocol") or full not in kept_types:
                    continue
                body = m[start + 1:end]
                lines, depth = [], 0
                for l in body.split("\n"):
                    # the type's own lines: a protocol's requirements, an enum's cases (not a switch's)
                    if depth == 0 and (kind == "protocol" or re.match(r"\s*(indirect\s+)?case\b", l)):
                        lines.append(l)
                    depth += l.count("{") - l.count("}")
                for l in lines:
                    for ident in IDENT.findall(l):
                        for t in resolve(ident, full.split(".")):
                            if t not in kept_types and t not in machinery:
                                kept_types.add(t)
                                why[t] = f"named by {full}'s cases or requirements"
                                changed = True

    spi = {".".join(d.path + [d.name]) for _, _, decls, _ in scanned.values() for d in decls if d.spi and d.kind in TYPE_KW}

    # a type with an @inlinable public member stays public, and so does the member
    inline_types = {".".join(d.path[:k]) for _, _, decls, _ in scanned.values() for d in decls if d.inlinable
                    for k in range(1, len(d.path) + 1)}

    def in_spi(d):
        if d.kind in TYPE_KW and ".".join(d.path + [d.name]) in inline_types:
            return True
        return d.spi or d.inlinable or any(".".join(d.path[:k]) in spi for k in range(1, len(d.path) + 1))

    total = narrowed = 0
    for f, (src, m, decls, types) in scanned.items():
        edits = [d.pos for d in decls if not decl_kept(d) and not in_spi(d)]
        total += len(decls)
        narrowed += len(edits)
        if edits and not dry:
            out = src
            for pos in sorted(edits, reverse=True):
                assert out[pos:pos + 6] == "public"
                out = out[:pos] + "package" + out[pos + 6:]
            open(f, "w", encoding="utf-8").write(out)
    if explain:
        for t in sorted(kept_types):
            print(f"kept {t}: {why.get(t, '')}")
    print(f"{total} public declarations found, {narrowed} {'would become' if dry else 'made'} package, {total - narrowed} kept public",
          file=sys.stderr)


if __name__ == "__main__":
    main()
