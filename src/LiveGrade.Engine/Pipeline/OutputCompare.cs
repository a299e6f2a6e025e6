using LiveGrade.Color.Overlays.Compare;
using LiveGrade.Engine.Control;

namespace LiveGrade.Engine.Pipeline;

/// <summary>
/// Split, wipe and side by side on a live output: the output's own picture (A, already graded in the frame)
/// against B — the camera graded by another look (the clean feed, the look without its CDL, a second look), or a
/// stored still — pixel for pixel as <see cref="CompareCpuRenderer"/> (the scope package's reference, the
/// `overlay --compare` verb's) composes two whole pictures.
/// <para>Split and wipe: B's look runs only on B's pixels. Each row's B pixels are one run (the divider is a straight
/// line, so the side test is monotonic along a row); the runs of the picture before its look (the input frame at
/// the output's size) are packed one after the other into a scratch buffer, graded there in one call, and copied
/// into the frame. A wipe at 0.5 costs half a look application plus two copies of half a frame. A still's runs are
/// copied as they are.</para>
/// <para>Side by side: B is the whole picture (graded whole when it is a look), each picture is reduced by the
/// reference's 2x2 box average, A in place in the frame (rows in an order that never overwrites a row still to be
/// read) and B from its buffer, and the divider is drawn between them.</para>
/// The buffers are allocated once per output size and compare state; a frame allocates nothing. Used by one output thread.
/// </summary>
public sealed class OutputCompare
{
    private CompareState? _built;
    private int _width, _height;
    private CompareParams _params = new(CompareMode.Split);

    // Per row: B's run [_bStart, _bEnd) and the divider line's run [_lineStart, _lineEnd).
    private int[] _bStart = [], _bEnd = [], _lineStart = [], _lineEnd = [];
    private float[] _packed = [];
    private float[] _row = [];

    /// <summary>Pixels handed to B's look for the last frame (B's share of the picture; 0 for a still).</summary>
    public long LastCleanPixels { get; private set; }

    /// <summary>The reference renderer's parameters for a compare state on a picture of this size.</summary>
    public static CompareParams ParamsFor(CompareState s, int width, int height)
    {
        if (s.Mode == CompareMode.SideBySide) return new CompareParams(CompareMode.SideBySide);
        // The divider's normal, clockwise from +x as rows go down (the reference's convention).
        double angle = (s.Mode == CompareMode.Split ? 0 : s.AngleDegrees) * Math.PI / 180;
        double nx = Math.Cos(angle), ny = Math.Sin(angle);
        // Signed distances along the normal of the picture's corners: the wipe sweeps from the smallest (position
        // 0: all B) to the largest (position 1: all A), through the centre at 0.5.
        double lo = Math.Min(0, width * nx) + Math.Min(0, height * ny);
        double hi = Math.Max(0, width * nx) + Math.Max(0, height * ny);
        double along = lo + s.Position * (hi - lo);
        double cx = width / 2.0, cy = height / 2.0;
        double shift = along - (cx * nx + cy * ny);
        return new CompareParams(CompareMode.Wipe)
        {
            PositionX = (cx + shift * nx) / width,
            PositionY = (cy + shift * ny) / height,
            AngleDegrees = s.Mode == CompareMode.Split ? 0 : s.AngleDegrees,
        };
    }

    private void Build(CompareState s, int width, int height)
    {
        _params = ParamsFor(s, width, height);
        if (_bStart.Length != height)
        {
            _bStart = new int[height];
            _bEnd = new int[height];
            _lineStart = new int[height];
            _lineEnd = new int[height];
        }
        if (_row.Length != width * 4) _row = new float[width * 4];
        // One spare row: a renderer that grades whole rows (the GPU) may read past the last packed pixel.
        if (_packed.Length != (width * height + width) * 4) _packed = new float[(width * height + width) * 4];
        if (s.Mode == CompareMode.SideBySide)
        {
            // B whole: every pixel is B's (the reduction needs all of them); no divider runs.
            Array.Fill(_bStart, 0);
            Array.Fill(_bEnd, width);
            Array.Fill(_lineStart, width);
            Array.Fill(_lineEnd, width);
        }
        else
        {
            var (cx, cy, nx, ny, half) = _params.Divider(width, height);
            for (int y = 0; y < height; y++)
            {
                int b0 = width, b1 = width, l0 = width, l1 = width;
                for (int x = 0; x < width; x++)
                {
                    // The reference's signed distance, in the same float operations (CompareCpuRenderer.Apply).
                    float d = (x + 0.5f - cx) * nx + (y + 0.5f - cy) * ny;
                    if (MathF.Abs(d) < half)
                    {
                        if (l0 == width) l0 = x;
                        l1 = x + 1;
                    }
                    else if (d >= 0)
                    {
                        if (b0 == width) b0 = x;
                        b1 = x + 1;
                    }
                }
                if (b0 == width) b1 = width;
                if (l0 == width) l1 = width;
                (_bStart[y], _bEnd[y], _lineStart[y], _lineEnd[y]) = (b0, b1, l0, l1);
            }
        }
        _built = s;
        _width = width;
        _height = height;
    }

    private void Ensure(CompareState s, int width, int height)
    {
        if (!Equals(s, _built) || width != _width || height != _height) Build(s, width, height);
    }

    /// <summary>
    /// B from a look: grades <paramref name="source"/> (the picture before any look, at the output's size) with
    /// <paramref name="bKey"/>'s look on B's pixels only and composes it with A in <paramref name="frame"/>.
    /// False, with the frame untouched, when B's look is not ready (its bake is still running).
    /// </summary>
    public bool Apply(CompareState s, ICompareLook look, LookKey bKey, Span<float> frame, int width, int height, ReadOnlySpan<float> source)
    {
        Ensure(s, width, height);
        int n = 0;
        for (int y = 0; y < height; y++)
        {
            int count = _bEnd[y] - _bStart[y];
            if (count == 0) continue;
            source.Slice((y * width + _bStart[y]) * 4, count * 4).CopyTo(_packed.AsSpan(n * 4, count * 4));
            n += count;
        }
        LastCleanPixels = n;
        if (n > 0 && !look.TryApply(bKey, _packed, n, width)) return false;
        if (s.Mode == CompareMode.SideBySide)
        {
            // Packed whole, row after row: the buffer is B's picture.
            SideBySide(frame, _packed, width, height);
            return true;
        }
        n = 0;
        for (int y = 0; y < height; y++)
        {
            int count = _bEnd[y] - _bStart[y];
            if (count > 0)
            {
                _packed.AsSpan(n * 4, count * 4).CopyTo(frame.Slice((y * width + _bStart[y]) * 4, count * 4));
                n += count;
            }
        }
        DrawDivider(frame, width, height);
        return true;
    }

    /// <summary>B from a picture of the output's size (a reference still, already scaled): composed with A in <paramref name="frame"/>.</summary>
    public void Apply(CompareState s, ReadOnlySpan<float> picture, Span<float> frame, int width, int height)
    {
        Ensure(s, width, height);
        LastCleanPixels = 0;
        if (s.Mode == CompareMode.SideBySide)
        {
            SideBySide(frame, picture, width, height);
            return;
        }
        for (int y = 0; y < height; y++)
        {
            int count = _bEnd[y] - _bStart[y];
            if (count > 0) picture.Slice((y * width + _bStart[y]) * 4, count * 4).CopyTo(frame.Slice((y * width + _bStart[y]) * 4, count * 4));
        }
        DrawDivider(frame, width, height);
    }

    private void DrawDivider(Span<float> frame, int width, int height)
    {
        var line = _params.LineColour;
        for (int y = 0; y < height; y++)
        {
            for (int x = _lineStart[y]; x < _lineEnd[y]; x++)
            {
                int i = (y * width + x) * 4;
                (frame[i], frame[i + 1], frame[i + 2], frame[i + 3]) = (line.R, line.G, line.B, 1f);
            }
        }
    }

    /// <summary>
    /// The reference's side by side (<see cref="CompareCpuRenderer"/>) with A read from and written to the same
    /// frame. Output row y reads A's rows 2(y - top) and 2(y - top) + 1: at or above y for y &lt; 2·top, at or below
    /// it from 2·top on. So the upper rows are made bottom up and the lower ones top down, each into a row buffer
    /// first: no row is overwritten before the last output row that reads it. The letterbox rows, read by none,
    /// are blackened last.
    /// </summary>
    private void SideBySide(Span<float> frame, ReadOnlySpan<float> b, int width, int height)
    {
        int top = height / 4, rows = height / 2, end = top + rows;
        for (int y = Math.Min(2 * top, end) - 1; y >= top; y--) SideBySideRow(frame, b, width, y, top);
        for (int y = Math.Max(2 * top, top); y < end; y++) SideBySideRow(frame, b, width, y, top);
        for (int y = 0; y < height; y++)
        {
            if (y >= top && y < end) continue;
            var row = frame.Slice(y * width * 4, width * 4);
            for (int i = 0; i < row.Length; i += 4) (row[i], row[i + 1], row[i + 2], row[i + 3]) = (0f, 0f, 0f, 1f);
        }
    }

    private void SideBySideRow(Span<float> frame, ReadOnlySpan<float> b, int width, int y, int top)
    {
        // The reference's row rule into the row buffer, then into the frame (A is the frame itself).
        CompareCpuRenderer.SideBySideRow(_params, frame, b, width, y - top, _row);
        _row.AsSpan().CopyTo(frame.Slice(y * width * 4, width * 4));
    }
}
