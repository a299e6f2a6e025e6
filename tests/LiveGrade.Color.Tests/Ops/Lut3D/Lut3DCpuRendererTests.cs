using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Tests.Reference;

namespace LiveGrade.Color.Tests.Ops.Lut3D;

public class Lut3DCpuRendererTests
{
    /// <summary>
    /// Renderer (float) against the double reference on lattices whose N-1 is a power of two, fed inputs
    /// that are multiples of 2^-16: the lattice index and its fractional part are then exact in float, so
    /// the only float error is in the weighted sum of four (or eight) entries, a few ulps of the largest
    /// entry. 1e-6 of the table range covers that even for random tables, while choosing a wrong
    /// tetrahedron or corner moves the result by a sizeable part of the range.
    /// </summary>
    private const double RendererVersusReference = 1e-6;

    private static Lut3DOpData RandomTable(int size, int seed, double min = 0, double max = 1)
    {
        var rng = new Random(seed);
        var t = new float[3 * size * size * size];
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = (float)(rng.NextDouble() * 4 - 1.5);
        }
        return new Lut3DOpData(size, t, [min, min, min], [max, max, max]);
    }

    [Theory]
    [InlineData(2, Lut3DInterpolation.Tetrahedral)]
    [InlineData(5, Lut3DInterpolation.Tetrahedral)]
    [InlineData(17, Lut3DInterpolation.Tetrahedral)]
    [InlineData(33, Lut3DInterpolation.Tetrahedral)]
    [InlineData(65, Lut3DInterpolation.Tetrahedral)]
    [InlineData(129, Lut3DInterpolation.Tetrahedral)]
    [InlineData(5, Lut3DInterpolation.Trilinear)]
    [InlineData(33, Lut3DInterpolation.Trilinear)]
    public void Renderer_matches_scalar_reference_on_random_tables(int size, Lut3DInterpolation interpolation)
    {
        var lut = RandomTable(size, seed: size).WithInterpolation(interpolation);
        var rng = new Random(size * 7);
        var pixels = new float[RandomPixels.Count * 4];
        for (int p = 0; p < RandomPixels.Count; p++)
        {
            int kind = p % 4;
            int neutral = rng.Next(-8192, 65536 + 8192);
            for (int c = 0; c < 3; c++)
            {
                // Multiples of 2^-16 in [-0.125, 1.125]; a quarter exact neutrals (ties between fractions).
                int m = kind == 0 ? neutral : rng.Next(-8192, 65536 + 8192);
                pixels[p * 4 + c] = m / 65536f;
            }
            pixels[p * 4 + 3] = 0.25f;
        }
        var actual = (float[])pixels.Clone();
        lut.CreateCpuRenderer().Apply(actual);
        var reference = (float[])pixels.Clone();
        for (int p = 0; p < RandomPixels.Count; p++)
        {
            var (r, g, b) = interpolation == Lut3DInterpolation.Tetrahedral
                ? Lut3DReference.Tetrahedral(lut, pixels[p * 4], pixels[p * 4 + 1], pixels[p * 4 + 2])
                : Lut3DReference.Trilinear(lut, pixels[p * 4], pixels[p * 4 + 1], pixels[p * 4 + 2]);
            (reference[p * 4], reference[p * 4 + 1], reference[p * 4 + 2]) = ((float)r, (float)g, (float)b);
        }
        var (error, at) = LutPixels.MaxErrorOfRange(actual, reference, lut.OutputRange());
        Assert.True(error <= RendererVersusReference, $"error {error:E3} of range at pixel {at / 4}: {actual[at]:G9} vs {reference[at]:G9}");
    }

    [Theory]
    [InlineData(Lut3DInterpolation.Tetrahedral)]
    [InlineData(Lut3DInterpolation.Trilinear)]
    public void Any_domain_and_size_matches_reference(Lut3DInterpolation interpolation)
    {
        // N - 1 = 19 and a domain of [-0.5, 2]: the index is no longer exact in float, so the fraction may
        // move by a few ulps of the index (19 * 2^-24 relative); on a random table that is up to about
        // 1e-5 of the range per lattice step. A smooth table would be far closer.
        var lut = RandomTable(20, seed: 3, min: -0.5, max: 2).WithInterpolation(interpolation);
        var input = LutPixels.ForDomain(RandomPixels.Count, lut.DomainMin, lut.DomainMax, lut.Size, seed: 5);
        var actual = (float[])input.Clone();
        lut.CreateCpuRenderer().Apply(actual);
        double worst = 0;
        for (int p = 0; p < RandomPixels.Count; p++)
        {
            var (r, g, b) = interpolation == Lut3DInterpolation.Tetrahedral
                ? Lut3DReference.Tetrahedral(lut, input[p * 4], input[p * 4 + 1], input[p * 4 + 2])
                : Lut3DReference.Trilinear(lut, input[p * 4], input[p * 4 + 1], input[p * 4 + 2]);
            worst = System.Math.Max(worst, System.Math.Max(System.Math.Abs(actual[p * 4] - r),
                System.Math.Max(System.Math.Abs(actual[p * 4 + 1] - g), System.Math.Abs(actual[p * 4 + 2] - b))));
            Assert.Equal(input[p * 4 + 3], actual[p * 4 + 3]);
        }
        var (lo, hi) = lut.OutputRange();
        Assert.True(worst / (hi - lo) <= 2e-5, $"max error {worst / (hi - lo):E3} of range");
    }

    [Theory]
    [InlineData(Lut3DInterpolation.Tetrahedral)]
    [InlineData(Lut3DInterpolation.Trilinear)]
    public void Affine_maps_are_reproduced_inside_the_domain(Lut3DInterpolation interpolation)
    {
        // Both interpolations are exact for functions affine in r, g, b: a wrong weight shows at once.
        static (double, double, double) Affine(double r, double g, double b) =>
            (0.8 * r + 0.15 * g + 0.05 * b - 0.02, -0.1 * r + 1.2 * g - 0.1 * b, 0.3 * r + 0.3 * g + 0.4 * b + 0.01);
        var lut = Lut3DOpData.FromFunction(9, Affine, -0.25, 1.75, interpolation);
        var input = RandomPixels.Uniform(RandomPixels.Count, -0.25, 1.75, 9);
        var actual = (float[])input.Clone();
        new CpuProcessor(new OpList([lut])).Apply(actual);
        for (int p = 0; p < RandomPixels.Count; p++)
        {
            var (r, g, b) = Affine(input[p * 4], input[p * 4 + 1], input[p * 4 + 2]);
            // Float weights and entries: a few ulps of values up to 2.
            Assert.True(System.Math.Abs(actual[p * 4] - r) < 2e-6 && System.Math.Abs(actual[p * 4 + 1] - g) < 2e-6
                && System.Math.Abs(actual[p * 4 + 2] - b) < 2e-6, $"pixel {p}");
        }
    }

    [Fact]
    public void Inputs_outside_the_domain_clamp_and_NaN_is_the_domain_minimum()
    {
        var lut = Lut3DOpData.FromFunction(5, (r, g, b) => (r * r, g + b, 2 * b), 0.1, 0.9);
        float[] px =
        [
            -5f, 0.5f, 7f, 1f,
            float.NaN, float.NegativeInfinity, float.PositiveInfinity, 1f,
        ];
        lut.CreateCpuRenderer().Apply(px);
        float[] expected = [0.01f, 0.5f + 0.9f, 1.8f, 1f, 0.01f, 0.1f + 0.9f, 1.8f, 1f];
        for (int i = 0; i < px.Length; i++)
        {
            Assert.Equal(expected[i], px[i], 5);
        }
    }

    [Fact]
    public void Lattice_points_are_returned_exactly()
    {
        var lut = RandomTable(17, seed: 11);
        var px = new float[4 * 17 * 17 * 17];
        for (int b = 0, p = 0; b < 17; b++)
        {
            for (int g = 0; g < 17; g++)
            {
                for (int r = 0; r < 17; r++, p += 4)
                {
                    (px[p], px[p + 1], px[p + 2], px[p + 3]) = (r / 16f, g / 16f, b / 16f, 1f);
                }
            }
        }
        lut.CreateCpuRenderer().Apply(px);
        var t = lut.Table;
        for (int i = 0, p = 0; i < t.Length; i += 3, p += 4)
        {
            Assert.Equal(t[i], px[p]);
            Assert.Equal(t[i + 1], px[p + 1]);
            Assert.Equal(t[i + 2], px[p + 2]);
        }
    }

    [Theory]
    [InlineData(Lut3DInterpolation.Tetrahedral)]
    [InlineData(Lut3DInterpolation.Trilinear)]
    public void Apply_does_not_allocate(Lut3DInterpolation interpolation)
    {
        var renderer = RandomTable(33, 1).WithInterpolation(interpolation).CreateCpuRenderer();
        var px = RandomPixels.Uniform(4096, -0.1, 1.1, 2);
        renderer.Apply(px); // warm up (JIT)
        long before = GC.GetAllocatedBytesForCurrentThread();
        renderer.Apply(px);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
