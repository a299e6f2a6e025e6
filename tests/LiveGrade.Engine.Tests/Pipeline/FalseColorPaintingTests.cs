using LiveGrade.Color.Overlays.FalseColor;
using LiveGrade.Color.Scopes;
using LiveGrade.Engine.Pipeline;

namespace LiveGrade.Engine.Tests.Pipeline;

public class FalseColorPaintingTests
{
    [Theory]
    [InlineData("rec709")]
    [InlineData("rec2020")]
    public void Paints_the_same_bits_as_the_reference_renderer(string matrix)
    {
        var reference = new FalseColorCpuRenderer(FalseColorParams.DefaultIre(matrix == "rec709" ? YCbCrMatrix.Rec709 : YCbCrMatrix.Rec2020));
        // Every code's neighbourhood, wide-range values, NaN, infinities and signed zeros; an odd pixel count for the tail.
        var rng = new Random(5);
        float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f, 1f, -0.07f, 1.09f, 1e-30f, float.MaxValue];
        const int Pixels = 20_011;
        var input = new float[Pixels * 4];
        for (int p = 0; p < Pixels; p++)
        {
            for (int c = 0; c < 3; c++)
            {
                input[p * 4 + c] = rng.Next(10) == 0 ? specials[rng.Next(specials.Length)] : (float)(rng.NextDouble() * 1.3 - 0.15);
            }
            input[p * 4 + 3] = (float)rng.NextDouble(); // alpha must come through untouched
        }
        (input[0], input[1], input[2]) = (-0f, -0f, -0f); // a luma of -0
        var actual = PaintsAsTheReference(reference, input);
        // Some pixels took a band and some stayed grey, so both branches were checked.
        Assert.Contains(Enumerable.Range(0, Pixels), p => actual[p * 4] != actual[p * 4 + 1]);
        Assert.Contains(Enumerable.Range(0, Pixels), p => actual[p * 4] == actual[p * 4 + 1] && actual[p * 4] == actual[p * 4 + 2] && actual[p * 4] > 0.3f);
    }
    [Fact]
    public void Grey_is_the_clamped_luma_bit_for_bit_at_both_ends_and_for_nan()
    {
        // One band in the middle only, so codes at and beyond both ends show grey: the clamp's cases (below 0,
        // -0, NaN, above 1, infinities) all reach the grey path, against the reference's Math.Clamp.
        var band = new FalseColorBand(40, 60, new LiveGrade.Color.Scopes.Rendering.Rgb(0.1f, 0.6f, 0.2f), "mid");
        var reference = new FalseColorCpuRenderer(new FalseColorParams(FalseColorUnit.Ire, [band], YCbCrMatrix.Rec709));
        float[] greys = [-0f, 0f, -0.1f, float.NaN, 1.2f, float.PositiveInfinity, float.NegativeInfinity, 1f, 0.02f, 0.98f, 0.5f, -1e-30f, 1e-30f];
        var input = new float[(greys.Length + 3) * 4]; // a tail after the 8-pixel blocks too
        for (int p = 0; p < greys.Length; p++) (input[p * 4], input[p * 4 + 1], input[p * 4 + 2], input[p * 4 + 3]) = (greys[p], greys[p], greys[p], 0.25f);
        var actual = PaintsAsTheReference(reference, input);
        Assert.Equal(-0f, actual[0]); // -0 stays -0, the sign included (checked bit for bit above)
        Assert.True(BitConverter.SingleToInt32Bits(actual[0]) < 0);
        Assert.Equal(0.6f, actual[10 * 4 + 1]); // 0.5 is 50 IRE: the band's colour
    }

    /// <summary>
    /// Paints <paramref name="input"/> with the reference, the live painting and the live painting in bands on every core
    /// (more than one band past 16384 pixels), and asserts every float's bits equal; returns the live painting.
    /// </summary>
    private static float[] PaintsAsTheReference(FalseColorCpuRenderer reference, float[] input)
    {
        var expected = (float[])input.Clone();
        reference.Apply(expected);
        var painting = new FalseColorPainting(reference);
        var actual = (float[])input.Clone();
        painting.Apply(actual);
        var banded = (float[])input.Clone();
        painting.ApplyParallel(banded);
        for (int i = 0; i < input.Length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"pixel {i / 4} channel {i % 4}: {actual[i]} not {expected[i]} (input {input[i - i % 4]}, {input[i - i % 4 + 1]}, {input[i - i % 4 + 2]})");
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(banded[i]),
                $"in bands: pixel {i / 4} channel {i % 4}: {banded[i]} not {expected[i]}");
        }
        return actual;
    }
}
