namespace LiveGrade.Color.Scopes;

/// <summary>Which scope.</summary>
public enum ScopeType
{
    Waveform,
    Parade,
    Vectorscope,
    Histogram,
}

/// <summary>
/// Where in the chain a scope reads the picture. The live engine taps the frame at the stated point; the
/// `scope` verb applies the look and display transform up to that point.
/// </summary>
public enum ScopeTap
{
    /// <summary>The camera signal as it arrives (before the look).</summary>
    BeforeLook,

    /// <summary>After the look, before the output's display transform.</summary>
    AfterLook,

    /// <summary>After the display transform: the code values sent to the monitor.</summary>
    AfterDisplay,
}

/// <summary>How the signal's code values translate to light, which sets the graticule's units.</summary>
public enum ScopeSignal
{
    /// <summary>SDR video (Rec.1886, or any camera log signal): graticule in IRE or 10-bit codes.</summary>
    Sdr,

    /// <summary>SMPTE ST 2084: graticule in cd/m² (nits) through the PQ EOTF.</summary>
    Pq,

    /// <summary>BT.2100 HLG on a 1000 cd/m² display (system gamma 1.2): graticule in nits for achromatic signal.</summary>
    Hlg,
}

/// <summary>The units printed on SDR graticules (HDR graticules are always in nits).</summary>
public enum GraticuleUnits
{
    Ire,
    Code10,
}

/// <summary>Waveform traces: luma, the three channels overlaid, or the three side by side (parade).</summary>
public enum WaveformMode
{
    Luma,
    RgbOverlay,
    Parade,
}

/// <summary>
/// One scope as a monitor asks for it: what to draw, from where in the chain, in which units and matrix.
/// Immutable; the live engine keeps one per scope on an output and hands it to the GPU passes.
/// </summary>
public sealed record ScopeRequest
{
    public ScopeType Type { get; init; } = ScopeType.Waveform;
    public ScopeTap Tap { get; init; } = ScopeTap.AfterDisplay;

    /// <summary>Waveform only: luma, RGB overlay or parade (<see cref="ScopeType.Parade"/> implies parade).</summary>
    public WaveformMode WaveformMode { get; init; } = WaveformMode.Luma;

    /// <summary>Histogram only: show luma (true) or R, G and B (false).</summary>
    public bool HistogramLuma { get; init; } = true;

    public YCbCrMatrix Matrix { get; init; } = YCbCrMatrix.Rec709;
    public ScopeSignal Signal { get; init; } = ScopeSignal.Sdr;
    public GraticuleUnits Units { get; init; } = GraticuleUnits.Ire;

    /// <summary>Vectorscope only: show the 75% targets, the 100% targets, or both.</summary>
    public bool Targets75 { get; init; } = true;
    public bool Targets100 { get; init; } = true;

    /// <summary>Trace brightness multiplier (1 = the formula in <see cref="Rendering.TraceIntensity"/>).</summary>
    public float Gain { get; init; } = 1f;

    /// <summary>The waveform mode the type implies.</summary>
    public WaveformMode EffectiveWaveformMode => Type == ScopeType.Parade ? WaveformMode.Parade : WaveformMode;
}
