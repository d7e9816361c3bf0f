import MutasiModel

extension Tie {
    /// True when the tie is of one of `people` or points at one of them: the ties a picture of
    /// those people shows.
    public func touches(_ people: Set<NIP>) -> Bool {
        if people.contains(nip) { return true }
        if case .person(let other) = relatedTo { return people.contains(other) }
        return false
    }
}
