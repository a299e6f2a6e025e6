using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Histogram;
using LiveGrade.Color.Scopes.Rendering;
using LiveGrade.Color.Scopes.Vectorscope;
using LiveGrade.Color.Scopes.Waveform;

namespace LiveGrade.Color.Tests.Scopes.Rendering;

/// <summary>The trace brightness formula and the pictures it draws.</summary>
public class ScopeCompositorTests
{
    [Fact]
    public void A_flat_field_reaches_full_brightness_exactly_and_nothing_exceeds_it()
    {
        foreach (long flat in new long[] { 1080, 2160 * 4, 3840L * 2160 })
        {
            float inv = TraceIntensity.InverseLogFlat(flat);
            Assert.Equal(1f, TraceIntensity.Of((uint)flat, inv, 1f), 5);
            // One sample: a quarter of full brightness plus its own small share of the log.
            Assert.Equal(TraceIntensity.MinimumVisible + 0.75 * System.Math.Log(2) / System.Math.Log(1 + flat), TraceIntensity.Of(1, inv, 1f), 6);
            float previous = 0;
            for (uint c = 1; c <= flat; c = c * 3 / 2 + 1)
            {
                float i = TraceIntensity.Of(c, inv, 1f);
                Assert.True(i >= previous && i <= 1f, $"count {c}: {i}");
                previous = i;
            }
        }
        Assert.Equal(0f, TraceIntensity.Of(0, 0.1f, 4f));
    }

    [Fact]
    public void A_single_pixel_column_stays_visible_beside_a_flat_field()
    {
        // A 1920x1080 grey field with one column of a vertical ramp: each of its levels holds one sample,
        // against 2160 samples per column of the field.
        const int w = 1920, h = 1080;
        var px = new float[w * h * 4];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                float v = x == 1001 ? (h - 1 - y) / (float)(h - 1) : 0.45f;
                int i = (y * w + x) * 4;
                (px[i], px[i + 1], px[i + 2], px[i + 3]) = (v, v, v, 1f);
            }
        }
        var p = new WaveformParams(960, rgb: false, YCbCrMatrix.Rec709);
        var counts = new WaveformCounts(p);
        WaveformCpuAnalyzer.Analyze(px, w, h, counts);
        var layout = WaveformRenderer.Layout(p, new ScopeRequest());
        var picture = new float[layout.Width * layout.Height * 4];
        ScopeCompositor.Compose(layout, counts.Counts, WaveformRenderer.Scale(counts, 1f), picture);
        var plot = layout.Plots[0];

        // Column 500 (image columns 1000-1001) draws the ramp from code 64 to 940; its rows away from the
        // field's level must all be lit at least a quarter of the phosphor's brightness above the face.
        int lit = 0, rows = 0;
        for (int code = 80; code < 930; code += 2)
        {
            if (System.Math.Abs(code - VideoLevels.LumaCode(0.45f)) < 4)
            {
                continue;
            }
            int py = WaveformRenderer.RowOf(plot, code);
            float g = picture[(py * layout.Width + plot.X + 500) * 4 + 1];
            rows++;
            if (g >= ScopeLayout.Background.G + 0.2f)
            {
                lit++;
            }
        }
        Assert.Equal(rows, lit);
        // The flat field: full phosphor brightness on its row (green channel saturates at 1, not beyond).
        int fieldRow = WaveformRenderer.RowOf(plot, VideoLevels.LumaCode(0.45f));
        Assert.Equal(1f, picture[(fieldRow * layout.Width + plot.X + 100) * 4 + 1], 5);
    }

    [Fact]
    public void Waveform_graticule_lines_sit_on_the_rows_of_their_codes()
    {
        var p = new WaveformParams(64, rgb: false, YCbCrMatrix.Rec709);
        var layout = WaveformRenderer.Layout(p, new ScopeRequest { Units = GraticuleUnits.Ire });
        var plot = layout.Plots[0];
        // 100 IRE = code 940 -> row 470 from the bottom (two codes a row); 0 IRE = code 64 -> row 32.
        Assert.Equal(plot.Y + plot.Height - 1 - 470, WaveformRenderer.RowOf(plot, 940));
        foreach (int code in new[] { 64, 940, 502 })
        {
            int row = WaveformRenderer.RowOf(plot, code);
            Assert.True(layout.Graticule.Pixels[(row * layout.Width + plot.X + 10) * 4 + 3] > 0.2f, $"no graticule line at code {code}");
        }
        Assert.Equal(0f, layout.Graticule.Pixels[((WaveformRenderer.RowOf(plot, 120)) * layout.Width + plot.X + 10) * 4 + 3]);
    }

    [Fact]
    public void HDR_graticules_are_in_nits_on_the_PQ_and_HLG_curves()
    {
        // PQ (ST 2084), 10-bit narrow range: 100 nits is code 509 (E' 0.5081), 1000 nits code 723 (E' 0.7518),
        // 10000 nits code 940.
        Assert.Equal(509, System.Math.Round(SignalScale.CodeOfNits(100, ScopeSignal.Pq)));
        Assert.Equal(723, System.Math.Round(SignalScale.CodeOfNits(1000, ScopeSignal.Pq)));
        Assert.Equal(940.0, SignalScale.CodeOfNits(10000, ScopeSignal.Pq), 1e-6);
        // HLG on a 1000-nit display: 203 nits (BT.2408 reference white) at 75% signal, code 721.
        Assert.Equal(721, SignalScale.CodeOfNits(203, ScopeSignal.Hlg), 1.0);
        // Peak: BT.2100's rounded a, b, c put E' = 1 at scene light 1.00000003, hence 1e-4 nits.
        Assert.Equal(1000, SignalScale.ValueOf(940, ScopeSignal.Hlg, GraticuleUnits.Ire), 1e-4);
        Assert.Contains(SignalScale.Marks(ScopeSignal.Pq, GraticuleUnits.Ire), m => m.Label == "1K");
    }

    [Fact]
    public void Histogram_bars_of_a_flat_ramp_are_level_and_a_flat_field_fills_its_column()
    {
        var thresholds = TraceIntensity.HistogramThresholds(256, 1000);
        Assert.Equal(1u, thresholds[0]);
        Assert.True(thresholds[255] <= 1000);
        for (int k = 1; k < thresholds.Length; k++)
        {
            Assert.True(thresholds[k] >= thresholds[k - 1]);
        }
        // The row k is lit exactly when 256 ln(1+c)/ln(1+N) > k + 0.5.
        for (int k = 0; k < 256; k++)
        {
            double h = 256 * System.Math.Log(1 + thresholds[k]) / System.Math.Log(1001);
            double below = 256 * System.Math.Log(thresholds[k]) / System.Math.Log(1001);
            Assert.True(h > k + 0.5 && below <= k + 0.5 + 1e-9, $"row {k}");
        }
    }

    [Fact]
    public void Vectorscope_targets_are_drawn_where_their_bins_are()
    {
        var p = new VectorscopeParams(512, YCbCrMatrix.Rec709);
        var layout = VectorscopeRenderer.Layout(p, new ScopeRequest { Type = ScopeType.Vectorscope });
        var plot = layout.Plots[0];
        foreach (var t in VectorscopeTargets.For(p.Matrix, 0.75))
        {
            var (x, y) = VectorscopeRenderer.Position(plot, t.Cb, t.Cr);
            // The bin the target's code falls in is the pixel under the target's centre mark.
            int cb = p.Bin((int)System.Math.Round(t.CbCode)), cr = p.Bin((int)System.Math.Round(t.CrCode));
            Assert.Equal(plot.X + cb, (int)System.Math.Floor(x));
            Assert.Equal(plot.Y + plot.Height - 1 - cr, (int)System.Math.Floor(y));
            // The 75% box (half side 512/80 = 6 pixels) is centred on that pixel and leaves it clear for the trace.
            int bx = (int)System.Math.Floor(x), by = (int)System.Math.Floor(y);
            Assert.True(layout.Graticule.Pixels[(by * layout.Width + bx - 6) * 4 + 3] > 0.3f, $"{t.Label}: no box edge");
            Assert.True(layout.Graticule.Pixels[(by * layout.Width + bx + 6) * 4 + 3] > 0.3f, $"{t.Label}: no box edge");
            Assert.Equal(0f, layout.Graticule.Pixels[(by * layout.Width + bx) * 4 + 3]);
        }
    }

    [Fact]
    public void Histogram_picture_lights_a_column_in_proportion_to_its_log_count()
    {
        var hist = new HistogramCounts(YCbCrMatrix.Rec709);
        var px = new float[64 * 64 * 4];
        for (int i = 0; i < 64 * 64; i++)
        {
            float v = i < 64 * 63 ? 0.5f : 0.25f; // 4032 pixels at code 502, 64 at code 283
            (px[i * 4], px[i * 4 + 1], px[i * 4 + 2], px[i * 4 + 3]) = (v, v, v, 1f);
        }
        HistogramCpuAnalyzer.Analyze(px, 64, 64, hist);
        var layout = HistogramRenderer.Layout(new ScopeRequest { Type = ScopeType.Histogram });
        var scale = HistogramRenderer.Scale(hist, 1f);
        var picture = new float[layout.Width * layout.Height * 4];
        ScopeCompositor.Compose(layout, hist.Counts, scale, picture);
        var plot = layout.Plots[0];
        int Height(int code)
        {
            int x = plot.X + code / HistogramRenderer.CodesPerColumn, n = 0;
            for (int y = plot.Y; y < plot.Y + plot.Height; y++)
            {
                n += picture[(y * layout.Width + x) * 4] > ScopeLayout.Background.R + 0.3f ? 1 : 0;
            }
            return n;
        }
        static int Expected(double c) => Enumerable.Range(0, 256).Count(k => 256 * System.Math.Log(1 + c) / System.Math.Log(1 + 4096.0) > k + 0.5);
        Assert.Equal(Expected(4032), Height(502));
        Assert.Equal(Expected(64), Height(283));
        Assert.True(Expected(64) is > 100 and < 140, "64 of 4096 pixels lift a bar about half way on the log scale");
        Assert.Equal(0, Height(700));
    }
}
