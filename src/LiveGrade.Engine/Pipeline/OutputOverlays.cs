using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LiveGrade.Color.Overlays.FalseColor;
using LiveGrade.Color.Overlays.FrameLines;
using LiveGrade.Color.Overlays.Zebra;
using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Waveform;
using LiveGrade.Engine.Control;

namespace LiveGrade.Engine.Pipeline;

/// <summary>
/// The monitoring overlays of one output, drawn on the display signal after the look (so IRE and zebra
/// levels are the monitor's), in this order: the scopes count the output's own picture (or, for an inset tapped
/// at the camera, the input frame before any look, at the output's size); the compare mode puts B (the clean feed,
/// the look without its CDL, a second look, or a still) on its side of the divider, or both side by side; false colour and zebras (one or two levels) paint the picture;
/// frame lines, safe areas and the centre cross; the luma waveform across the lower third; the scope insets
/// in their corners. The renderers are the scope package's CPU references (the same code the `overlay` and
/// `scope` verbs and their tests use); they are rebuilt only when the output's overlay settings change, so a
/// frame allocates nothing. The luma weights follow the display: BT.2020 for the HDR displays, BT.709 otherwise.
/// Used by one output thread.
/// </summary>
public sealed class OutputOverlays(ICompareLook? compareLook = null, IReferenceStills? stills = null, ICompareLook? tapLook = null)
{
    /// <summary>Waveform inset height as a fraction of the picture (the lower third, as on a monitor).</summary>
    private const double WaveformFraction = 1.0 / 3;

    private OverlayState? _built;
    private string? _builtDisplay;
    private int _builtWidth, _builtHeight;
    private FalseColorPainting? _falseColor;
    private ZebraCpuRenderer[]? _zebraPhases;
    private FrameLineCpuRenderer? _frameLines;
    private ScopeCounting? _waveformCounting; // the lower third's counter (the reference analyser's codes), null when off
    private ScopeWeights _waveformWeights;
    private int _waveformColumns;
    private uint[] _waveformCounts = []; // luma samples per (inset row, column), band-major
    private long _waveformSamples; // samples per column at most (the brightest count)
    private int[] _bandOfCode = []; // each 10-bit code's inset row
    private readonly ScopeInset?[] _insets = new ScopeInset?[4];
    private readonly InsetTap[] _insetTaps = new InsetTap[4];
    private float[] _scaledSource = [];
    private readonly OutputCompare _compare = new();
    private int _phase;
    private float[] _traceByCount = [];
    private float[] _gradedSource = []; // the graded tap's picture (look without display), made once a frame when asked
    private int[] _bandStart = []; // the first code of each lower-third row's band, per row (and one past the last)

    /// <summary>The scope inset in a corner (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right), if any.</summary>
    public ScopeInset? Inset(int corner) => _insets[corner];

    /// <summary>The compare mode's state (pixels given to B's look last frame), for tests and benchmarks.</summary>
    public OutputCompare Compare => _compare;

    /// <summary>Draws the overlays without a compare mode (no clean picture to compare with).</summary>
    public void Apply(OverlayState settings, string display, Span<float> rgba, int width, int height) =>
        Apply(settings, new LookKey(-1, 0, "graded", display, -1), rgba, width, height, default, 0, 0);

    private readonly LookBandOverlays _lookBands = new();

    /// <summary>
    /// The part of this frame's overlays that can run inside the look's own bands (<see cref="LookBandOverlays"/>: the
    /// lower third's luma codes, false colour), configured for this frame, or null when there is none or the settings
    /// need the whole graded picture before false colour paints it (a compare mode, a scope inset). A caller that runs
    /// it with the look then calls <see cref="Apply(OverlayState, LookKey, Span{float}, int, int, ReadOnlySpan{float}, int, int, bool)"/>
    /// with lookBandsRan, which skips what the bands did.
    /// </summary>
    public LookBandOverlays? LookBands(OverlayState settings, string display, int width, int height)
    {
        if (!settings.Any || !(settings.FalseColor || settings.Waveform) || settings.Compare is not null) return null;
        BuildIfChanged(settings, display, width, height);
        foreach (var inset in _insets)
        {
            if (inset is not null) return null;
        }
        _lookBands.Configure(width, height, _waveformCounting is null ? 0 : WaveformRowStep, _waveformWeights, _falseColor);
        return _lookBands;
    }

    /// <summary>
    /// Draws the overlays on an output's graded frame. <paramref name="key"/> is the look the frame was graded
    /// with (its display sets the scopes' units and matrix; the compare mode grades B with the same camera, display
    /// and output); <paramref name="source"/> is the picture before the look (the input frame), which the compare
    /// mode grades for B and camera-tapped insets count, scaled to the output's size as the output scales it.
    /// </summary>
    public void Apply(OverlayState settings, LookKey key, Span<float> rgba, int width, int height,
        ReadOnlySpan<float> source, int sourceWidth, int sourceHeight) =>
        Apply(settings, key, rgba, width, height, source, sourceWidth, sourceHeight, lookBandsRan: false);

    /// <summary>
    /// As the overload without <paramref name="lookBandsRan"/>; true when <see cref="LookBands"/>' work for these
    /// same settings (the same object) already ran in the look's bands: the luma codes are taken and false colour painted.
    /// </summary>
    public void Apply(OverlayState settings, LookKey key, Span<float> rgba, int width, int height,
        ReadOnlySpan<float> source, int sourceWidth, int sourceHeight, bool lookBandsRan)
    {
        if (!settings.Any) return;
        string display = key.Display;
        BuildIfChanged(settings, display, width, height);
        if (source.Length > 0 && (sourceWidth != width || sourceHeight != height))
        {
            // The output scales its input: insets and compare read the same scaled picture (made once a frame, here,
            // only when one of them needs it).
            if (NeedsSource(settings))
            {
                if (_scaledSource.Length != width * height * 4) _scaledSource = new float[width * height * 4];
                Scaler.Fit(source, sourceWidth, sourceHeight, _scaledSource, width, height);
            }
            source = _scaledSource;
        }
        // The scopes measure the output's own graded signal (or the camera's), before the compare or false colour repaints it.
        if (_waveformCounting is not null)
        {
            _waveformSamples = lookBandsRan
                ? _waveformCounting.BandedLumaFromCodes(_lookBands.Codes, width, _lookBands.CountedRows, _bandOfCode, _waveformColumns, _waveformCounts)
                : _waveformCounting.BandedLuma(rgba, width, height, WaveformRowStep, _waveformWeights, _bandOfCode, _waveformColumns, _waveformCounts);
        }
        bool graded = false;
        for (int corner = 0; corner < 4; corner++)
        {
            if (_insets[corner] is not { } inset) continue;
            switch (_insetTaps[corner])
            {
                case InsetTap.Output:
                    inset.Analyze(rgba, width, height);
                    break;
                case InsetTap.Camera when source.Length == width * height * 4:
                    inset.Analyze(source, width, height);
                    break;
                case InsetTap.Graded when source.Length == width * height * 4:
                    // The look without its display transform, graded once a frame for every inset that asks for it.
                    graded = graded || GradeForTap(key, source, width);
                    if (graded) inset.Analyze(_gradedSource, width, height);
                    break;
            }
        }
        if (settings.Compare is { } compare)
        {
            if (compare.Against == CompareAgainst.Still)
            {
                if (stills?.TryGet(compare.Still!, width, height) is { } still) _compare.Apply(compare, still, rgba, width, height);
            }
            else if (compareLook is not null && source.Length == width * height * 4)
            {
                _compare.Apply(compare, compareLook, CompareKey(key, compare), rgba, width, height, source);
            }
        }
        if (!lookBandsRan) _falseColor?.ApplyParallel(rgba);
        if (_zebraPhases is not null)
        {
            // Zebras crawl, as a camera's do, so they read as an overlay rather than as picture detail.
            _phase = (_phase + 1) % _zebraPhases.Length;
            _zebraPhases[_phase].Apply(rgba, width, height);
        }
        _frameLines?.Apply(rgba, width, height);
        if (_waveformCounting is not null) DrawWaveform(rgba, width, height);
        foreach (var inset in _insets) inset?.Draw(rgba, width);
    }

    /// <summary>B's look key: the output's camera, display and output, with the view compare asks for.</summary>
    public static LookKey CompareKey(LookKey key, CompareState compare) => compare.Against switch
    {
        // The clean view's look carries no grade, so its key does not follow the camera's look version.
        CompareAgainst.Clean => key with { View = "clean", LookVersion = 0, Look = null },
        // The look without the CDL follows the camera's LUTs, which its look version counts.
        CompareAgainst.Lut => key with { View = "lut", Look = null },
        _ => key with { View = "look", LookVersion = 0, Look = compare.Look },
    };

    /// <summary>
    /// The graded tap's picture: the source through the output's look with no display transform and no monitor
    /// calibration (a key for no output). False until that look is ready (its bake runs off the output thread).
    /// </summary>
    private bool GradeForTap(LookKey key, ReadOnlySpan<float> source, int width)
    {
        if (tapLook is null) return false;
        if (_gradedSource.Length != source.Length) _gradedSource = new float[source.Length];
        source.CopyTo(_gradedSource);
        return tapLook.TryApply(GradedTapKey(key), _gradedSource, source.Length / 4, width);
    }

    /// <summary>The graded tap's look key: the output's camera, grade and view, with no display and no output (so no calibration LUT).</summary>
    public static LookKey GradedTapKey(LookKey key) => key with { Display = "none", Output = -1 };

    private bool NeedsSource(OverlayState s)
    {
        if (s.Compare is { Against: not CompareAgainst.Still }) return true;
        for (int corner = 0; corner < 4; corner++)
        {
            if (_insets[corner] is not null && _insetTaps[corner] != InsetTap.Output) return true;
        }
        return false;
    }

    /// <summary>Rebuilds the renderers when the settings, the display or the size changed since the last frame.</summary>
    private void BuildIfChanged(OverlayState settings, string display, int width, int height)
    {
        if (!Equals(settings, _built) || display != _builtDisplay || width != _builtWidth || height != _builtHeight) Build(settings, display, width, height);
    }

    private void Build(OverlayState s, string display, int width, int height)
    {
        bool hdr = display is "pq1000" or "hlg";
        var matrix = hdr ? YCbCrMatrix.Rec2020 : YCbCrMatrix.Rec709;
        var signal = display switch { "pq1000" => ScopeSignal.Pq, "hlg" => ScopeSignal.Hlg, _ => ScopeSignal.Sdr };
        _falseColor = s.FalseColor ? new FalseColorPainting(new FalseColorCpuRenderer(FalseColorParams.DefaultIre(matrix))) : null;
        if (s.Zebra > 0 || s.Zebra2 is not null)
        {
            // Zebra 1 (the threshold) and zebra 2 (a second level or a band, striped the other way); with only
            // zebra 2 set, it is drawn alone in its own stripes (an empty first level: codes above 1023).
            var first = s.Zebra > 0 ? new ZebraLevel(s.Zebra) : new ZebraLevel(VideoLevels.CodeToIre(VideoLevels.Codes + 1));
            var zebra = new ZebraParams(first, s.Zebra2, matrix);
            _zebraPhases = [.. Enumerable.Range(0, zebra.Period).Select(phase => new ZebraCpuRenderer(zebra with { Phase = phase }))];
        }
        else
        {
            _zebraPhases = null;
        }
        bool guides = s.ActionSafe || s.TitleSafe || s.CentreCross;
        // One pass of the reference draws the lines and, inside the framed area, the safe areas and the cross.
        // Without frame lines the safe areas and the cross are those of the whole picture: the frame is the
        // picture's own aspect, with no line and no shade.
        _frameLines = s.FrameLines > 0
            ? new FrameLineCpuRenderer(new FrameLineParams(s.FrameLines) { ActionSafe = s.ActionSafe, TitleSafe = s.TitleSafe, CentreCross = s.CentreCross })
            : guides
                ? new FrameLineCpuRenderer(new FrameLineParams((double)width / height) { Shade = 0, LineWidth = 0, ActionSafe = s.ActionSafe, TitleSafe = s.TitleSafe, CentreCross = s.CentreCross })
                : null;
        _waveformCounting = s.Waveform ? new ScopeCounting(width) : null;
        if (s.Waveform)
        {
            // The lower third's rows: row r draws codes [_bandStart[r + 1], _bandStart[r]), 1023 at the top.
            _waveformWeights = matrix.Weights();
            _waveformColumns = Math.Min(width, WaveformParams.MaxColumns);
            int inset = WaveformInset(height);
            _bandStart = new int[inset + 1];
            for (int row = 0; row <= inset; row++) _bandStart[row] = (int)((long)(inset - row) * VideoLevels.Codes / inset);
            _bandOfCode = new int[VideoLevels.Codes];
            for (int row = 0; row < inset; row++)
            {
                for (int code = _bandStart[row + 1]; code < _bandStart[row]; code++) _bandOfCode[code] = row;
            }
            _waveformCounts = new uint[inset * _waveformColumns];
        }
        for (int corner = 0; corner < 4; corner++)
        {
            var type = s.Scopes[corner];
            var tap = s.Scopes.Tap(corner);
            var old = _insets[corner];
            // An unchanged inset keeps its layout (a graticule takes milliseconds to draw).
            if (old is not null && old.Type == type && _insetTaps[corner] == tap && display == _builtDisplay && width == _builtWidth && height == _builtHeight) continue;
            // The camera's signal is read as video codes with BT.709 weights whatever the output's display: a log
            // signal has no display of its own, and on-set scopes read it so.
            _insets[corner] = type == InsetScope.None ? null
                : tap != InsetTap.Output ? new ScopeInset(type, corner, YCbCrMatrix.Rec709, ScopeSignal.Sdr, width, height)
                : new ScopeInset(type, corner, matrix, signal, width, height);
            _insetTaps[corner] = tap;
        }
        _built = s;
        _builtDisplay = display;
        _builtWidth = width;
        _builtHeight = height;
    }

    /// <summary>Rows of the picture the lower-third waveform counts: every 4th (its trace looks the same, at a quarter of the cost).</summary>
    private const int WaveformRowStep = 4;

    /// <summary>The lower third's height in rows.</summary>
    private static int WaveformInset(int height) => Math.Max(16, (int)(height * WaveformFraction));

    /// <summary>
    /// Draws the luma levels counted per column over the whole picture over a darkened lower third:
    /// 10-bit codes 0..1023 bottom to top, each inset row as bright as the log of the samples whose codes fall
    /// in its band (as a raster scope's trace is, so sparse values stay visible), graticule at 0 and 100 IRE.
    /// </summary>
    private void DrawWaveform(Span<float> rgba, int width, int height)
    {
        int inset = WaveformInset(height);
        int top = height - inset;
        int columns = _waveformColumns;
        long perColumn = Math.Max(1, _waveformSamples);
        if (_traceByCount.Length != perColumn + 1)
        {
            // The trace's brightness for each possible count, made when the picture size changes: a log per
            // pixel of the lower third was 2-4% of the demo's CPU. No row can count more than a column's samples.
            _traceByCount = new float[perColumn + 1];
            float norm = 1f / MathF.Log(1 + perColumn);
            for (int n = 1; n <= perColumn; n++) _traceByCount[n] = Math.Min(1f, 0.25f + MathF.Log(1 + n) * norm);
        }
        var traceByCount = _traceByCount;
        uint brightest = (uint)(traceByCount.Length - 1);
        int black = (int)Math.Round(VideoLevels.IreToCode(0)), white = (int)Math.Round(VideoLevels.IreToCode(100));
        // Row by row: darken the picture and add the graticule and the trace, a pixel (R, G, B, A) per vector in
        // the scalar order (picture * 0.25 + dim * 0.3) + trace * tint; alpha is kept.
        var tint = Vector128.Create(0.55f, 0.95f, 0.55f, 0f);
        var quarter = Vector128.Create(0.25f, 0.25f, 0.25f, 1f);
        for (int row = 0; row < inset; row++)
        {
            int codeHigh = _bandStart[row] - 1, codeLow = _bandStart[row + 1];
            bool graticule = (black >= codeLow && black <= codeHigh) || (white >= codeLow && white <= codeHigh);
            float dim = (graticule ? 0.35f : 0.15f) * 0.3f;
            var dimV = Vector128.Create(dim, dim, dim, 0f);
            var line = MemoryMarshal.Cast<float, Vector128<float>>(rgba.Slice((top + row) * width * 4, width * 4));
            var countRow = _waveformCounts.AsSpan(row * columns, columns);
            for (int x = 0; x < width; x++)
            {
                uint n = countRow[columns == width ? x : (int)((long)x * columns / width)];
                line[x] = line[x] * quarter + dimV + Vector128.Create(traceByCount[Math.Min(n, brightest)]) * tint;
            }
        }
    }
}
