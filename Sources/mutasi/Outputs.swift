import MutasiGraph

// What each command that writes files reads and writes: `Mutasi.main` refuses, before any work, an
// output that is one of the inputs or holds one (`WriteGuard`). A new input or output option is
// added here too.

extension Analyze: WritesFiles {
    var inputFiles: [String] {
        transferInputs.transfers + [elections] + [ties, units, ruleInputs.approvals, ruleInputs.rules, aliasInput.aliases, reports, key.keyFile].compactMap { $0 }
    }
    var outputFolders: [String] { [out] }
}

extension Demo: WritesFiles {
    var inputFiles: [String] { Demo.inputs(examples).all }
    var outputFolders: [String] { [out] }
}

extension Graph: WritesFiles {
    var inputFiles: [String] { inputs.transfers + [ties, elections, aliasInput.aliases].compactMap { $0 } }
    var outputFiles: [String?] { [output] }
}

extension Waves: WritesFiles {
    var inputFiles: [String] { inputs.transfers + [elections] + [ruleInputs.rules, ruleInputs.approvals, aliasInput.aliases].compactMap { $0 } }
    var outputFiles: [String?] { [chart] }
}

extension Export: WritesFiles {
    var inputFiles: [String] { inputs.transfers + database.inputFiles }
    var outputFiles: [String?] { [out] }
}

extension SynthCommand: WritesFiles {
    var inputFiles: [String] { [] }
    var outputFolders: [String] { [out] }
}

extension Panel: WritesFiles {
    var inputFiles: [String] { panelInputs.inputFiles }
    var outputFiles: [String?] { [out] }
}

extension EventStudyCommand: WritesFiles {
    var inputFiles: [String] { panelInputs.inputFiles }
    var outputFiles: [String?] { [plot] }
}

extension Careers: WritesFiles {
    var inputFiles: [String] { inputs.transfers + [elections, ties, aliasInput.aliases].compactMap { $0 } }
    var outputFiles: [String?] { [out, people] }
}
