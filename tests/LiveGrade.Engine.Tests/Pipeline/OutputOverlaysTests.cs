using LiveGrade.Color.Overlays.Compare;
using LiveGrade.Color.Overlays.FrameLines;
using LiveGrade.Color.Overlays.Zebra;
using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Histogram;
using LiveGrade.Color.Scopes.Rendering;
using LiveGrade.Color.Scopes.Vectorscope;
using LiveGrade.Color.Scopes.Waveform;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Pipeline;
using LiveGrade.Video.Sources;

namespace LiveGrade.Engine.Tests.Pipeline;

/// <summary>
/// The overlays of one live output, checked against the scope package's CPU references: scope insets (each the
/// reference scope picture of the frame, reduced and placed in its corner), two zebra levels, safe areas and
/// the centre cross, and split/wipe against the clean feed (B's pixels graded by the clean look alone, and only
/// those), with no allocation per frame.
/// </summary>
public class OutputOverlaysTests
{
    // Insets of a 960x540 frame: 556-row layouts reduce by 4 (to fit 28% of the height).
    private const int W = 960, H = 540;

    private static float[] Bars(int w = W, int h = H)
    {
        var px = new float[w * h * 4];
        TestPatterns.Bars(px, w, h);
        return px;
    }

    private static float[] Flat(float r, float g, float b, int w = W, int h = H)
    {
        var px = new float[w * h * 4];
        for (int i = 0; i < px.Length; i += 4) (px[i], px[i + 1], px[i + 2], px[i + 3]) = (r, g, b, 1f);
        return px;
    }

    /// <summary>
    /// The reference scope picture of a frame as the `scope` verb makes it (reference analyser, renderer layout,
    /// <see cref="ScopeCompositor.Compose"/>), at the inset's column count and bins.
    /// </summary>
    internal static (ScopeLayout Layout, float[] Picture) ReferenceScope(InsetScope type, float[] frame, int w, int h, YCbCrMatrix matrix)
    {
        var request = new ScopeRequest
        {
            Type = type switch { InsetScope.Parade => ScopeType.Parade, InsetScope.Vectorscope => ScopeType.Vectorscope, InsetScope.Histogram => ScopeType.Histogram, _ => ScopeType.Waveform },
            Matrix = matrix,
        };
        ScopeLayout layout;
        uint[] counts;
        ScopeTraceScale scale;
        switch (type)
        {
            case InsetScope.Waveform or InsetScope.Parade:
                bool parade = type == InsetScope.Parade;
                var wp = new WaveformParams(WaveformParams.ColumnsFor(w, parade ? ScopeInset.ParadeColumns : ScopeInset.WaveformColumns), parade, matrix);
                var wc = new WaveformCounts(wp);
                WaveformCpuAnalyzer.Analyze(frame, w, h, wc);
                (layout, counts, scale) = (WaveformRenderer.Layout(wp, request), wc.Counts, WaveformRenderer.Scale(wc, 1f));
                break;
            case InsetScope.Vectorscope:
                var vc = new VectorscopeCounts(new VectorscopeParams(ScopeInset.VectorscopeBins, matrix));
                VectorscopeCpuAnalyzer.Analyze(frame, w, h, vc);
                (layout, counts, scale) = (VectorscopeRenderer.Layout(vc.Params, request), vc.Counts, VectorscopeRenderer.Scale(vc, 1f));
                break;
            default:
                var hc = new HistogramCounts(matrix);
                HistogramCpuAnalyzer.Analyze(frame, w, h, hc);
                (layout, counts, scale) = (HistogramRenderer.Layout(request), hc.Counts, HistogramRenderer.Scale(hc, 1f));
                break;
        }
        var picture = new float[layout.Width * layout.Height * 4];
        ScopeCompositor.Compose(layout, counts, scale, picture);
        return (layout, picture);
    }

    /// <summary>A picture reduced by a whole factor: the mean of each f x f block (rows in order, left to right), alpha 1.</summary>
    internal static float[] Reduce(float[] picture, int width, int height, int f)
    {
        int w = width / f, h = height / f;
        var reduced = new float[w * h * 4];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    float sum = 0;
                    for (int sy = 0; sy < f; sy++)
                    {
                        for (int sx = 0; sx < f; sx++) sum += picture[((y * f + sy) * width + x * f + sx) * 4 + c];
                    }
                    reduced[(y * w + x) * 4 + c] = sum / (f * f);
                }
                reduced[(y * w + x) * 4 + 3] = 1f;
            }
        }
        return reduced;
    }

    /// <summary>The reference inset: the scope picture of <paramref name="countedFrom"/>, reduced as the inset says.</summary>
    internal static float[] ReferenceInset(ScopeInset inset, float[] countedFrom, int w, int h, YCbCrMatrix matrix)
    {
        var (layout, picture) = ReferenceScope(inset.Type, countedFrom, w, h, matrix);
        Assert.Equal(layout.Width, inset.Layout.Width);
        Assert.Equal(layout.Height, inset.Layout.Height);
        return Reduce(picture, layout.Width, layout.Height, inset.Factor);
    }

    private static float[] Region(float[] frame, int frameWidth, int x, int y, int w, int h)
    {
        var r = new float[w * h * 4];
        for (int row = 0; row < h; row++) Array.Copy(frame, ((y + row) * frameWidth + x) * 4, r, row * w * 4, w * 4);
        return r;
    }

    private static void AssertSamePixels(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                Assert.Fail($"{what}: sample {i} (pixel {i / 4}, channel {i % 4}) is {actual[i]:R}, the reference {expected[i]:R}");
            }
        }
    }

    [Fact]
    public void Four_scope_insets_land_in_their_corners_as_the_reference_scope_pictures_reduced()
    {
        var bars = Bars();
        var frame = (float[])bars.Clone();
        var settings = OverlayState.None with { Scopes = new ScopeInsets(InsetScope.Parade, InsetScope.Histogram, InsetScope.Waveform, InsetScope.Vectorscope) };
        var overlays = new OutputOverlays();
        overlays.Apply(settings, "rec1886", frame, W, H);

        int margin = ScopeInset.Margin(H);
        Assert.Equal(10, margin); // 540 / 54
        var touched = new bool[W * H];
        for (int corner = 0; corner < 4; corner++)
        {
            var inset = overlays.Inset(corner)!;
            Assert.Equal(settings.Scopes[corner], inset.Type);
            Assert.True(inset.Fits);
            // The smallest whole reduction that keeps it within 28% of the height and 48% of the width.
            Assert.Equal(inset.Layout.Width / inset.Factor, inset.Width);
            Assert.Equal(inset.Layout.Height / inset.Factor, inset.Height);
            Assert.True(inset.Factor == 1 || inset.Layout.Height / (inset.Factor - 1.0) > 0.28 * H || inset.Layout.Width / (inset.Factor - 1.0) > 0.48 * W);
            // In its corner, a margin away from both edges.
            Assert.Equal(corner % 2 == 0 ? margin : W - margin - inset.Width, inset.X);
            Assert.Equal(corner < 2 ? margin : H - margin - inset.Height, inset.Y);
            Assert.InRange(inset.Height, 1, 0.28 * H);
            Assert.InRange(inset.Width, 1, 0.48 * W);
            for (int y = inset.Y; y < inset.Y + inset.Height; y++)
            {
                for (int x = inset.X; x < inset.X + inset.Width; x++)
                {
                    Assert.False(touched[y * W + x], $"insets overlap at {x},{y}");
                    touched[y * W + x] = true;
                }
            }
            var expected = ReferenceInset(inset, bars, W, H, YCbCrMatrix.Rec709);
            AssertSamePixels(expected, Region(frame, W, inset.X, inset.Y, inset.Width, inset.Height), $"{inset.Type} inset");
        }
        // Everything else is the picture as it was.
        for (int p = 0; p < W * H; p++)
        {
            if (touched[p]) continue;
            for (int c = 0; c < 4; c++) Assert.Equal(bars[p * 4 + c], frame[p * 4 + c]);
        }
    }

    [Fact]
    public void Parade_columns_trace_a_ramp_at_its_own_levels()
    {
        // Four bands (grey, red, green, blue) of ramps 0..1 across: in the parade's R plot, column c traces the
        // code of the ramp's value there; the other two bands add black (code 64), left out of the search.
        var ramp = new float[W * H * 4];
        TestPatterns.Ramp(ramp, W, H);
        var frame = (float[])ramp.Clone();
        var overlays = new OutputOverlays();
        overlays.Apply(OverlayState.None with { Scopes = ScopeInsets.None with { BottomLeft = InsetScope.Parade } }, "rec1886", frame, W, H);
        var inset = overlays.Inset(2)!;
        int f = inset.Factor;
        var red = inset.Layout.Plots[0];
        int columns = red.Width;
        int checkedColumns = 0;
        for (int column = columns / 8; column < columns; column += columns / 8)
        {
            // The image columns behind this waveform column, and the code of the ramp at their middle.
            double x = (column + 0.5) * W / columns;
            double code = VideoLevels.SignalToCode(x / (W - 1));
            if (code < 140) continue;
            int insetX = inset.X + (red.X + column) / f;
            int bestRow = -1;
            float best = 0;
            for (int row = 0; row < inset.Height; row++)
            {
                int layoutRow = row * f + f / 2;
                int rowCode = (red.Y + red.Height - 1 - layoutRow) * WaveformRenderer.LevelsPerRow;
                if (layoutRow < red.Y || layoutRow >= red.Y + red.Height || rowCode < 110) continue;
                int i = ((inset.Y + row) * W + insetX) * 4;
                float redness = frame[i] - frame[i + 1]; // the red trace, not the amber graticule
                if (redness > best) (best, bestRow) = (redness, row);
            }
            int expectedRow = WaveformRenderer.RowOf(red, code) / f;
            Assert.True(Math.Abs(bestRow - expectedRow) <= 1, $"column {column}: trace at inset row {bestRow}, the ramp's code {code:0} is at row {expectedRow}");
            // A one-level trace averaged over the reduction's blocks; the background's redness is about -0.005.
            Assert.True(best > 0.1f, $"column {column}: trace too faint ({best})");
            checkedColumns++;
        }
        Assert.True(checkedColumns >= 5);
    }

    [Theory]
    [InlineData("R", 0.75f, 0f, 0f)]
    [InlineData("MG", 0.75f, 0f, 0.75f)]
    [InlineData("B", 0f, 0f, 0.75f)]
    [InlineData("CY", 0f, 0.75f, 0.75f)]
    [InlineData("G", 0f, 0.75f, 0f)]
    [InlineData("YL", 0.75f, 0.75f, 0f)]
    public void Vectorscope_points_land_on_the_bar_targets(string target, float r, float g, float b)
    {
        // A flat 75% bar puts every pixel in one Cb/Cr bin: against a grey frame (all at the centre) the inset
        // differs only at the centre and at that bar's target.
        var colour = Flat(r, g, b);
        var grey = Flat(0.5f, 0.5f, 0.5f);
        var settings = OverlayState.None with { Scopes = ScopeInsets.None with { TopRight = InsetScope.Vectorscope } };
        var a = new OutputOverlays();
        a.Apply(settings, "rec1886", colour, W, H);
        new OutputOverlays().Apply(settings, "rec1886", grey, W, H);
        var inset = a.Inset(1)!;
        var plot = inset.Layout.Plots[0];
        var t = VectorscopeTargets.For(YCbCrMatrix.Rec709, 0.75).Single(v => v.Label == target);
        var (tx, ty) = VectorscopeRenderer.Position(plot, t.Cb, t.Cr);
        var (cx, cy) = VectorscopeRenderer.Position(plot, 0, 0);
        double sx = 0, sy = 0, sum = 0;
        for (int y = 0; y < inset.Height; y++)
        {
            for (int x = 0; x < inset.Width; x++)
            {
                int i = ((inset.Y + y) * W + inset.X + x) * 4 + 1;
                double d = colour[i] - grey[i];
                if (d <= 0.05) continue;
                sx += d * (x + 0.5);
                sy += d * (y + 0.5);
                sum += d;
            }
        }
        Assert.True(sum > 0, "no trace");
        double px = sx / sum * inset.Factor, py = sy / sum * inset.Factor;
        Assert.True(Math.Abs(px - tx) <= inset.Factor && Math.Abs(py - ty) <= inset.Factor,
            $"trace at ({px:0.0}, {py:0.0}) in the scope's pixels, the 75% {target} target at ({tx:0.0}, {ty:0.0}), the centre at ({cx:0.0}, {cy:0.0})");
    }

    [Fact]
    public void HDR_outputs_get_BT2020_scopes_with_a_nits_graticule()
    {
        var frame = Bars();
        var overlays = new OutputOverlays();
        overlays.Apply(OverlayState.None with { Scopes = ScopeInsets.None with { BottomRight = InsetScope.Waveform } }, "pq1000", frame, W, H);
        var inset = overlays.Inset(3)!;
        var request = new ScopeRequest { Matrix = YCbCrMatrix.Rec2020, Signal = ScopeSignal.Pq };
        var wp = new WaveformParams(WaveformParams.ColumnsFor(W, ScopeInset.WaveformColumns), false, YCbCrMatrix.Rec2020);
        // The graticule is the PQ one (nits), not the SDR one (IRE).
        Assert.Equal(WaveformRenderer.Layout(wp, request).Graticule.Pixels, inset.Layout.Graticule.Pixels);
        Assert.NotEqual(WaveformRenderer.Layout(wp, request with { Signal = ScopeSignal.Sdr }).Graticule.Pixels, inset.Layout.Graticule.Pixels);
    }

    [Fact]
    public void Two_zebra_levels_are_the_reference_zebras()
    {
        var bars = Bars();
        var frame = (float[])bars.Clone();
        var settings = new OverlayState(false, 95, 0, false) { Zebra2 = new ZebraLevel(70, 80) };
        new OutputOverlays().Apply(settings, "rec1886", frame, W, H);
        // The first frame draws phase 1 (zebras crawl one step a frame).
        var expected = (float[])bars.Clone();
        new ZebraCpuRenderer(new ZebraParams(new ZebraLevel(95), new ZebraLevel(70, 80), YCbCrMatrix.Rec709) { Phase = 1 }).Apply(expected, W, H);
        AssertSamePixels(expected, frame, "zebras");
        // RP 219's 75% white is 75 IRE: inside the second band; 100% white is above the first level.
        Assert.NotEqual(bars, frame);
    }

    [Fact]
    public void Safe_areas_and_centre_cross_are_the_reference_guides()
    {
        var bars = Bars();
        var settings = OverlayState.None with { ActionSafe = true, TitleSafe = true, CentreCross = true };

        // Without frame lines: the guides of the whole picture, as the frame-line reference draws them at the
        // picture's own aspect (whose frame border, the outer 2 pixels, live outputs do not draw).
        var frame = (float[])bars.Clone();
        new OutputOverlays().Apply(settings, "rec1886", frame, W, H);
        var expected = (float[])bars.Clone();
        var p = new FrameLineParams((double)W / H) { ActionSafe = true, TitleSafe = true, CentreCross = true };
        new FrameLineCpuRenderer(p).Apply(expected, W, H);
        var g = FrameLineGeometry.For(W, H, p);
        Assert.Equal(new PixelRect(0, 0, W, H), g.Frame);
        for (int y = 0; y < H; y++)
        {
            for (int x = 0; x < W; x++)
            {
                if (g.Frame.OnBorder(x, y, p.LineWidth))
                {
                    for (int c = 0; c < 4; c++) Assert.Equal(bars[(y * W + x) * 4 + c], frame[(y * W + x) * 4 + c]);
                    continue;
                }
                for (int c = 0; c < 4; c++) Assert.Equal(expected[(y * W + x) * 4 + c], frame[(y * W + x) * 4 + c]);
            }
        }
        // Action safe is 93% of 960 x 540: 892 x 502 centred, title safe 90%: 864 x 486.
        Assert.Equal(new PixelRect(34, 19, 892, 502), g.ActionSafe);
        Assert.Equal(new PixelRect(48, 27, 864, 486), g.TitleSafe);
        Assert.Equal(p.SafeColour.R, frame[(19 * W + 500) * 4]);

        // With frame lines: one pass of the reference, the guides inside the framed area.
        frame = (float[])bars.Clone();
        new OutputOverlays().Apply(settings with { FrameLines = 2.39 }, "rec1886", frame, W, H);
        expected = (float[])bars.Clone();
        new FrameLineCpuRenderer(new FrameLineParams(2.39) { ActionSafe = true, TitleSafe = true, CentreCross = true }).Apply(expected, W, H);
        AssertSamePixels(expected, frame, "frame lines with guides");
    }

    /// <summary>A stand-in clean look: a fixed per-pixel function, counting the pixels it is given.</summary>
    private sealed class CountingLook : ICompareLook
    {
        public long Pixels;
        public int Calls;
        public LookKey LastKey;

        public static void Grade(Span<float> px)
        {
            for (int i = 0; i < px.Length; i += 4) (px[i], px[i + 1], px[i + 2]) = (1 - px[i], 0.5f * px[i + 1], px[i + 2] + 0.25f);
        }

        public bool TryApply(LookKey key, Span<float> buffer, int pixels, int width)
        {
            Grade(buffer[..(pixels * 4)]);
            Pixels += pixels;
            Calls++;
            LastKey = key;
            return true;
        }
    }

    private static (float[] Frame, float[] Graded, float[] Clean, CountingLook Look, OutputOverlays Overlays) RunCompare(CompareState compare, int w = 200, int h = 100)
    {
        var source = new float[w * h * 4];
        TestPatterns.Ramp(source, w, h);
        var graded = Bars(w, h); // stands for the output's graded picture
        var clean = (float[])source.Clone();
        CountingLook.Grade(clean);
        var look = new CountingLook();
        var overlays = new OutputOverlays(look);
        var frame = (float[])graded.Clone();
        overlays.Apply(OverlayState.None with { Compare = compare }, new LookKey(3, 17, "graded", "rec1886", 2), frame, w, h, source, w, h);
        return (frame, graded, clean, look, overlays);
    }

    [Theory]
    [InlineData(CompareMode.Split, 0.5, 0)]
    [InlineData(CompareMode.Split, 0.3, 0)]
    [InlineData(CompareMode.Wipe, 0.5, 30)]
    [InlineData(CompareMode.Wipe, 0.25, 90)]
    [InlineData(CompareMode.Wipe, 0.7, -135)]
    public void Split_and_wipe_compose_as_the_reference_with_the_clean_look_on_its_side_only(CompareMode mode, double position, double angle)
    {
        const int w = 200, h = 100;
        var state = new CompareState(mode, position, angle);
        var (frame, graded, clean, look, overlays) = RunCompare(state);
        var expected = new float[frame.Length];
        var p = OutputCompare.ParamsFor(state, w, h);
        new CompareCpuRenderer(p).Apply(graded, clean, expected, w, h);
        AssertSamePixels(expected, frame, "compare");

        // The clean look ran once, on B's pixels alone, with the clean view of the same camera, display and output.
        var (cx, cy, nx, ny, half) = p.Divider(w, h);
        long bPixels = 0;
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                if ((x + 0.5f - cx) * nx + (y + 0.5f - cy) * ny >= half) bPixels++;
            }
        }
        Assert.Equal(1, look.Calls);
        Assert.Equal(bPixels, look.Pixels);
        Assert.Equal(bPixels, overlays.Compare.LastCleanPixels);
        Assert.Equal(new LookKey(3, 0, "clean", "rec1886", 2), look.LastKey);
        // Dividers along the axes: B's share is the rest of the position, within the divider's own pixels.
        if (angle is 0 or 90) Assert.InRange(bPixels, (1 - position) * w * h - 2.5 * (w + h), (1 - position) * w * h + 2.5 * (w + h));
    }

    [Fact]
    public void The_divider_sits_at_the_position_and_angle_asked()
    {
        const int w = 200, h = 100;
        // Checked with the geometry itself, not the reference renderer: which picture each pixel shows, two pixels
        // either side of where the divider should run.
        void Check(CompareState s, Func<double, double, double> signedDistance)
        {
            var (frame, graded, clean, _, _) = RunCompare(s);
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    double d = signedDistance(x + 0.5, y + 0.5);
                    int i = (y * w + x) * 4;
                    if (d < -2) Assert.True(frame.AsSpan(i, 4).SequenceEqual(graded.AsSpan(i, 4)), $"{s}: ({x}, {y}) should be graded");
                    if (d > 2) Assert.True(frame.AsSpan(i, 4).SequenceEqual(clean.AsSpan(i, 4)), $"{s}: ({x}, {y}) should be clean");
                }
            }
        }
        Check(new CompareState(CompareMode.Split, 0.3, 0), (x, _) => x - 0.3 * w);                       // graded left of x = 60
        Check(new CompareState(CompareMode.Wipe, 0.25, 90), (_, y) => y - 0.25 * h);                     // graded above y = 25
        Check(new CompareState(CompareMode.Wipe, 0.8, 180), (x, _) => 0.2 * w - x);                      // graded right of x = 40
        double s45 = Math.Sqrt(0.5);
        Check(new CompareState(CompareMode.Wipe, 0.5, 45), (x, y) => ((x - w / 2.0) + (y - h / 2.0)) * s45); // through the centre, graded top-left
        // Position 0: all clean; 1: all graded (but for the divider's own pixels at the far corner).
        Assert.True(RunCompare(new CompareState(CompareMode.Wipe, 0, 30)).Look.Pixels >= w * h - 4);
        Assert.True(RunCompare(new CompareState(CompareMode.Wipe, 1, 30)).Look.Pixels == 0);
        // Across the picture, not across its area: at 45° on a 2:1 picture the corner triangles are small, so
        // 0.25 of the way leaves far less than a quarter of the pixels to A.
        Assert.InRange(RunCompare(new CompareState(CompareMode.Wipe, 0.25, 45)).Look.Pixels, 0.82 * w * h, 0.88 * w * h); // A: the triangle x + y < 75, 14%
    }

    [Fact]
    public void A_scaled_input_is_compared_through_the_same_scaler()
    {
        const int w = 200, h = 100;
        var source = new float[2 * w * 2 * h * 4];
        TestPatterns.ZonePlate(source, 2 * w, 2 * h);
        var scaled = new float[w * h * 4];
        Scaler.Fit(source, 2 * w, 2 * h, scaled, w, h);
        CountingLook.Grade(scaled);
        var graded = Bars(w, h);
        var frame = (float[])graded.Clone();
        var state = new CompareState(CompareMode.Split, 0.5, 0);
        new OutputOverlays(new CountingLook()).Apply(OverlayState.None with { Compare = state }, new LookKey(0, 0, "graded", "rec1886", 0), frame, w, h, source, 2 * w, 2 * h);
        var expected = new float[frame.Length];
        new CompareCpuRenderer(OutputCompare.ParamsFor(state, w, h)).Apply(graded, scaled, expected, w, h);
        AssertSamePixels(expected, frame, "compare of a scaled input");
    }

    [Theory]
    [InlineData(200, 100)]
    [InlineData(201, 99)] // odd sizes: a black last column, a letterbox row more at the bottom
    public void Side_by_side_against_a_look_composes_as_the_reference_with_B_graded_whole(int w, int h)
    {
        var state = new CompareState(CompareMode.SideBySide, 0.5, 0) { Against = CompareAgainst.Lut };
        var (frame, graded, clean, look, _) = RunCompare(state, w, h);
        var expected = new float[frame.Length];
        new CompareCpuRenderer(OutputCompare.ParamsFor(state, w, h)).Apply(graded, clean, expected, w, h);
        AssertSamePixels(expected, frame, "side by side");
        Assert.Equal(1, look.Calls);
        Assert.Equal((long)w * h, look.Pixels);
        // The look without the CDL: the lut view of the same camera, display and output, at the camera's look version.
        Assert.Equal(new LookKey(3, 17, "lut", "rec1886", 2), look.LastKey);
    }

    [Fact]
    public void A_second_look_is_graded_under_its_own_key()
    {
        var second = new SecondLook("sc12 tk3 v2", new CdlValues(new(1.1, 1, 0.9), new(0, 0, 0), new(1, 1, 1), 0.8), ["show.cube"]);
        var state = new CompareState(CompareMode.Wipe, 0.4, 30) { Against = CompareAgainst.Look, Look = second };
        var (frame, graded, clean, look, _) = RunCompare(state);
        var expected = new float[frame.Length];
        new CompareCpuRenderer(OutputCompare.ParamsFor(state, 200, 100)).Apply(graded, clean, expected, 200, 100);
        AssertSamePixels(expected, frame, "wipe against a second look");
        Assert.Equal(new LookKey(3, 0, "look", "rec1886", 2, second), look.LastKey);
        // The same look sent again (a new list with the same paths) is the same key: nothing re-bakes.
        Assert.Equal(look.LastKey, look.LastKey with { Look = second with { Luts = ["show.cube"] } });
    }

    /// <summary>Stills handed out as they are, counting the asks.</summary>
    private sealed class FixedStills(float[] picture) : IReferenceStills
    {
        public int Asked;

        public float[]? TryGet(string still, int width, int height)
        {
            Asked++;
            return picture.Length == width * height * 4 ? picture : null;
        }
    }

    [Theory]
    [InlineData(CompareMode.Split, 0.3, 0)]
    [InlineData(CompareMode.Wipe, 0.6, -45)]
    [InlineData(CompareMode.SideBySide, 0.5, 0)]
    public void Against_a_still_B_is_the_still_untouched_by_any_look(CompareMode mode, double position, double angle)
    {
        const int w = 200, h = 100;
        var still = new float[w * h * 4];
        TestPatterns.ZonePlate(still, w, h);
        var graded = Bars(w, h);
        var frame = (float[])graded.Clone();
        var look = new CountingLook();
        var stills = new FixedStills(still);
        var state = new CompareState(mode, position, angle) { Against = CompareAgainst.Still, Still = "stills/ref.exr" };
        var overlays = new OutputOverlays(look, stills);
        overlays.Apply(OverlayState.None with { Compare = state }, new LookKey(0, 0, "graded", "rec1886", 0), frame, w, h, Bars(w, h), w, h);
        var expected = new float[frame.Length];
        new CompareCpuRenderer(OutputCompare.ParamsFor(state, w, h)).Apply(graded, still, expected, w, h);
        AssertSamePixels(expected, frame, $"{mode} against a still");
        Assert.Equal(0, look.Calls);
        Assert.Equal(1, stills.Asked);
    }

    [Fact]
    public void The_engines_still_cache_reads_once_and_then_hands_out_the_same_picture_without_allocating()
    {
        var dir = Directory.CreateTempSubdirectory("lg-still").FullName;
        var pixels = new float[64 * 36 * 4];
        TestPatterns.ZonePlate(pixels, 64, 36);
        LiveGrade.Interop.Oiio.ImageFile.Write(Path.Combine(dir, "ref.exr"), new LiveGrade.Interop.Oiio.RgbaImage(64, 36, pixels), LiveGrade.Interop.Oiio.ImageSampleFormat.Float);
        var reports = new List<string>();
        var cache = new ReferenceStillCache(p => Path.Combine(dir, p), reports.Add);
        float[]? picture = null;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while ((picture = cache.TryGet("ref.exr", 64, 36)) is null && sw.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(5);
        Assert.NotNull(picture);
        Assert.Equal(pixels, picture); // same size: the still as written (float EXR), opaque
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3; i++) Assert.Same(picture, cache.TryGet("ref.exr", 64, 36));
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        // A missing still: null, one line, not retried every frame.
        RefusedInOneLine(cache, reports, "gone.exr", $"error: {Path.Combine(dir, "gone.exr")}: no such file");
    }

    /// <summary>
    /// Asks for <paramref name="name"/> as an output would, frame after frame, until the cache has reported (it loads in
    /// the background): always null, exactly the one line <paramref name="expected"/>, and no more lines after it.
    /// </summary>
    private static void RefusedInOneLine(ReferenceStillCache cache, List<string> reports, string name, string expected)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (reports.Count == 0 && sw.Elapsed < TimeSpan.FromSeconds(10))
        {
            Assert.Null(cache.TryGet(name, 64, 36));
            Thread.Sleep(5);
        }
        Assert.Equal(expected, Assert.Single(reports));
        for (int i = 0; i < 3; i++) Assert.Null(cache.TryGet(name, 64, 36));
        Assert.Single(reports);
    }

    [Fact]
    public void A_still_larger_than_the_cap_is_refused_in_one_line_from_its_header()
    {
        var dir = Directory.CreateTempSubdirectory("lg-still").FullName;
        LiveGrade.Interop.Oiio.ImageFile.Write(Path.Combine(dir, "big.exr"), LiveGrade.Interop.Oiio.RgbaImage.Create(64, 36), LiveGrade.Interop.Oiio.ImageSampleFormat.Half);
        var reports = new List<string>();
        var cache = new ReferenceStillCache(p => Path.Combine(dir, p), reports.Add, maxPixels: 64 * 35);
        RefusedInOneLine(cache, reports, "big.exr", $"error: {Path.Combine(dir, "big.exr")}: unsupported image size 64x36 (at most 2240 pixels here)");
        Assert.Equal(8192L * 4320, ReferenceStillCache.DefaultMaxPixels);
    }

    [Fact]
    public void A_still_of_another_size_is_fitted_whole_keeping_its_aspect()
    {
        // 400x100 (4:1) into 200x100: 200x50, centred, black above and below.
        var pixels = new float[400 * 100 * 4];
        TestPatterns.Ramp(pixels, 400, 100);
        var fitted = ReferenceStillCache.Prepare(new LiveGrade.Interop.Oiio.RgbaImage(400, 100, pixels), 200, 100);
        var direct = new float[200 * 50 * 4];
        Scaler.Fit(pixels, 400, 100, direct, 200, 50);
        for (int y = 0; y < 100; y++)
        {
            for (int x = 0; x < 200; x++)
            {
                int i = (y * 200 + x) * 4;
                if (y < 25 || y >= 75) Assert.True(fitted.AsSpan(i, 4).SequenceEqual([0f, 0f, 0f, 1f]), $"({x}, {y}) should be black");
                else Assert.True(fitted.AsSpan(i, 4).SequenceEqual(direct.AsSpan(((y - 25) * 200 + x) * 4, 4)), $"({x}, {y}) should be the still");
            }
        }
    }

    [Theory]
    [InlineData(InsetScope.Waveform)]
    [InlineData(InsetScope.Parade)]
    [InlineData(InsetScope.Vectorscope)]
    [InlineData(InsetScope.Histogram)]
    public void A_camera_tapped_inset_is_the_reference_scope_of_the_input_frame(InsetScope type)
    {
        // The input: a ramp at twice the output's size (the output scales it); the output's own picture: bars.
        var input = new float[2 * W * 2 * H * 4];
        TestPatterns.Ramp(input, 2 * W, 2 * H);
        var scaled = new float[W * H * 4];
        Scaler.Fit(input, 2 * W, 2 * H, scaled, W, H);
        var graded = Bars();
        var frame = (float[])graded.Clone();
        var settings = OverlayState.None with
        {
            Scopes = new ScopeInsets(InsetScope.None, type, InsetScope.None, type) { TopRightTap = InsetTap.Camera },
        };
        var overlays = new OutputOverlays();
        // An HDR output: the output-tapped inset counts in BT.2020 with nits; the camera tap stays codes and BT.709.
        overlays.Apply(settings, new LookKey(0, 0, "graded", "pq1000", 0), frame, W, H, input, 2 * W, 2 * H);
        var camera = overlays.Inset(1)!;
        var output = overlays.Inset(3)!;
        AssertSamePixels(ReferenceInset(camera, scaled, W, H, YCbCrMatrix.Rec709), Region(frame, W, camera.X, camera.Y, camera.Width, camera.Height), $"camera-tapped {type}");
        Assert.False(camera.Counts.SequenceEqual(output.Counts), "the two taps should count different pictures");
    }

    [Theory]
    [InlineData(InsetScope.Waveform)]
    [InlineData(InsetScope.Vectorscope)]
    public void A_graded_tapped_inset_is_the_reference_scope_of_the_look_before_the_display_transform(InsetScope type)
    {
        var input = new float[2 * W * 2 * H * 4];
        TestPatterns.Ramp(input, 2 * W, 2 * H);
        var expected = new float[W * H * 4];
        Scaler.Fit(input, 2 * W, 2 * H, expected, W, H);
        CountingLook.Grade(expected); // what the tap's look makes of the scaled input
        var frame = Bars();
        var settings = OverlayState.None with { Scopes = ScopeInsets.None with { TopLeft = type, TopLeftTap = InsetTap.Graded } };
        var tapLook = new CountingLook();
        var overlays = new OutputOverlays(tapLook: tapLook);
        var key = new LookKey(0, 3, "graded", "pq1000", 2);
        overlays.Apply(settings, key, frame, W, H, input, 2 * W, 2 * H);
        // The output's camera, grade and view, without its display transform and without its monitor's calibration.
        Assert.Equal(key with { Display = "none", Output = -1 }, tapLook.LastKey);
        Assert.Equal(1, tapLook.Calls);
        var inset = overlays.Inset(0)!;
        AssertSamePixels(ReferenceInset(inset, expected, W, H, YCbCrMatrix.Rec709), Region(frame, W, inset.X, inset.Y, inset.Width, inset.Height), $"graded-tapped {type}");
        // Set up once, it allocates nothing more per frame.
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3; i++) overlays.Apply(settings, key, frame, W, H, input, 2 * W, 2 * H);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Every_overlay_together_allocates_nothing_per_frame()
    {
        var bars = Bars();
        var frame = new float[bars.Length];
        var settings = new OverlayState(true, 95, 2.39, true)
        {
            Zebra2 = new ZebraLevel(70, 80),
            ActionSafe = true,
            TitleSafe = true,
            CentreCross = true,
            Scopes = new ScopeInsets(InsetScope.Parade, InsetScope.Histogram, InsetScope.Waveform, InsetScope.Vectorscope) { TopRightTap = InsetTap.Camera },
            Compare = new CompareState(CompareMode.Wipe, 0.4, 30),
        };
        var overlays = new OutputOverlays(new CountingLook());
        var key = new LookKey(0, 0, "graded", "rec1886", 0);
        for (int i = 0; i < 2; i++)
        {
            bars.CopyTo(frame, 0);
            overlays.Apply(settings, key, frame, W, H, bars, W, H);
        }
        // An HDR display and a change of settings rebuild; back to the first settings, nothing more is made.
        var other = settings with { FalseColor = false, Scopes = ScopeInsets.None with { TopLeft = InsetScope.Waveform } };
        overlays.Apply(other, key with { Display = "hlg" }, frame, W, H, bars, W, H);
        overlays.Apply(settings, key, frame, W, H, bars, W, H);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3; i++)
        {
            bars.CopyTo(frame, 0);
            overlays.Apply(settings, key, frame, W, H, bars, W, H);
        }
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void The_lower_third_waveform_of_a_flat_field_is_one_bright_row_over_the_darkened_picture()
    {
        // A flat grey: every counted sample of every column lands on one code, so the lower third shows one row
        // at full brightness (the trace's tint), the rest the picture at a quarter plus the graticule's grey, and
        // alpha and the upper two thirds are untouched.
        const int w = 320, h = 180;
        const float grey = 0.5f, alpha = 0.75f;
        var frame = new float[w * h * 4];
        for (int i = 0; i < frame.Length; i += 4) (frame[i], frame[i + 1], frame[i + 2], frame[i + 3]) = (grey, grey, grey, alpha);
        new OutputOverlays().Apply(OverlayState.None with { Waveform = true }, "rec1886", frame, w, h);

        int inset = h / 3, top = h - inset;
        int code = VideoLevels.LumaCode(grey);
        int black = (int)System.Math.Round(VideoLevels.IreToCode(0)), white = (int)System.Math.Round(VideoLevels.IreToCode(100));
        int traceRows = 0;
        for (int y = 0; y < h; y++)
        {
            int row = y - top;
            int high = (int)((long)(inset - row) * VideoLevels.Codes / inset) - 1, low = (int)((long)(inset - row - 1) * VideoLevels.Codes / inset);
            bool isTrace = row >= 0 && code >= low && code <= high;
            bool graticule = row >= 0 && ((black >= low && black <= high) || (white >= low && white <= high));
            traceRows += isTrace ? 1 : 0;
            float dim = (graticule ? 0.35f : 0.15f) * 0.3f;
            float[] expected = row < 0 ? [grey, grey, grey]
                : isTrace ? [grey * 0.25f + dim + 0.55f, grey * 0.25f + dim + 0.95f, grey * 0.25f + dim + 0.55f]
                : [grey * 0.25f + dim, grey * 0.25f + dim, grey * 0.25f + dim];
            for (int x = 0; x < w; x += 37)
            {
                int at = (y * w + x) * 4;
                for (int c = 0; c < 3; c++) Assert.True(System.Math.Abs(frame[at + c] - expected[c]) < 1e-6, $"row {y} x {x} channel {c}: {frame[at + c]} not {expected[c]}");
                Assert.Equal(alpha, frame[at + 3]);
            }
        }
        Assert.Equal(1, traceRows);
    }

    [Fact]
    public void A_lower_third_row_is_as_bright_as_every_sample_in_its_band_of_codes()
    {
        // Each inset row draws a band of about 17 codes (1024 codes over 60 rows). Per column, 3 counted samples
        // land on code c and 3 on c + 1, both in one row's band; the other 39 on a far dark grey. The row's
        // brightness is that of all 6 samples, 0.25 + ln(1 + 6) / ln(1 + 45) (45 rows counted: every 4th of 180),
        // as on a raster scope, not that of the fuller code alone (3 samples: 0.61 instead of 0.76).
        const int w = 320, h = 180, rowStep = 4;
        int inset = h / 3, top = h - inset;
        int bandRow = 20; // an inset row whose band starts at code c
        int c = (int)((long)(inset - bandRow - 1) * VideoLevels.Codes / inset);
        Assert.True((int)((long)(inset - bandRow) * VideoLevels.Codes / inset) - 1 > c, "c + 1 must be in the same band");
        float Level(int code) => (code - VideoLevels.LumaOffset) / VideoLevels.LumaScale;
        Assert.Equal(c, VideoLevels.LumaCode(Level(c)));
        Assert.Equal(c + 1, VideoLevels.LumaCode(Level(c + 1)));
        const float dark = 0.02f;
        var frame = new float[w * h * 4];
        for (int y = 0; y < h; y++)
        {
            float v = y < 3 * rowStep ? Level(c) : y < 6 * rowStep ? Level(c + 1) : dark;
            for (int x = 0; x < w; x++) (frame[(y * w + x) * 4], frame[(y * w + x) * 4 + 1], frame[(y * w + x) * 4 + 2], frame[(y * w + x) * 4 + 3]) = (v, v, v, 1f);
        }
        new OutputOverlays().Apply(OverlayState.None with { Waveform = true }, "rec1886", frame, w, h);

        float t = System.Math.Min(1f, 0.25f + MathF.Log(1 + 6) * (1f / MathF.Log(1 + 45)));
        float dim = 0.15f * 0.3f; // no graticule in this band (0 and 100 IRE are codes 64 and 940)
        int yRow = top + bandRow;
        for (int x = 0; x < w; x += 29)
        {
            int at = (yRow * w + x) * 4;
            Assert.Equal(dark * 0.25f + dim + t * 0.55f, frame[at], 1e-6f);
            Assert.Equal(dark * 0.25f + dim + t * 0.95f, frame[at + 1], 1e-6f);
        }
    }

    [Theory]
    [InlineData(CompareMode.SideBySide, CompareAgainst.Look)]
    [InlineData(CompareMode.SideBySide, CompareAgainst.Still)]
    [InlineData(CompareMode.Wipe, CompareAgainst.Still)]
    [InlineData(CompareMode.Split, CompareAgainst.Lut)]
    public void A_compare_once_set_up_allocates_nothing_per_frame(CompareMode mode, CompareAgainst against)
    {
        // A scaled input too (the camera-tapped inset and B's look read it at the output's size).
        var input = Bars(2 * W, 2 * H);
        var still = Bars();
        var frame = new float[W * H * 4];
        var settings = OverlayState.None with
        {
            Scopes = ScopeInsets.None with { TopLeft = InsetScope.Waveform, TopLeftTap = InsetTap.Camera },
            Compare = new CompareState(mode, 0.4, 30)
            {
                Against = against,
                Look = against == CompareAgainst.Look ? new SecondLook("other", CdlValues.Identity, ["a.cube"]) : null,
                Still = against == CompareAgainst.Still ? "ref.exr" : null,
            },
        };
        var overlays = new OutputOverlays(new CountingLook(), new FixedStills(still));
        var key = new LookKey(0, 0, "graded", "rec1886", 0);
        overlays.Apply(settings, key, frame, W, H, input, 2 * W, 2 * H);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3; i++) overlays.Apply(settings, key, frame, W, H, input, 2 * W, 2 * H);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
