extension StringProtocol {
    /// Without leading and trailing white space (spaces, tabs, NBSP, newlines).
    package var trimmed: String {
        var s = self[...]
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
