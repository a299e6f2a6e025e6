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

/// <summary>Which scope, if any, sits in each corner of an output (one scope a corner).</summary>
public sealed record ScopeInsets(InsetScope TopLeft, InsetScope TopRight, InsetScope BottomLeft, InsetScope BottomRight)
{
    public static readonly ScopeInsets None = new(InsetScope.None, InsetScope.None, InsetScope.None, InsetScope.None);

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

/// <summary>
/// A compare mode on a live output: the output's own picture (A: its view, usually graded) against the clean
/// feed of the same camera (B: the "clean" view through the same display transform). <see cref="AngleDegrees"/>
/// turns the divider (0: vertical, A on the left; 90: horizontal, A on top; clockwise as rows go down);
/// <see cref="Position"/> moves it across the picture along its normal, from the corner where B alone shows
/// (0) to the one where A alone shows (1), through the centre at 0.5: for a split (the wipe at angle 0) it is
/// the share of the width that shows A.
/// </summary>
public sealed record CompareState(CompareMode Mode, double Position, double AngleDegrees);

/// <summary>
/// The checks and conversions shared by the show file (<see cref="OverlayDefinition"/>) and the bus
/// (<see cref="SetOverlays"/>), so both refuse the same values with the same one-line reason, naming the
/// field as the show file spells it.
/// </summary>
public static class OverlayRules
{
    public static readonly string[] ScopeNames = ["none", "waveform", "parade", "vectorscope", "histogram"];
    public static readonly string[] CompareModes = ["off", "split", "wipe"];

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
        var insets = new ScopeInsets(
            One(d.TopLeft, "topLeft", ref problem), One(d.TopRight, "topRight", ref problem),
            One(d.BottomLeft, "bottomLeft", ref problem), One(d.BottomRight, "bottomRight", ref problem));
        return problem is null ? insets : null;
    }

    /// <summary>Off (null), or a split or wipe; null with <paramref name="problem"/> set when a value is out of range.</summary>
    public static CompareState? ParseCompare(CompareDefinition d, out string? problem)
    {
        problem = null;
        string mode = (d.Mode ?? "off").Trim().ToLowerInvariant();
        if (!CompareModes.Contains(mode)) return FailCompare($"compare.mode must be off, split or wipe, not '{Clip(d.Mode ?? "")}'", out problem);
        if (!double.IsFinite(d.Position) || d.Position is < 0 or > 1) return FailCompare("compare.position must be 0..1 (0 all clean, 1 all the output's own view)", out problem);
        if (!double.IsFinite(d.Angle) || d.Angle is < -360 or > 360) return FailCompare("compare.angle must be -360..360 degrees", out problem);
        return mode switch
        {
            "split" => new CompareState(CompareMode.Split, d.Position, 0),
            "wipe" => new CompareState(CompareMode.Wipe, d.Position, d.Angle),
            _ => null,
        };
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
