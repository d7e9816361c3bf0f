/// A network drawn as a picture: picks the engine (automatic unless given), sets the DOT options
/// that engine needs, and renders. One place, so every command draws the same way.
public enum Diagram {
    public struct Result: Sendable {
        public var dot: String
        public var engine: GraphvizRenderer.Engine
    }

    /// The DOT for `network` laid out by `engine` (nil = automatic by size).
    public static func dot(_ network: Network, title: String?, engine: GraphvizRenderer.Engine? = nil) throws(GraphvizRenderer.RenderError) -> Result {
        let chosen: GraphvizRenderer.Engine
        if let engine { chosen = engine } else { chosen = try GraphvizRenderer.automaticEngine(nodes: network.nodeCount) }
        if chosen == .dot && network.nodeCount > GraphvizRenderer.dotLimit {
            throw GraphvizRenderer.RenderError(
                message: "dot fails or runs for minutes above \(GraphvizRenderer.dotLimit) nodes (this network has \(network.nodeCount))",
                advice: "Use --engine sfdp, or draw a part: --region, --person or --decree")
        }
        var options = DOTWriter.Options()
        options.title = title
        // clusters only mean something to dot; spline routing with the force-directed engines takes
        // minutes beyond a few hundred nodes (MEASUREMENTS.md)
        options.clusterByUnit = chosen == .dot
        options.straightEdges = chosen != .dot
        return Result(dot: DOTWriter(options: options).write(network), engine: chosen)
    }

    public static func render(_ network: Network, title: String?, engine: GraphvizRenderer.Engine? = nil,
                              format: GraphvizRenderer.Format) throws(GraphvizRenderer.RenderError) -> (data: [UInt8], engine: GraphvizRenderer.Engine) {
        let d = try dot(network, title: title, engine: engine)
        return (Array(try GraphvizRenderer.render(dot: d.dot, engine: d.engine, format: format)), d.engine)
    }
}
