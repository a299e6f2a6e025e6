using System.Collections.Immutable;
using System.Globalization;
using LiveGrade.Color.Overlays.Compare;
using LiveGrade.Color.Overlays.Zebra;
using LiveGrade.Engine.Show;

namespace LiveGrade.Engine.Control;

/// <summary>A scope an output can show as a corner inset (drawn by the scope package's CPU references).</summary>
public enum InsetScope
{
    None,

    /// <summary>Luma waveform, 10-bit codes up, picture columns across.</summary>
    Waveform,

    /// <summary>R', G' and B' waveforms side by side.</summary>
    Parade,

    /// <summary>Cb across, Cr up, with the 75% and 100% bar targets and the skin-tone line.</summary>
    Vectorscope,

    /// <summary>Luma histogram, log scale.</summary>
    Histogram,
}

/// <summary>Where a scope inset reads its signal.</summary>
public enum InsetTap
{
    /// <summary>The output's own picture after its look and display transform (what the monitor shows).</summary>
    Output,

    /// <summary>
    /// The camera's signal as it arrives, before any look (the log signal a DIT checks exposure on), scaled to
    /// the output's size as the output scales it; read as video codes (0..1 = 0..100 IRE) with BT.709 weights.
    /// </summary>
    Camera,
}

/// <summary>Which scope, if any, sits in each corner of an output (one scope a corner), and where each reads its signal.</summary>
public sealed record ScopeInsets(InsetScope TopLeft, InsetScope TopRight, InsetScope BottomLeft, InsetScope BottomRight)
{
    public static readonly ScopeInsets None = new(InsetScope.None, InsetScope.None, InsetScope.None, InsetScope.None);

    public InsetTap TopLeftTap { get; init; }
    public InsetTap TopRightTap { get; init; }
    public InsetTap BottomLeftTap { get; init; }
    public InsetTap BottomRightTap { get; init; }

    /// <summary>The tap of a corner's scope: 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right.</summary>
    public InsetTap Tap(int corner) => corner switch
    {
        0 => TopLeftTap,
        1 => TopRightTap,
        2 => BottomLeftTap,
        3 => BottomRightTap,
        _ => throw new ArgumentOutOfRangeException(nameof(corner)),
    };

    public bool Any => TopLeft != InsetScope.None || TopRight != InsetScope.None || BottomLeft != InsetScope.None || BottomRight != InsetScope.None;

    /// <summary>The scope in a corner: 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right.</summary>
    public InsetScope this[int corner] => corner switch
    {
        0 => TopLeft,
        1 => TopRight,
        2 => BottomLeft,
        3 => BottomRight,
        _ => throw new ArgumentOutOfRangeException(nameof(corner)),
    };
}

/// <summary>What a compare mode shows as B beside the output's own picture (A).</summary>
public enum CompareAgainst
{
    /// <summary>The clean feed of the same camera: the "clean" view through the same display transform and calibration.</summary>
    Clean,

    /// <summary>The same camera's look without its CDL (the "lut" view: the show LUT alone).</summary>
    Lut,

    /// <summary>A second look (<see cref="CompareState.Look"/>: a CDL and LUTs, e.g. recalled from the look library) on the same camera.</summary>
    Look,

    /// <summary>A stored reference still (<see cref="CompareState.Still"/>), shown as it is (a display-referred picture), scaled to the output once.</summary>
    Still,
}

/// <summary>
/// A second look to compare with: its name (for people), CDL and LUTs (paths as the show names them), graded on
/// the output's camera through the same working space, display transform and calibration as the output's view.
/// </summary>
public sealed record SecondLook(string Name, CdlValues Cdl, ImmutableArray<string> Luts)
{
    // Value equality over the LUT list too (ImmutableArray compares by reference), so that the same look sent twice
    // is the same look key and nothing re-bakes.
    public bool Equals(SecondLook? other) =>
        other is not null && Name == other.Name && Cdl == other.Cdl && Luts.AsSpan().SequenceEqual(other.Luts.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Name, Cdl, Luts.Length);
}

/// <summary>
/// A compare mode on a live output: the output's own picture (A: its view, usually graded) against B (see
/// <see cref="Against"/>: the clean feed by default, the look without its CDL, a second look, or a stored still).
/// Split and wipe: <see cref="AngleDegrees"/> turns the divider (0: vertical, A on the left; 90: horizontal, A on
/// top; clockwise as rows go down); <see cref="Position"/> moves it across the picture along its normal, from the
/// corner where B alone shows (0) to the one where A alone shows (1), through the centre at 0.5: for a split (the
/// wipe at angle 0) it is the share of the width that shows A. Side by side: both whole at half size, A left,
/// letterboxed, with a thin divider (position and angle unused).
/// </summary>
public sealed record CompareState(CompareMode Mode, double Position, double AngleDegrees)
{
    public CompareAgainst Against { get; init; } = CompareAgainst.Clean;

    /// <summary>The second look when <see cref="Against"/> is <see cref="CompareAgainst.Look"/>.</summary>
    public SecondLook? Look { get; init; }

    /// <summary>The still's path when <see cref="Against"/> is <see cref="CompareAgainst.Still"/> (relative paths: to the show's folder).</summary>
    public string? Still { get; init; }
}

/// <summary>
/// The checks and conversions shared by the show file (<see cref="OverlayDefinition"/>) and the bus
/// (<see cref="SetOverlays"/>), so both refuse the same values with the same one-line reason, naming the
/// field as the show file spells it.
/// </summary>
public static class OverlayRules
{
    public static readonly string[] ScopeNames = ["none", "waveform", "parade", "vectorscope", "histogram"];
    public static readonly string[] CompareModes = ["off", "split", "wipe", "side-by-side"];
    public static readonly string[] CompareSources = ["clean", "lut", "look", "still"];
    public static readonly string[] TapNames = ["output", "camera"];

    /// <summary>LUTs a second look may hold (as a camera's look).</summary>
    public const int MaxLuts = 8;

    /// <summary>IRE range a zebra level may name (below black to the top of the 10-bit range).</summary>
    public const double ZebraMinIre = -8, ZebraMaxIre = 110;

    /// <summary>The overlays a show file asks for, or null with the reason.</summary>
    public static OverlayState? FromDefinition(OverlayDefinition d, out string? problem)
    {
        problem = null;
        if (!(d.Zebra == 0 || d.Zebra is >= 1 and <= 109)) return Fail("zebra must be 0 (off) or 1..109 IRE", out problem);
        if (!(d.FrameLines == 0 || d.FrameLines is >= 0.1 and <= 10)) return Fail("frameLines must be 0 (off) or an aspect ratio 0.1..10", out problem);
        var zebra2 = ParseZebra2(d.Zebra2, out problem);
        if (problem is not null) return null;
        var scopes = d.Scopes is null ? ScopeInsets.None : ParseScopes(d.Scopes, out problem);
        if (scopes is null) return null;
        var compare = d.Compare is null ? null : ParseCompare(d.Compare, out problem);
        if (problem is not null) return null;
        return new OverlayState(d.FalseColor, d.Zebra, d.FrameLines, d.Waveform)
        {
            Zebra2 = zebra2,
            ActionSafe = d.ActionSafe,
            TitleSafe = d.TitleSafe,
            CentreCross = d.CentreCross,
            Scopes = scopes,
            Compare = compare,
        };
    }

    /// <summary>The overlays after a <see cref="SetOverlays"/> (null fields keep their setting), or null with the reason.</summary>
    public static OverlayState? Change(OverlayState was, SetOverlays c, out string? problem)
    {
        problem = null;
        if (c.Zebra is { } z && !(z == 0 || z is >= 1 and <= 109)) return Fail("zebra must be 0 (off) or 1..109 IRE", out problem);
        if (c.FrameLines is { } f && !(f == 0 || f is >= 0.1 and <= 10)) return Fail("frame lines must be 0 (off) or an aspect ratio 0.1..10", out problem);
        var zebra2 = was.Zebra2;
        if (c.Zebra2 is not null)
        {
            zebra2 = ParseZebra2(c.Zebra2, out problem);
            if (problem is not null) return null;
        }
        var scopes = was.Scopes;
        if (c.Scopes is not null)
        {
            scopes = ParseScopes(c.Scopes, out problem);
            if (scopes is null) return null;
        }
        var compare = was.Compare;
        if (c.Compare is not null)
        {
            compare = ParseCompare(c.Compare, out problem);
            if (problem is not null) return null;
        }
        return new OverlayState(c.FalseColor ?? was.FalseColor, c.Zebra ?? was.Zebra, c.FrameLines ?? was.FrameLines, c.Waveform ?? was.Waveform)
        {
            Zebra2 = zebra2,
            ActionSafe = c.ActionSafe ?? was.ActionSafe,
            TitleSafe = c.TitleSafe ?? was.TitleSafe,
            CentreCross = c.CentreCross ?? was.CentreCross,
            Scopes = scopes,
            Compare = compare,
        };
    }

    /// <summary>
    /// The second zebra: null, "", or "off" (none), "N" (N IRE and above) or "LO-HI" (a band, e.g. "70-80" for
    /// skin), in IRE from -8 to 110, as the `overlay --zebra` verb takes it.
    /// </summary>
    public static ZebraLevel? ParseZebra2(string? text, out string? problem)
    {
        problem = null;
        if (text is null || text.Trim().Length == 0 || text.Trim().Equals("off", StringComparison.OrdinalIgnoreCase)) return null;
        string why = $"zebra2 must be off, a level N or a band LO-HI in IRE ({ZebraMinIre}..{ZebraMaxIre}), not '{Clip(text)}'";
        // A leading minus is a negative level, not a band separator.
        int dash = text.IndexOf('-', 1);
        if (dash < 0)
        {
            if (Ire(text) is { } level) return new ZebraLevel(level);
            problem = why;
            return null;
        }
        if (Ire(text[..dash]) is { } lo && Ire(text[(dash + 1)..]) is { } hi)
        {
            if (lo <= hi) return new ZebraLevel(lo, hi);
            problem = $"zebra2 band '{Clip(text)}' has its low level above its high level";
            return null;
        }
        problem = why;
        return null;
    }

    private static double? Ire(string s) =>
        double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v is >= ZebraMinIre and <= ZebraMaxIre ? v : null;

    public static ScopeInsets? ParseScopes(ScopeCornersDefinition d, out string? problem)
    {
        problem = null;
        InsetScope One(string? name, string field, ref string? why)
        {
            if (why is not null || name is null) return InsetScope.None;
            int i = Array.FindIndex(ScopeNames, n => n.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (i >= 0) return (InsetScope)i;
            why = $"scopes.{field} must be waveform, parade, vectorscope, histogram or none, not '{Clip(name)}'";
            return InsetScope.None;
        }
        InsetTap Tap(string? name, string field, ref string? why)
        {
            if (why is not null || name is null) return InsetTap.Output;
            int i = Array.FindIndex(TapNames, n => n.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (i >= 0) return (InsetTap)i;
            why = $"scopes.taps.{field} must be output or camera, not '{Clip(name)}'";
            return InsetTap.Output;
        }
        var t = d.Taps;
        var insets = new ScopeInsets(
            One(d.TopLeft, "topLeft", ref problem), One(d.TopRight, "topRight", ref problem),
            One(d.BottomLeft, "bottomLeft", ref problem), One(d.BottomRight, "bottomRight", ref problem))
        {
            TopLeftTap = Tap(t?.TopLeft, "topLeft", ref problem),
            TopRightTap = Tap(t?.TopRight, "topRight", ref problem),
            BottomLeftTap = Tap(t?.BottomLeft, "bottomLeft", ref problem),
            BottomRightTap = Tap(t?.BottomRight, "bottomRight", ref problem),
        };
        return problem is null ? insets : null;
    }

    /// <summary>
    /// Off (null), or a split, wipe or side by side against the clean feed, the look without its CDL, a second look
    /// or a still; null with <paramref name="problem"/> set when a value is out of range. Paths are only checked
    /// for shape here: whether a still exists is the engine's business (it says so in one line and shows A whole),
    /// and whether a path from the network may be named at all is the API's (it must lie in the show's folder).
    /// </summary>
    public static CompareState? ParseCompare(CompareDefinition d, out string? problem)
    {
        problem = null;
        string mode = (d.Mode ?? "off").Trim().ToLowerInvariant();
        if (!CompareModes.Contains(mode)) return FailCompare($"compare.mode must be off, split, wipe or side-by-side, not '{Clip(d.Mode ?? "")}'", out problem);
        if (!double.IsFinite(d.Position) || d.Position is < 0 or > 1) return FailCompare("compare.position must be 0..1 (0 all B, 1 all the output's own view)", out problem);
        if (!double.IsFinite(d.Angle) || d.Angle is < -360 or > 360) return FailCompare("compare.angle must be -360..360 degrees", out problem);
        string against = (d.Against ?? "clean").Trim().ToLowerInvariant();
        int source = Array.IndexOf(CompareSources, against);
        if (source < 0) return FailCompare($"compare.against must be clean, lut, look or still, not '{Clip(d.Against ?? "")}'", out problem);
        SecondLook? look = null;
        string? still = null;
        switch ((CompareAgainst)source)
        {
            case CompareAgainst.Look:
                if (d.Look is null) return FailCompare("compare.look is needed with against look (name, cdl, luts)", out problem);
                look = ParseLook(d.Look, out problem);
                if (look is null) return null;
                break;
            case CompareAgainst.Still:
                if (PathShapeProblem(d.Still) is { } why) return FailCompare($"compare.still {why}", out problem);
                still = d.Still!.Trim();
                break;
        }
        var compareMode = mode switch { "split" => CompareMode.Split, "wipe" => CompareMode.Wipe, "side-by-side" => CompareMode.SideBySide, _ => (CompareMode?)null };
        if (compareMode is not { } m) return null;
        return new CompareState(m, m == CompareMode.SideBySide ? 0.5 : d.Position, m == CompareMode.Wipe ? d.Angle : 0)
        {
            Against = (CompareAgainst)source,
            Look = look,
            Still = still,
        };
    }

    private static SecondLook? ParseLook(CompareLookDefinition d, out string? problem)
    {
        problem = null;
        string name = (d.Name ?? "").Trim();
        if (name.Length is 0 or > 64 || name.Any(char.IsControl)) return FailLook("compare.look.name must be 1..64 printable characters", out problem);
        var c = d.Cdl;
        if (c is null || c.Slope is not { Length: 3 } || c.Offset is not { Length: 3 } || c.Power is not { Length: 3 })
        {
            return FailLook("compare.look.cdl needs slope, offset and power of three values each", out problem);
        }
        var cdl = new CdlValues(new(c.Slope[0], c.Slope[1], c.Slope[2]), new(c.Offset[0], c.Offset[1], c.Offset[2]), new(c.Power[0], c.Power[1], c.Power[2]), c.Sat);
        if (cdl.Problem() is { } bad) return FailLook($"compare.look.cdl: {bad}", out problem);
        var luts = d.Luts ?? [];
        if (luts.Count > MaxLuts) return FailLook($"compare.look holds at most {MaxLuts} LUTs", out problem);
        foreach (var lut in luts)
        {
            if (PathShapeProblem(lut) is { } why) return FailLook($"compare.look.luts: a LUT {why}", out problem);
        }
        return new SecondLook(name, cdl, [.. luts.Select(l => l.Trim())]);
    }

    /// <summary>The scopes in the show file's terms (the API's state; parses back to the same insets).</summary>
    public static ScopeCornersDefinition ToDefinition(ScopeInsets s)
    {
        static string? Name(InsetScope t) => t == InsetScope.None ? null : ScopeNames[(int)t];
        static string? Tap(InsetTap t) => t == InsetTap.Output ? null : TapNames[(int)t];
        bool taps = s.TopLeftTap != InsetTap.Output || s.TopRightTap != InsetTap.Output || s.BottomLeftTap != InsetTap.Output || s.BottomRightTap != InsetTap.Output;
        return new ScopeCornersDefinition
        {
            TopLeft = Name(s.TopLeft), TopRight = Name(s.TopRight), BottomLeft = Name(s.BottomLeft), BottomRight = Name(s.BottomRight),
            Taps = taps ? new ScopeTapsDefinition { TopLeft = Tap(s.TopLeftTap), TopRight = Tap(s.TopRightTap), BottomLeft = Tap(s.BottomLeftTap), BottomRight = Tap(s.BottomRightTap) } : null,
        };
    }

    /// <summary>A compare state in the show file's terms (the API's state; parses back to the same state).</summary>
    public static CompareDefinition ToDefinition(CompareState c) => new()
    {
        Mode = CompareModes[(int)c.Mode + 1],
        Position = c.Position,
        Angle = c.AngleDegrees,
        Against = CompareSources[(int)c.Against],
        Look = c.Look is { } l ? new CompareLookDefinition
        {
            Name = l.Name,
            Cdl = new CdlDefinition { Slope = [l.Cdl.Slope.R, l.Cdl.Slope.G, l.Cdl.Slope.B], Offset = [l.Cdl.Offset.R, l.Cdl.Offset.G, l.Cdl.Offset.B], Power = [l.Cdl.Power.R, l.Cdl.Power.G, l.Cdl.Power.B], Sat = l.Cdl.Sat },
            Luts = [.. l.Luts],
        } : null,
        Still = c.Still,
    };

    /// <summary>A path's shape: present, at most 1024 characters, no control characters (a NUL would cut it short in native code).</summary>
    private static string? PathShapeProblem(string? path) =>
        string.IsNullOrWhiteSpace(path) ? "needs a path"
        : path.Length > 1024 ? "path is longer than 1024 characters"
        : path.Any(char.IsControl) ? "path holds control characters"
        : null;

    private static SecondLook? FailLook(string reason, out string? problem)
    {
        problem = reason;
        return null;
    }

    /// <summary>Long or multi-line values are cut so that a refusal stays one short line.</summary>
    private static string Clip(string s)
    {
        s = s.ReplaceLineEndings(" ");
        return s.Length <= 24 ? s : s[..24] + "...";
    }

    private static OverlayState? Fail(string reason, out string? problem)
    {
        problem = reason;
        return null;
    }

    private static CompareState? FailCompare(string reason, out string? problem)
    {
        problem = reason;
        return null;
    }
}
