using LiveGrade.Color.Ops;
using LiveGrade.Color.Scopes;

namespace LiveGrade.Engine.Pipeline;

/// <summary>
/// The overlays' per-pixel work that can run inside the look's own pass, on each band right after the look has
/// written it (still in cache, on whichever band worker graded it): the lower-third waveform's luma codes of the
/// counted rows, taken before anything repaints the picture, then false colour. On the DIT's output these two ran
/// after the look as passes of their own over the whole picture (false colour queued for the band workers behind
/// the other outputs' looks): with them the DIT's median latency was 26-28 ms, with both turned off 14-16 (40 s demo runs).
/// The counting itself stays on the output's thread (<see cref="ScopeCounting.BandedLumaFromCodes"/>): bumping one
/// set of counters from several threads would need atomics. Pixels, codes and counts are those of the separate
/// passes (tested). Keeps no per-band state, so bands run at once; <see cref="Begin"/> names the frame.
/// </summary>
public sealed unsafe class LookBandOverlays : IColorOpCpuRenderer
{
    private float* _frame;
    private int _width, _height, _rowStep;
    private ScopeWeights _weights;
    private FalseColorPainting? _falseColor;
    private int[] _codes = [];
    private bool _counting;

    /// <summary>Counted rows' luma codes, row after row (<see cref="CountedRows"/> rows of the picture's width).</summary>
    public ReadOnlySpan<int> Codes => _codes.AsSpan(0, _counting ? CountedRows * _width : 0);

    /// <summary>Rows whose codes are taken: 0, rowStep, 2 rowStep, ...</summary>
    public int CountedRows => _counting ? (_height + _rowStep - 1) / _rowStep : 0;

    /// <summary>What this frame's bands do: count every <paramref name="rowStep"/>-th row's luma (0: none) and paint <paramref name="falseColor"/> (null: none).</summary>
    internal void Configure(int width, int height, int rowStep, ScopeWeights weights, FalseColorPainting? falseColor)
    {
        (_width, _height, _rowStep, _weights, _falseColor, _counting) = (width, height, Math.Max(1, rowStep), weights, falseColor, rowStep > 0);
        int needed = _counting ? CountedRows * width : 0;
        if (_codes.Length < needed) _codes = new int[needed]; // once per picture size
    }

    /// <summary>The frame the look writes (pinned by the caller until the look returns): bands find their rows from it.</summary>
    public void Begin(float* frame) => _frame = frame;

    public void Apply(Span<float> rgba)
    {
        if (_frame is null) throw new InvalidOperationException("Begin names the frame before the look runs");
        int n = rgba.Length / 4;
        if (_counting)
        {
            long first;
            fixed (float* band = rgba) first = (band - _frame) / 4;
            long end = first + n;
            if (first < 0 || end > (long)_width * _height) throw new ArgumentException("a band outside the frame Begin named", nameof(rgba));
            // The counted rows this band holds a part of (a band is whole rows and parts of rows at its edges).
            long y = (first / _width + _rowStep - 1) / _rowStep * _rowStep;
            for (; y * _width < end; y += _rowStep)
            {
                long from = Math.Max(y * _width, first), to = Math.Min((y + 1) * _width, end);
                if (from >= to) continue;
                int x = (int)(from - y * _width);
                ScopeCounting.LumaCodes(rgba.Slice((int)(from - first) * 4, (int)(to - from) * 4), _weights,
                    _codes.AsSpan((int)(y / _rowStep) * _width + x, (int)(to - from)));
            }
        }
        _falseColor?.Apply(rgba);
    }
}
