using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LiveGrade.Engine.Control;

namespace LiveGrade.Engine.Api;

/// <summary>A CDL as the API shows and takes it: three slopes, offsets and powers, a saturation, and the same as one line of ten numbers.</summary>
public sealed record CdlView(double[] Slope, double[] Offset, double[] Power, double Sat)
{
    /// <summary>"sR sG sB oR oG oB pR pG pB sat", the order `apply --cdl` and `ctl cdl` use (read-only).</summary>
    public string Text => ToValues().ToString();

    public static CdlView From(CdlValues v) =>
        new([v.Slope.R, v.Slope.G, v.Slope.B], [v.Offset.R, v.Offset.G, v.Offset.B], [v.Power.R, v.Power.G, v.Power.B], v.Sat);

    /// <summary>The bus's value; null when an array does not hold exactly three numbers.</summary>
    public CdlValues ToValues() => new(Rgb(Slope), Rgb(Offset), Rgb(Power), Sat);

    public string? ShapeProblem() =>
        Slope is not { Length: 3 } || Offset is not { Length: 3 } || Power is not { Length: 3 }
            ? "slope, offset and power need three numbers each"
            : null;

    private static Rgb Rgb(double[]? a) => a is { Length: 3 } ? new(a[0], a[1], a[2]) : new(double.NaN, double.NaN, double.NaN);

    /// <summary>Reads "sR sG sB oR oG oB pR pG pB sat" (invariant culture), or null with the reason.</summary>
    public static CdlView? Parse(string text, out string? problem)
    {
        var parts = text.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
        problem = "a CDL is ten numbers: \"sR sG sB oR oG oB pR pG pB sat\"";
        if (parts.Length != 10) return null;
        var v = new double[10];
        for (int i = 0; i < 10; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i])) return null;
        }
        problem = null;
        return new([v[0], v[1], v[2]], [v[3], v[4], v[5]], [v[6], v[7], v[8]], v[9]);
    }
}

public sealed record CameraView(string Name, string Label, CdlView Cdl, string[] Luts, int UndoDepth, int RedoDepth, long LookVersion);

public sealed record OutputView(string Name, string Label, string Route, string View, string Display, string? LockedBy)
{
    /// <summary>The output's overlays, in the show file's terms (what a SetOverlays command sends back).</summary>
    public OverlayView? Overlays { get; init; }
}

/// <summary>
/// An output's overlays as the API shows them, field for field as the show file's <c>overlays</c> and the
/// "overlays" command take them: zebra2 as "N" or "LO-HI", scopes by corner, compare with mode, position and angle.
/// </summary>
public sealed record OverlayView(
    bool FalseColor, double Zebra, string? Zebra2, double FrameLines, bool ActionSafe, bool TitleSafe, bool CentreCross, bool Waveform,
    Show.ScopeCornersDefinition Scopes, Show.CompareDefinition Compare)
{
    public static OverlayView From(OverlayState s) => new(
        s.FalseColor, s.Zebra,
        s.Zebra2 is { } z ? (z.HighIre is { } hi ? string.Create(CultureInfo.InvariantCulture, $"{z.LowIre:R}-{hi:R}") : z.LowIre.ToString("R", CultureInfo.InvariantCulture)) : null,
        s.FrameLines, s.ActionSafe, s.TitleSafe, s.CentreCross, s.Waveform,
        OverlayRules.ToDefinition(s.Scopes),
        s.Compare is { } c ? OverlayRules.ToDefinition(c) : new Show.CompareDefinition());
}

public sealed record PresetView(string Name, IReadOnlyDictionary<string, string> Routes);

/// <summary>GET /api/state: everything a person can change, as of <see cref="Sequence"/>.</summary>
public sealed record StateView(string Show, long Sequence, CameraView[] Cameras, OutputView[] Outputs, PresetView[] Presets)
{
    public static StateView From(string show, EngineState s) => new(
        show,
        s.Sequence,
        [.. s.Cameras.Select(c => new CameraView(c.Name, c.Label, CdlView.From(c.Cdl), [.. c.Luts], c.Undo.Count(), c.Redo.Count(), c.LookVersion))],
        [.. s.Outputs.Select(o => new OutputView(o.Name, o.Label, o.Route, o.View, o.Display, o.LockedBy) { Overlays = OverlayView.From(o.Overlays) })],
        [.. s.Presets.Select(p => new PresetView(p.Name, p.Routes))]);
}

/// <summary>GET /api/stats: the engine's live figures.</summary>
public sealed record StatsView(IReadOnlyList<OutputStats> Outputs, IReadOnlyList<InputStats> Inputs);

/// <summary>The answer to a command: 200 when accepted (with its journal sequence), 409 when refused (with the one-line reason).</summary>
public sealed record CommandResponse(bool Accepted, long Sequence, string? Error);

/// <summary>An error body: one line, never a stack trace.</summary>
public sealed record ErrorResponse(string Error);

/// <summary>Body of POST /api/outputs/{name}/route.</summary>
public sealed record RouteRequest(string Input);

/// <summary>Messages on the /api/events WebSocket, told apart by "type".</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(StateEvent), "state")]
[JsonDerivedType(typeof(ChangeEvent), "change")]
[JsonDerivedType(typeof(StatsEvent), "stats")]
public abstract record ApiEvent;

/// <summary>First message on a new event socket: the state every later change applies to.</summary>
public sealed record StateEvent(StateView State) : ApiEvent;

/// <summary>One accepted command: its journal sequence, the state sequence it produced, who, what, and a one-line summary.</summary>
public sealed record ChangeEvent(long Sequence, long StateSequence, string Author, ControlCommand Command, string Summary) : ApiEvent;

/// <summary>The engine's figures, sent periodically.</summary>
public sealed record StatsEvent(IReadOnlyList<OutputStats> Outputs, IReadOnlyList<InputStats> Inputs) : ApiEvent;

/// <summary>JSON settings shared by the API, its tests and `livegrade ctl`.</summary>
public static class ApiJson
{
    /// <summary>
    /// camelCase; the command's "kind" may come anywhere in the object (hand-written JSON rarely puts it first);
    /// NaN and infinities written as strings rather than failing (a stats figure with no frames yet).
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        AllowOutOfOrderMetadataProperties = true,
        MaxDepth = 16,
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static string DescribeOverlays(SetOverlays c)
    {
        var parts = new List<string>();
        if (c.FalseColor is { } fc) parts.Add($"false colour {(fc ? "on" : "off")}");
        if (c.Zebra is { } z) parts.Add(z > 0 ? string.Create(CultureInfo.InvariantCulture, $"zebra {z}") : "zebra off");
        if (c.Zebra2 is { } z2) parts.Add($"zebra2 {z2}");
        if (c.FrameLines is { } f) parts.Add(f > 0 ? string.Create(CultureInfo.InvariantCulture, $"frame lines {f}") : "frame lines off");
        if (c.ActionSafe is { } a) parts.Add($"action safe {(a ? "on" : "off")}");
        if (c.TitleSafe is { } t) parts.Add($"title safe {(t ? "on" : "off")}");
        if (c.CentreCross is { } x) parts.Add($"centre cross {(x ? "on" : "off")}");
        if (c.Waveform is { } w) parts.Add($"waveform {(w ? "on" : "off")}");
        if (c.Scopes is { } s)
        {
            parts.Add($"scopes {s.TopLeft ?? "none"}/{s.TopRight ?? "none"}/{s.BottomLeft ?? "none"}/{s.BottomRight ?? "none"}");
        }
        if (c.Scopes?.Taps is { } taps) parts.Add($"scope taps {taps.TopLeft ?? "output"}/{taps.TopRight ?? "output"}/{taps.BottomLeft ?? "output"}/{taps.BottomRight ?? "output"}");
        if (c.Compare is { } cmp)
        {
            string against = (cmp.Against ?? "clean") switch { "look" => $"look '{cmp.Look?.Name}'", "still" => $"still {cmp.Still}", var other => other };
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"compare {cmp.Mode} at {cmp.Position} {cmp.Angle}° against {against}"));
        }
        return parts.Count == 0 ? "(unchanged)" : string.Join(", ", parts);
    }

    /// <summary>A command in one line for people (ctl watch, logs).</summary>
    public static string Describe(ControlCommand command) => command switch
    {
        SetCdl c => $"camera {c.Camera}: CDL {c.Cdl}",
        SetLuts c => $"camera {c.Camera}: LUTs {string.Join(", ", c.Luts ?? [])}",
        UndoCdl c => $"camera {c.Camera}: undo",
        RedoCdl c => $"camera {c.Camera}: redo",
        Route c => $"output {c.Output}: route {c.Input}",
        RecallPreset c => $"preset {c.Name} recalled",
        SetLabel c => $"{c.Target} {c.Name}: label '{c.Label}'",
        LockOutput c => c.Owner is not null ? $"output {c.Output}: locked by {c.Owner}" : $"output {c.Output}: {(c.Force ? "force " : "")}unlocked",
        SetView c => $"output {c.Output}: view {c.View ?? "(same)"}, display {c.Display ?? "(same)"}",
        SetOverlays c => $"output {c.Output}: overlays {DescribeOverlays(c)}",
        _ => command.GetType().Name,
    };
}
