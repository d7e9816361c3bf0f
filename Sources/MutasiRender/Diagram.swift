import MutasiNetwork

/// A network drawn as a picture: picks the engine (automatic unless given), sets the DOT options
/// that engine needs, and renders. One place, so every command draws the same way.
public enum Diagram {
    public struct Result: Sendable {
        public var dot: String
        public var engine: GraphvizRenderer.Engine
    }

    /// The DOT for `network` laid out by `engine` (nil = automatic by size).
    public static func dot(_ network: Network, title: String?, engine: GraphvizRenderer.Engine? = nil, lang: ReportLanguage = .en) throws(GraphvizRenderer.RenderError) -> Result {
        let chosen: GraphvizRenderer.Engine
        if let engine { chosen = engine } else { chosen = try GraphvizRenderer.automaticEngine(nodes: network.nodeCount) }
        if chosen == .dot && network.nodeCount > GraphvizRenderer.dotLimit {
            throw GraphvizRenderer.RenderError(
                message: "dot fails or runs for minutes above \(GraphvizRenderer.dotLimit) nodes (this network has \(network.nodeCount))",
                advice: "Use --engine sfdp, or draw a part: --region, --person or --decree")
        }
        if chosen != .dot && network.edgeCount > GraphvizRenderer.maxEdges {
            throw GraphvizRenderer.RenderError(
                message: "a picture of \(network.edgeCount) edges would take minutes to lay out and be unreadable",
                advice: "Draw a part of it: --region, --person or --decree, or export GraphML/GEXF for Gephi")
        }
        var options = DOTWriter.Options()
        options.title = title
        options.lang = lang
        // clusters only mean something to dot; spline routing with the force-directed engines takes
        // minutes beyond a few hundred nodes (MEASUREMENTS.md)
        options.clusterByUnit = chosen == .dot
        options.straightEdges = chosen != .dot
        return Result(dot: DOTWriter(options: options).write(network), engine: chosen)
    }

    /// Layouts longer than this are stopped (`GraphvizRenderer.render(dot:engine:format:timeLimit:)`).
    public static let defaultTimeLimit = 60.0

    /// Renders `network`; with a `timeLimit` (seconds) the layout is stopped at the deadline.
    public static func render(_ network: Network, title: String?, engine: GraphvizRenderer.Engine? = nil,
                              format: GraphvizRenderer.Format, timeLimit: Double? = defaultTimeLimit) throws(GraphvizRenderer.RenderError) -> (data: [UInt8], engine: GraphvizRenderer.Engine) {
        let d = try dot(network, title: title, engine: engine)
        if let timeLimit {
            return (Array(try GraphvizRenderer.render(dot: d.dot, engine: d.engine, format: format, timeLimit: timeLimit)), d.engine)
        }
        return (Array(try GraphvizRenderer.render(dot: d.dot, engine: d.engine, format: format)), d.engine)
    }
}
