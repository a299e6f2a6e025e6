using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Histogram;
using LiveGrade.Color.Scopes.Vectorscope;
using LiveGrade.Color.Scopes.Waveform;
using LiveGrade.Color.Tests.Reference;
using LiveGrade.Engine.Pipeline;
using LiveGrade.Video.Sources;

namespace LiveGrade.Engine.Tests.Pipeline;

/// <summary>
/// The live insets' counting against the scope package's reference analysers, bin for bin: on bars, on a ramp,
/// and on random values far outside 0..1 with NaN and infinities, at widths that leave a tail after the
/// eight-pixel blocks. (Run with DOTNET_EnableAVX2=0 the fast path is the reference itself.)
/// </summary>
public class ScopeCountingTests
{
    public static TheoryData<string, int, int> Pictures => new()
    {
        { "bars", 192, 108 },
        { "ramp", 203, 61 },
        { "random", 131, 77 },
    };

    private static float[] Picture(string name, int w, int h)
    {
        var px = new float[w * h * 4];
        switch (name)
        {
            case "bars": TestPatterns.Bars(px, w, h); break;
            case "ramp": TestPatterns.Ramp(px, w, h); break;
            default:
                px = RandomPixels.Uniform(w * h, -0.6, 1.7, 5);
                // Every special value in every channel, spread over the picture (and in the SIMD blocks' lanes).
                float[] special = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 1e-30f, 1e30f, 0.5f / 876];
                for (int i = 0; i < px.Length; i += 7) px[i] = special[i / 7 % special.Length];
                break;
        }
        return px;
    }

    [Theory]
    [MemberData(nameof(Pictures))]
    public void Counts_equal_the_reference_analysers_bin_for_bin(string picture, int w, int h)
    {
        var px = Picture(picture, w, h);
        var counting = new ScopeCounting(w);
        foreach (var matrix in new[] { YCbCrMatrix.Rec709, YCbCrMatrix.Rec2020 })
        {
            foreach (bool rgb in new[] { false, true })
            {
                var p = new WaveformParams(WaveformParams.ColumnsFor(w, 50), rgb, matrix);
                var expected = new WaveformCounts(p);
                WaveformCpuAnalyzer.Analyze(px, w, h, expected);
                var actual = new WaveformCounts(p);
                counting.Waveform(px, w, h, actual);
                Assert.Equal(expected.Counts, actual.Counts);
                Assert.Equal(expected.SamplesPerColumn, actual.SamplesPerColumn);
            }
            foreach (int size in new[] { 256, 512 })
            {
                var expected = new VectorscopeCounts(new VectorscopeParams(size, matrix));
                VectorscopeCpuAnalyzer.Analyze(px, w, h, expected);
                var actual = new VectorscopeCounts(new VectorscopeParams(size, matrix));
                counting.Vectorscope(px, w, h, actual);
                Assert.Equal(expected.Counts, actual.Counts);
            }
            var hExpected = new HistogramCounts(matrix);
            HistogramCpuAnalyzer.Analyze(px, w, h, hExpected);
            var hActual = new HistogramCounts(matrix);
            counting.Histogram(px, w, h, hActual);
            Assert.Equal(hExpected.Counts, hActual.Counts);
            Assert.Equal((long)w * h, hActual.Channel(HistogramCounts.Luma).ToArray().Sum(c => (long)c));
        }
    }

    [Theory]
    [MemberData(nameof(Pictures))]
    public void The_lower_third_counts_are_the_references_counts_of_every_fourth_row_summed_per_band(string picture, int w, int h)
    {
        // The lower-third waveform overlay counts every 4th row straight into its inset rows: the same as the
        // reference analyser given a picture made of rows 0, 4, 8, ..., its code bins then summed over each
        // row's band of codes (with or without AVX2: the row's codes come from one place).
        var px = Picture(picture, w, h);
        int rows = (h + 3) / 4;
        var kept = new float[w * rows * 4];
        for (int r = 0; r < rows; r++) px.AsSpan(r * 4 * w * 4, w * 4).CopyTo(kept.AsSpan(r * w * 4));
        int columns = WaveformParams.ColumnsFor(w, 50);
        var p = new WaveformParams(columns, false, YCbCrMatrix.Rec709);
        var reference = new WaveformCounts(p);
        WaveformCpuAnalyzer.Analyze(kept, w, rows, reference);
        // Uneven bands: 1024 codes over 37 rows, band b = codes [b * 1024 / 37, (b + 1) * 1024 / 37).
        const int bands = 37;
        var bandOfCode = new int[VideoLevels.Codes];
        for (int code = 0; code < VideoLevels.Codes; code++) bandOfCode[code] = (int)((long)code * bands / VideoLevels.Codes);
        var expected = new uint[bands * columns];
        for (int column = 0; column < columns; column++)
        {
            for (int code = 0; code < VideoLevels.Codes; code++) expected[bandOfCode[code] * columns + column] += reference.Counts[column * VideoLevels.Codes + code];
        }
        var actual = Enumerable.Repeat(7u, bands * columns).ToArray(); // cleared first
        long samples = new ScopeCounting(w).BandedLuma(px, w, h, 4, YCbCrMatrix.Rec709.Weights(), bandOfCode, columns, actual);
        Assert.Equal(expected, actual);
        Assert.Equal(reference.SamplesPerColumn, samples);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScopeCounting(w - 1).BandedLuma(px, w, h, 4, YCbCrMatrix.Rec709.Weights(), bandOfCode, columns, actual));
    }

    [Fact]
    public void A_frame_is_counted_without_allocating()
    {
        const int w = 256, h = 64;
        var px = Picture("random", w, h);
        var counting = new ScopeCounting(w);
        var wave = new WaveformCounts(new WaveformParams(64, true, YCbCrMatrix.Rec709));
        var vector = new VectorscopeCounts(new VectorscopeParams(512, YCbCrMatrix.Rec709));
        var histogram = new HistogramCounts(YCbCrMatrix.Rec709);
        counting.Waveform(px, w, h, wave);
        counting.Vectorscope(px, w, h, vector);
        counting.Histogram(px, w, h, histogram);
        long before = GC.GetAllocatedBytesForCurrentThread();
        counting.Waveform(px, w, h, wave);
        counting.Vectorscope(px, w, h, vector);
        counting.Histogram(px, w, h, histogram);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
