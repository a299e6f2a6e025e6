using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Lut1D;
using LiveGrade.Color.Tests.Reference;

namespace LiveGrade.Color.Tests.Ops.Lut1D;

public class Lut1DCpuRendererTests
{
    [Fact]
    public void Linear_tables_are_reproduced_and_inputs_clamp_to_the_domain()
    {
        // out = 2 x - 1 per channel on [-0.5, 1.5]: linear interpolation is exact on it.
        var lut = Lut1DOpData.FromFunction(65, (c, x) => 2 * x - 1 + c, -0.5, 1.5);
        var input = RandomPixels.Uniform(RandomPixels.Count, -1, 2, 3);
        var actual = (float[])input.Clone();
        lut.CreateCpuRenderer().Apply(actual);
        for (int i = 0; i < input.Length; i++)
        {
            double x = System.Math.Clamp(input[i], -0.5, 1.5);
            double expected = i % 4 == 3 ? input[i] : 2 * x - 1 + i % 4;
            Assert.True(System.Math.Abs(actual[i] - expected) < 2e-6, $"value {i}: {actual[i]} vs {expected}");
        }
    }

    [Fact]
    public void NaN_is_the_domain_minimum_and_infinities_clamp()
    {
        var lut = Lut1DOpData.FromFunction(16, (c, x) => x * x + c, 0.5, 2);
        float[] px = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.NaN];
        lut.CreateCpuRenderer().Apply(px);
        Assert.Equal(0.25f, px[0], 6);
        Assert.Equal(4f + 1, px[1], 6);
        Assert.Equal(0.25f + 2, px[2], 6);
        Assert.True(float.IsNaN(px[3])); // alpha untouched
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Inverse_undoes_a_strictly_monotonic_table(bool falling)
    {
        // A gamma-like curve (rising) or its mirror (falling), different per channel, on [-0.1, 3].
        var lut = Lut1DOpData.FromFunction(1024, (c, x) =>
        {
            double y = System.Math.Sign(x) * System.Math.Pow(System.Math.Abs(x), 0.45 + 0.1 * c) + 0.01 * x;
            return falling ? 2 - y : y;
        }, -0.1, 3);
        var input = RandomPixels.Uniform(RandomPixels.Count, -0.1, 3, 4);
        var roundTrip = (float[])input.Clone();
        lut.CreateCpuRenderer().Apply(roundTrip);
        lut.Inverse().CreateCpuRenderer().Apply(roundTrip);
        // Float index arithmetic on a 1024-entry table: a few ulps of the index, times the step 3.1/1023;
        // a steep segment (the curve near 0) divides by a small difference of entries, hence 2e-5.
        var (error, at) = Tolerance.MaxError(roundTrip, input);
        Assert.True(error < 2e-5, $"round trip error {error:E3} at {at}: {input[at]} -> {roundTrip[at]}");
    }

    [Fact]
    public void Inverse_clamps_to_the_table_range_and_takes_the_start_of_a_flat_run()
    {
        // 0, 0.25, 0.25, 0.5, 0.4 (a reversal, flattened to 0.5), on [0, 4]: entry i is at input i.
        var lut = new Lut1DOpData([0, 0, 0, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.5f, 0.5f, 0.5f, 0.4f, 0.4f, 0.4f],
            [0, 0, 0], [4, 4, 4]);
        var inverse = lut.Inverse();
        Assert.Equal(TransformDirection.Inverse, ((Lut1DOpData)inverse).Direction);
        float[] px = [0.125f, 0.25f, 0.45f, 1f, -1f, 0.6f, float.NaN, 1f];
        inverse.CreateCpuRenderer().Apply(px);
        Assert.Equal(0.5f, px[0], 6);   // halfway along the first segment
        Assert.Equal(1f, px[1], 6);     // 0.25 first reached at entry 1 (the flat run 1..2)
        Assert.Equal(2.8f, px[2], 5);   // 0.45 between entries 2 (0.25) and 3 (0.5)
        Assert.Equal(0f, px[4], 6);     // below the table: entry 0, input 0
        Assert.Equal(3f, px[5], 6);     // above the (flattened) maximum 0.5: its first entry, 3
        Assert.Equal(0f, px[6], 6);     // NaN: entry 0
        Assert.Equal(1f, px[7]);        // alpha untouched
        Assert.IsType<Lut1DOpData>(inverse.Inverse());
        Assert.Equal(TransformDirection.Forward, ((Lut1DOpData)inverse.Inverse()).Direction);
    }

    [Fact]
    public void Validation_rejects_bad_tables_and_domains()
    {
        Assert.Throws<ArgumentException>(() => new Lut1DOpData(new float[3]));            // one entry
        Assert.Throws<ArgumentException>(() => new Lut1DOpData(new float[7]));            // not RGB triples
        Assert.Throws<ArgumentException>(() => new Lut1DOpData(new float[3 * 65537]));
        Assert.Throws<ArgumentException>(() => new Lut1DOpData([0, 0, 0, float.NaN, 1, 1]));
        Assert.Throws<ArgumentException>(() => new Lut1DOpData(new float[6], [0, 0, 0], [1, 0, 1]));
        Assert.False(Lut1DOpData.Identity(16).IsIdentity); // clamps, so never dropped
        Assert.True(Lut1DOpData.Identity(16, -1, 2).HasIdentityValues);
    }

    [Theory]
    [InlineData(TransformDirection.Forward)]
    [InlineData(TransformDirection.Inverse)]
    public void Apply_does_not_allocate(TransformDirection direction)
    {
        var lut = Lut1DOpData.FromFunction(4096, (c, x) => System.Math.Sqrt(x) + c);
        var renderer = (direction == TransformDirection.Forward ? lut : lut.Inverse()).CreateCpuRenderer();
        var px = RandomPixels.Uniform(4096, -0.1, 1.1, 2);
        renderer.Apply(px);
        long before = GC.GetAllocatedBytesForCurrentThread();
        renderer.Apply(px);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
