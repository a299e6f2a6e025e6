using LiveGrade.Color.Overlays.FalseColor;
using LiveGrade.Color.Overlays.FrameLines;
using LiveGrade.Color.Overlays.Zebra;
using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Waveform;
using LiveGrade.Engine.Control;

namespace LiveGrade.Engine.Pipeline;

/// <summary>
/// The monitoring overlays of one output, drawn on the display signal after the look (so IRE and zebra
/// levels are the monitor's), in this order: the scopes count the output's own picture; the compare mode puts
/// the clean feed on its side of the divider; false colour and zebras (one or two levels) paint the picture;
/// frame lines, safe areas and the centre cross; the luma waveform across the lower third; the scope insets
/// in their corners. The renderers are the scope package's CPU references (the same code the `overlay` and
/// `scope` verbs and their tests use); they are rebuilt only when the output's overlay settings change, so a
/// frame allocates nothing. The luma weights follow the display: BT.2020 for the HDR displays, BT.709 otherwise.
/// Used by one output thread.
/// </summary>
public sealed class OutputOverlays(ICompareLook? compareLook = null)
{
    /// <summary>Waveform inset height as a fraction of the picture (the lower third, as on a monitor).</summary>
    private const double WaveformFraction = 1.0 / 3;

    private OverlayState? _built;
    private string? _builtDisplay;
    private int _builtWidth, _builtHeight;
    private FalseColorCpuRenderer? _falseColor;
    private ZebraCpuRenderer[]? _zebraPhases;
    private FrameLineCpuRenderer? _frameLines;
    private WaveformCounts? _waveform;
    private ScopeCounting? _waveformCounting; // the scope insets' counter (bin for bin the reference analyser's)
    private readonly ScopeInset?[] _insets = new ScopeInset?[4];
    private readonly OutputCompare _compare = new();
    private int _phase;
    private float[] _traceByCount = [];

    /// <summary>The scope inset in a corner (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right), if any.</summary>
    public ScopeInset? Inset(int corner) => _insets[corner];

    /// <summary>The compare mode's state (pixels given to the clean look last frame), for tests and benchmarks.</summary>
    public OutputCompare Compare => _compare;

    /// <summary>Draws the overlays without a compare mode (no clean picture to compare with).</summary>
    public void Apply(OverlayState settings, string display, Span<float> rgba, int width, int height) =>
        Apply(settings, new LookKey(-1, 0, "graded", display, -1), rgba, width, height, default, 0, 0);

    /// <summary>
    /// Draws the overlays on an output's graded frame. <paramref name="key"/> is the look the frame was graded
    /// with (its display sets the scopes' units and matrix; the compare mode grades the clean feed with the same
    /// camera, display and output); <paramref name="source"/> is the picture before the look (the input frame)
    /// that the compare mode grades clean.
    /// </summary>
    public void Apply(OverlayState settings, LookKey key, Span<float> rgba, int width, int height,
        ReadOnlySpan<float> source, int sourceWidth, int sourceHeight)
    {
        if (!settings.Any) return;
        string display = key.Display;
        if (!Equals(settings, _built) || display != _builtDisplay || width != _builtWidth || height != _builtHeight) Build(settings, display, width, height);
        // The scopes measure the output's own graded signal, before the compare or false colour repaints it.
        if (_waveform is not null) _waveformCounting!.Waveform(rgba, width, height, _waveform, WaveformRowStep);
        foreach (var inset in _insets) inset?.Analyze(rgba, width, height);
        if (settings.Compare is { } compare && compareLook is not null && source.Length > 0)
        {
            // The clean view's look carries no grade, so its key does not follow the camera's look version.
            _compare.Apply(compare, compareLook, key with { View = "clean", LookVersion = 0 }, rgba, width, height, source, sourceWidth, sourceHeight);
        }
        _falseColor?.Apply(rgba);
        if (_zebraPhases is not null)
        {
            // Zebras crawl, as a camera's do, so they read as an overlay rather than as picture detail.
            _phase = (_phase + 1) % _zebraPhases.Length;
            _zebraPhases[_phase].Apply(rgba, width, height);
        }
        _frameLines?.Apply(rgba, width, height);
        if (_waveform is not null) DrawWaveform(rgba, width, height, _waveform);
        foreach (var inset in _insets) inset?.Draw(rgba, width);
    }

    private void Build(OverlayState s, string display, int width, int height)
    {
        bool hdr = display is "pq1000" or "hlg";
        var matrix = hdr ? YCbCrMatrix.Rec2020 : YCbCrMatrix.Rec709;
        var signal = display switch { "pq1000" => ScopeSignal.Pq, "hlg" => ScopeSignal.Hlg, _ => ScopeSignal.Sdr };
        _falseColor = s.FalseColor ? new FalseColorCpuRenderer(FalseColorParams.DefaultIre(matrix)) : null;
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
        _waveform = s.Waveform ? new WaveformCounts(new WaveformParams(Math.Min(width, WaveformParams.MaxColumns), false, matrix)) : null;
        _waveformCounting = s.Waveform ? new ScopeCounting(width) : null;
        for (int corner = 0; corner < 4; corner++)
        {
            var type = s.Scopes[corner];
            var old = _insets[corner];
            // An unchanged inset keeps its layout (a graticule takes milliseconds to draw).
            if (old is not null && old.Type == type && display == _builtDisplay && width == _builtWidth && height == _builtHeight) continue;
            _insets[corner] = type == InsetScope.None ? null : new ScopeInset(type, corner, matrix, signal, width, height);
        }
        _built = s;
        _builtDisplay = display;
        _builtWidth = width;
        _builtHeight = height;
    }

    /// <summary>Rows of the picture the lower-third waveform counts: every 4th (its trace looks the same, at a quarter of the cost).</summary>
    private const int WaveformRowStep = 4;

    /// <summary>
    /// Draws the luma levels counted per column over the whole picture over a darkened lower third:
    /// 10-bit codes 0..1023 bottom to top, brightness growing with the log of the count (as a scope's trace
    /// does, so sparse values stay visible), graticule at 0 and 100 IRE.
    /// </summary>
    private void DrawWaveform(Span<float> rgba, int width, int height, WaveformCounts counts)
    {
        int inset = Math.Max(16, (int)(height * WaveformFraction));
        int top = height - inset;
        int columns = counts.Params.Columns;
        long perColumn = Math.Max(1, counts.SamplesPerColumn);
        if (_traceByCount.Length != perColumn + 1)
        {
            // The trace's brightness for each possible count, made when the picture size changes: a log per
            // pixel of the lower third was 2-4% of the demo's CPU. No bin can count more than a column's samples.
            _traceByCount = new float[perColumn + 1];
            float norm = 1f / MathF.Log(1 + perColumn);
            for (int n = 1; n <= perColumn; n++) _traceByCount[n] = Math.Min(1f, 0.25f + MathF.Log(1 + n) * norm);
        }
        var traceByCount = _traceByCount;
        int black = (int)Math.Round(VideoLevels.IreToCode(0)), white = (int)Math.Round(VideoLevels.IreToCode(100));
        for (int row = 0; row < inset; row++)
        {
            // Each inset row covers a band of codes; the brightest bin of the band is drawn.
            int codeHigh = (int)((long)(inset - row) * VideoLevels.Codes / inset) - 1;
            int codeLow = (int)((long)(inset - row - 1) * VideoLevels.Codes / inset);
            bool graticule = (black >= codeLow && black <= codeHigh) || (white >= codeLow && white <= codeHigh);
            var line = rgba.Slice((top + row) * width * 4, width * 4);
            for (int x = 0; x < width; x++)
            {
                int column = (int)((long)x * columns / width);
                uint most = 0;
                for (int code = codeLow; code <= codeHigh; code++) most = Math.Max(most, counts[0, column, code]);
                float trace = traceByCount[Math.Min(most, (uint)(traceByCount.Length - 1))];
                float dim = graticule ? 0.35f : 0.15f;
                int i = x * 4;
                line[i] = line[i] * 0.25f + dim * 0.3f + trace * 0.55f;
                line[i + 1] = line[i + 1] * 0.25f + dim * 0.3f + trace * 0.95f;
                line[i + 2] = line[i + 2] * 0.25f + dim * 0.3f + trace * 0.55f;
            }
        }
    }
}
