using LiveGrade.Color.Overlays.Compare;
using LiveGrade.Engine.Control;

namespace LiveGrade.Engine.Pipeline;

/// <summary>
/// Split and wipe on a live output: the output's own picture (A, already graded in the frame) on one side of
/// a divider, the clean feed of the same camera (B) on the other, with the divider line between, pixel for
/// pixel as <see cref="CompareCpuRenderer"/> (the scope package's reference) composes two whole pictures.
/// <para>Cost: B's look runs only on B's pixels. Each row's B pixels are one run (the divider is a straight
/// line, so the side test is monotonic along a row); the runs of the picture before its look (the input
/// frame, or a scaled copy when the input's size differs) are packed one after the other into a scratch
/// buffer, graded there in one call, and copied into the frame. A wipe at 0.5 costs half a look application
/// plus two copies of half a frame; the buffers are allocated once per output size.</para>
/// Used by one output thread.
/// </summary>
public sealed class OutputCompare
{
    private CompareState? _built;
    private int _width, _height;
    private CompareParams _params = new(CompareMode.Split);

    // Per row: B's run [_bStart, _bEnd) and the divider line's run [_lineStart, _lineEnd).
    private int[] _bStart = [], _bEnd = [], _lineStart = [], _lineEnd = [];
    private float[] _packed = [];
    private float[]? _scaled;

    /// <summary>Pixels handed to the clean look for the last frame (B's share of the picture).</summary>
    public long LastCleanPixels { get; private set; }

    /// <summary>The reference renderer's parameters for a compare state on a picture of this size.</summary>
    public static CompareParams ParamsFor(CompareState s, int width, int height)
    {
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
        // One spare row: a renderer that grades whole rows (the GPU) may read past the last packed pixel.
        if (_packed.Length != (width * height + width) * 4) _packed = new float[(width * height + width) * 4];
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
        _built = s;
        _width = width;
        _height = height;
    }

    /// <summary>
    /// Replaces B's side of <paramref name="frame"/> (A, graded) with <paramref name="source"/> (the picture
    /// before any look, <paramref name="sourceWidth"/> x <paramref name="sourceHeight"/>) graded by the clean
    /// look, and draws the divider. False, with the frame untouched, when the clean look is not ready.
    /// </summary>
    public bool Apply(CompareState s, ICompareLook look, LookKey cleanKey, Span<float> frame, int width, int height,
        ReadOnlySpan<float> source, int sourceWidth, int sourceHeight)
    {
        if (!Equals(s, _built) || width != _width || height != _height) Build(s, width, height);
        if (sourceWidth != width || sourceHeight != height)
        {
            // The output scales its input: compare against the same scaled picture.
            _scaled ??= new float[width * height * 4];
            if (_scaled.Length != width * height * 4) _scaled = new float[width * height * 4];
            Scaler.Fit(source, sourceWidth, sourceHeight, _scaled, width, height);
            source = _scaled;
        }
        int n = 0;
        for (int y = 0; y < height; y++)
        {
            int count = _bEnd[y] - _bStart[y];
            if (count == 0) continue;
            source.Slice((y * width + _bStart[y]) * 4, count * 4).CopyTo(_packed.AsSpan(n * 4, count * 4));
            n += count;
        }
        LastCleanPixels = n;
        if (n > 0 && !look.TryApply(cleanKey, _packed, n, width)) return false;
        n = 0;
        var line = _params.LineColour;
        for (int y = 0; y < height; y++)
        {
            int count = _bEnd[y] - _bStart[y];
            if (count > 0)
            {
                _packed.AsSpan(n * 4, count * 4).CopyTo(frame.Slice((y * width + _bStart[y]) * 4, count * 4));
                n += count;
            }
            for (int x = _lineStart[y]; x < _lineEnd[y]; x++)
            {
                int i = (y * width + x) * 4;
                (frame[i], frame[i + 1], frame[i + 2], frame[i + 3]) = (line.R, line.G, line.B, 1f);
            }
        }
        return true;
    }
}
