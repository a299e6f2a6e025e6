using LiveGrade.Color.Overlays.FalseColor;
using LiveGrade.Color.Overlays.FrameLines;
using LiveGrade.Color.Overlays.Zebra;
using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Waveform;
using LiveGrade.Engine.Control;

namespace LiveGrade.Engine.Pipeline;

/// <summary>
/// The monitoring overlays of one output, drawn on the display signal after the look (so IRE and zebra
/// levels are the monitor's): false colour, zebras, frame lines, and a luma waveform in the lower third.
/// The renderers are the scope package's CPU references (the same code the `overlay` verb and its tests
/// use); they are rebuilt only when the output's overlay settings change, so a frame allocates nothing.
/// The luma weights follow the display: BT.2020 for the HDR displays, BT.709 otherwise.
/// Used by one output thread.
/// </summary>
public sealed class OutputOverlays
{
    /// <summary>Waveform inset height as a fraction of the picture (the lower third, as on a monitor).</summary>
    private const double WaveformFraction = 1.0 / 3;

    private OverlayState? _built;
    private string? _builtDisplay;
    private FalseColorCpuRenderer? _falseColor;
    private ZebraCpuRenderer[]? _zebraPhases;
    private FrameLineCpuRenderer? _frameLines;
    private WaveformCounts? _waveform;
    private int _phase;

    public void Apply(OverlayState settings, string display, Span<float> rgba, int width, int height)
    {
        if (!settings.Any) return;
        if (!Equals(settings, _built) || display != _builtDisplay) Build(settings, display, width);
        // The waveform measures the graded signal, before false colour or zebras repaint it.
        if (_waveform is not null) WaveformCpuAnalyzer.Analyze(rgba, width, height, _waveform);
        _falseColor?.Apply(rgba);
        if (_zebraPhases is not null)
        {
            // Zebras crawl, as a camera's do, so they read as an overlay rather than as picture detail.
            _phase = (_phase + 1) % _zebraPhases.Length;
            _zebraPhases[_phase].Apply(rgba, width, height);
        }
        _frameLines?.Apply(rgba, width, height);
        if (_waveform is not null) DrawWaveform(rgba, width, height, _waveform);
    }

    private void Build(OverlayState s, string display, int width)
    {
        var matrix = display is "pq1000" or "hlg" ? YCbCrMatrix.Rec2020 : YCbCrMatrix.Rec709;
        _falseColor = s.FalseColor ? new FalseColorCpuRenderer(FalseColorParams.DefaultIre(matrix)) : null;
        if (s.Zebra > 0)
        {
            var zebra = new ZebraParams(new ZebraLevel(s.Zebra), null, matrix);
            _zebraPhases = [.. Enumerable.Range(0, zebra.Period).Select(phase => new ZebraCpuRenderer(zebra with { Phase = phase }))];
        }
        else
        {
            _zebraPhases = null;
        }
        _frameLines = s.FrameLines > 0 ? new FrameLineCpuRenderer(new FrameLineParams(s.FrameLines)) : null;
        _waveform = s.Waveform ? new WaveformCounts(new WaveformParams(Math.Min(width, WaveformParams.MaxColumns), false, matrix)) : null;
        _built = s;
        _builtDisplay = display;
    }

    /// <summary>
    /// Draws the luma levels counted per column over the whole picture over a darkened lower third:
    /// 10-bit codes 0..1023 bottom to top, brightness growing with the log of the count (as a scope's trace
    /// does, so sparse values stay visible), graticule at 0 and 100 IRE.
    /// </summary>
    private static void DrawWaveform(Span<float> rgba, int width, int height, WaveformCounts counts)
    {
        int inset = Math.Max(16, (int)(height * WaveformFraction));
        int top = height - inset;
        int columns = counts.Params.Columns;
        float perColumn = Math.Max(1, counts.SamplesPerColumn);
        float norm = 1f / MathF.Log(1 + perColumn);
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
                float trace = most == 0 ? 0 : Math.Min(1f, 0.25f + MathF.Log(1 + most) * norm);
                float dim = graticule ? 0.35f : 0.15f;
                int i = x * 4;
                line[i] = line[i] * 0.25f + dim * 0.3f + trace * 0.55f;
                line[i + 1] = line[i + 1] * 0.25f + dim * 0.3f + trace * 0.95f;
                line[i + 2] = line[i + 2] * 0.25f + dim * 0.3f + trace * 0.55f;
            }
        }
    }
}
