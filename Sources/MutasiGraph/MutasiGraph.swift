// The library users import: it re-exports the targets below it, so `import MutasiGraph` gives the
// whole public API while each target's dependencies stay one-way (docs/ARCHITECTURE.md).
@_exported import MutasiSupport
@_exported import MutasiModel
@_exported import MutasiIngest
@_exported import MutasiNetwork
@_exported import MutasiAnalysis
@_exported import MutasiSynth
@_exported import MutasiRender
@_exported import MutasiReport
@_exported import MutasiPipeline
