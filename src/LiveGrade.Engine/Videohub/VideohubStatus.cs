using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LiveGrade.Engine.Control;

namespace LiveGrade.Engine.Videohub;

/// <summary>
/// LiveGrade's router as a Videohub sees it: input port N is the show's Nth input (camera), output port N the
/// show's Nth output, numbered from zero as the protocol numbers ports. Renders the status blocks from an
/// <see cref="EngineState"/>, whole (the dump on connect, a block asked for by name) or only the items that
/// changed between two states (the broadcast after a change). Lock letters depend on who is asking: "O" for
/// the client's own lock, "L" for another's, "U" for none.
/// </summary>
public static class VideohubStatus
{
    /// <summary>The blocks sent on connect, in the order a Smart Videohub on protocol 2.8 sends them.</summary>
    public static List<VideohubBlock> Dump(EngineState state, string friendlyName, string identity) =>
    [
        Block(VideohubBlocks.Preamble, state, friendlyName, identity)!,
        Block(VideohubBlocks.Device, state, friendlyName, identity)!,
        Block(VideohubBlocks.InputLabels, state, friendlyName, identity)!,
        Block(VideohubBlocks.OutputLabels, state, friendlyName, identity)!,
        Block(VideohubBlocks.OutputLocks, state, friendlyName, identity)!,
        Block(VideohubBlocks.OutputRouting, state, friendlyName, identity)!,
        Block(VideohubBlocks.Configuration, state, friendlyName, identity)!,
        Block(VideohubBlocks.EndPrelude, state, friendlyName, identity)!,
    ];

    /// <summary>One whole status block by its header, or null for a block LiveGrade does not have.</summary>
    public static VideohubBlock? Block(string header, EngineState state, string friendlyName, string identity) => header switch
    {
        VideohubBlocks.Preamble => new(header, [$"Version: {VideohubBlocks.ProtocolVersion}"]),
        VideohubBlocks.Device => new(header,
        [
            "Device present: true",
            "Model name: LiveGrade",
            $"Friendly name: {Printable(friendlyName)}",
            $"Unique ID: {UniqueId(friendlyName)}",
            Invariant($"Video inputs: {state.Cameras.Length}"),
            "Video processing units: 0",
            Invariant($"Video outputs: {state.Outputs.Length}"),
            "Video monitoring outputs: 0",
            "Serial ports: 0",
        ]),
        VideohubBlocks.InputLabels => new(header, [.. state.Cameras.Select((c, i) => Invariant($"{i} {Printable(c.Label)}"))]),
        VideohubBlocks.OutputLabels => new(header, [.. state.Outputs.Select((o, i) => Invariant($"{i} {Printable(o.Label)}"))]),
        VideohubBlocks.OutputLocks => new(header, [.. state.Outputs.Select((o, i) => Invariant($"{i} {LockLetter(o, identity)}"))]),
        VideohubBlocks.OutputRouting => new(header, [.. state.Outputs.Select((o, i) => Invariant($"{i} {InputPort(state, o)}"))]),
        // Take mode (arm, then take) is not offered: every route applies at the next frame boundary.
        VideohubBlocks.Configuration => new(header, ["Take Mode: false"]),
        VideohubBlocks.EndPrelude => new(header, []),
        _ => null,
    };

    /// <summary>What changed between two states, as the blocks a Videohub broadcasts (only changed items; no block when nothing changed).</summary>
    public static List<VideohubBlock> Changes(EngineState before, EngineState after, string identity)
    {
        var blocks = new List<VideohubBlock>(4);
        var inputLabels = new List<string>();
        for (int i = 0; i < after.Cameras.Length && i < before.Cameras.Length; i++)
        {
            if (after.Cameras[i].Label != before.Cameras[i].Label) inputLabels.Add(Invariant($"{i} {Printable(after.Cameras[i].Label)}"));
        }
        var outputLabels = new List<string>();
        var locks = new List<string>();
        var routes = new List<string>();
        for (int i = 0; i < after.Outputs.Length && i < before.Outputs.Length; i++)
        {
            OutputState b = before.Outputs[i], a = after.Outputs[i];
            if (a.Label != b.Label) outputLabels.Add(Invariant($"{i} {Printable(a.Label)}"));
            if (a.LockedBy != b.LockedBy) locks.Add(Invariant($"{i} {LockLetter(a, identity)}"));
            if (!string.Equals(a.Route, b.Route, StringComparison.OrdinalIgnoreCase)) routes.Add(Invariant($"{i} {InputPort(after, a)}"));
        }
        if (inputLabels.Count > 0) blocks.Add(new(VideohubBlocks.InputLabels, inputLabels));
        if (outputLabels.Count > 0) blocks.Add(new(VideohubBlocks.OutputLabels, outputLabels));
        if (locks.Count > 0) blocks.Add(new(VideohubBlocks.OutputLocks, locks));
        if (routes.Count > 0) blocks.Add(new(VideohubBlocks.OutputRouting, routes));
        return blocks;
    }

    /// <summary>"O": locked by <paramref name="identity"/>; "L": locked by anyone else (another panel, the API); "U": unlocked.</summary>
    public static char LockLetter(OutputState output, string identity) =>
        output.LockedBy is null ? 'U' : output.LockedBy == identity ? 'O' : 'L';

    private static int InputPort(EngineState state, OutputState output) => Math.Max(0, state.CameraIndex(output.Route));

    /// <summary>Labels travel on one line: control characters (never accepted by the bus, but possible in a show file's names) become spaces.</summary>
    public static string Printable(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        return string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));
    }

    /// <summary>A stable 12-hex-digit id (a Videohub sends its MAC address) derived from the show's name, so panels recognise the same show.</summary>
    private static string UniqueId(string friendlyName) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(friendlyName)), 0, 6);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
