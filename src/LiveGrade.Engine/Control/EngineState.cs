using System.Collections.Immutable;
using System.Globalization;

namespace LiveGrade.Engine.Control;

/// <summary>Three channel values (slope, offset or power of a CDL).</summary>
public readonly record struct Rgb(double R, double G, double B)
{
    public double this[int channel] => channel switch { 0 => R, 1 => G, 2 => B, _ => throw new ArgumentOutOfRangeException(nameof(channel)) };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{R:R} {G:R} {B:R}");
}

/// <summary>ASC CDL values as the DIT sets them (style and working space belong to the show).</summary>
public sealed record CdlValues(Rgb Slope, Rgb Offset, Rgb Power, double Sat)
{
    public static CdlValues Identity { get; } = new(new(1, 1, 1), new(0, 0, 0), new(1, 1, 1), 1);

    /// <summary>Rejects values no grading tool would send (non-finite, negative slope/power/sat, absurd range).</summary>
    public string? Problem()
    {
        for (int c = 0; c < 3; c++)
        {
            if (!double.IsFinite(Slope[c]) || Slope[c] < 0 || Slope[c] > 100) return "slope must be 0..100";
            if (!double.IsFinite(Offset[c]) || Math.Abs(Offset[c]) > 10) return "offset must be -10..10";
            if (!double.IsFinite(Power[c]) || Power[c] <= 0 || Power[c] > 100) return "power must be above 0 and at most 100";
        }
        return !double.IsFinite(Sat) || Sat < 0 || Sat > 100 ? "saturation must be 0..100" : null;
    }

    /// <summary>"sR sG sB oR oG oB pR pG pB sat", the order the command line uses.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Slope} {Offset} {Power} {Sat:R}");
}

/// <summary>A camera's grade and history. Undo/redo stacks are per camera (the DIT undoes one camera, not the show).</summary>
public sealed record CameraState(
    string Name,
    string Label,
    CdlValues Cdl,
    ImmutableArray<string> Luts,
    ImmutableStack<CdlValues> Undo,
    ImmutableStack<CdlValues> Redo)
{
    /// <summary>Bumped by every change to what the camera's look computes, so compiled looks know when they are stale.</summary>
    public long LookVersion { get; init; }

    /// <summary>"author/gesture" of the last <see cref="SetCdl"/> when it named a gesture, else null (see <see cref="SetCdl.Gesture"/>).</summary>
    public string? CdlGesture { get; init; }
}

/// <summary>A monitor feed's routing and view. <see cref="LockedBy"/>: the client that locked the route, if any.</summary>
public sealed record OutputState(
    string Name,
    string Label,
    string Route,
    string View,
    string Display,
    string? LockedBy)
{
    public long ViewVersion { get; init; }

    /// <summary>Monitoring overlays drawn on this output (from the show, changed by <see cref="SetOverlays"/>).</summary>
    public OverlayState Overlays { get; init; } = OverlayState.None;
}

/// <summary>
/// An output's overlays: false colour (IRE bands), zebras at <see cref="Zebra"/> IRE (0 = off) and optionally a
/// second level or band (<see cref="Zebra2"/>), frame lines for aspect <see cref="FrameLines"/> (0 = none),
/// action/title safe areas and a centre cross, a luma waveform across the lower third, scope insets in the
/// corners, and a compare mode against the clean feed.
/// </summary>
public sealed record OverlayState(bool FalseColor, double Zebra, double FrameLines, bool Waveform)
{
    public static readonly OverlayState None = new(false, 0, 0, false);

    /// <summary>The second zebra (its own stripe direction and colour), e.g. a 70-80 IRE band for skin; null = off.</summary>
    public Color.Overlays.Zebra.ZebraLevel? Zebra2 { get; init; }

    /// <summary>Action safe (93%) and title safe (90%) rectangles, of the frame-line area when frame lines are on.</summary>
    public bool ActionSafe { get; init; }
    public bool TitleSafe { get; init; }
    public bool CentreCross { get; init; }

    public ScopeInsets Scopes { get; init; } = ScopeInsets.None;

    /// <summary>Split, wipe or side by side against the clean feed, a second look or a still; null = off.</summary>
    public CompareState? Compare { get; init; }

    public bool Any => FalseColor || Zebra > 0 || Zebra2 is not null || FrameLines > 0 || Waveform || ActionSafe || TitleSafe || CentreCross
        || Scopes.Any || Compare is not null;
}

/// <summary>
/// Everything a person can change, as one immutable value. The control bus replaces it whole on every
/// command; render threads read it once per frame, so a change is seen entirely or not at all.
/// </summary>
public sealed record EngineState(
    long Sequence,
    ImmutableArray<CameraState> Cameras,
    ImmutableArray<OutputState> Outputs,
    ImmutableArray<Show.PresetDefinition> Presets)
{
    public int CameraIndex(string name)
    {
        for (int i = 0; i < Cameras.Length; i++)
        {
            if (string.Equals(Cameras[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }

    public int OutputIndex(string name)
    {
        for (int i = 0; i < Outputs.Length; i++)
        {
            if (string.Equals(Outputs[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }

    public CameraState? Camera(string name) => CameraIndex(name) is var i and >= 0 ? Cameras[i] : null;
    public OutputState? Output(string name) => OutputIndex(name) is var i and >= 0 ? Outputs[i] : null;
}
