using LiveGrade.Color.Spaces;
using LiveGrade.Color.Math;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Ops.Lut1D;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Ops.Matrix;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Processing.Simd;

namespace LiveGrade.Color.Tests.Processing;

/// <summary>
/// The fused SIMD kernel (every instruction set this CPU has) against the scalar renderers (the reference
/// path, <see cref="SimdIsa.Scalar"/>) on the same pixels: random values in and around [0, 1], wide values
/// up to ±1e6, exact lattice points and neutrals (ties between the tetrahedral fractions), NaN, ±Inf, -0 and
/// subnormals, in buffers whose length is not a multiple of any vector width (so the tail, padded to a vector,
/// runs) and longer than one band (so band edges are crossed).
/// </summary>
public unsafe class CpuProcessorSimdTests
{
    /// <summary>Two bands and a tail of 37 pixels: not a multiple of 4, 8 or 16 lanes.</summary>
    private const int Pixels = 2 * 16384 + 37;

    public static TheoryData<SimdIsa> Isas()
    {
        var data = new TheoryData<SimdIsa>();
        foreach (var isa in new[] { SimdIsa.V128, SimdIsa.V256, SimdIsa.V512 })
        {
            if (SimdIsaSupport.IsSupported(isa))
            {
                data.Add(isa);
            }
        }
        return data;
    }

    [Fact]
    public void This_machine_runs_at_least_one_simd_path()
    {
        // The project's machines are x86-64 with AVX2; a CPU without it would make every theory below empty.
        Assert.True(SimdIsaSupport.IsSupported(SimdIsa.V256), "AVX2 expected on the build machines");
        Assert.NotEqual(SimdIsa.Scalar, SimdIsaSupport.Best);
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void Cdl_without_power_is_bit_identical(SimdIsa isa)
    {
        AssertBitIdentical(new OpList().Add(Cdl(power: [1, 1, 1], CdlStyle.NoClamp)), isa);
        AssertBitIdentical(new OpList().Add(Cdl(power: [1, 1, 1], CdlStyle.AscV12)), isa);
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void Matrix_diagonal_and_full_are_bit_identical(SimdIsa isa)
    {
        AssertBitIdentical(new OpList().Add(new MatrixOpData(new Matrix3(0.6, 0.3, 0.1, 0.05, 0.9, 0.05, -0.02, 0.1, 0.92), 0.01, -0.02, 0.03)), isa);
        AssertBitIdentical(new OpList().Add(new MatrixOpData(new Matrix3(1.5, 0, 0, 0, 0.5, 0, 0, 0, 2), 0.1, 0, -0.1)), isa);
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void Lut1D_is_bit_identical(SimdIsa isa)
    {
        AssertBitIdentical(new OpList().Add(Shaper(1024, -0.1, 1.3)), isa);
        AssertBitIdentical(new OpList().Add(Shaper(2, 0, 1)), isa);
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void Lut3D_tetrahedral_and_trilinear_are_bit_identical(SimdIsa isa)
    {
        foreach (int size in new[] { 2, 17, 33, 65 })
        {
            var lut = RandomCube(size, seed: size, min: -0.1, max: 1.2);
            AssertBitIdentical(new OpList().Add(lut), isa);
            AssertBitIdentical(new OpList().Add(lut.WithInterpolation(Lut3DInterpolation.Trilinear)), isa);
        }
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void Whole_look_without_power_is_one_fused_segment_and_bit_identical(SimdIsa isa)
    {
        var ops = new OpList()
            .Add(Cdl(power: [1, 1, 1], CdlStyle.NoClamp))
            .Add(new MatrixOpData(new Matrix3(0.6, 0.3, 0.1, 0.05, 0.9, 0.05, -0.02, 0.1, 0.92)))
            .Add(Shaper(4096, -0.05, 1.5))
            .Add(RandomCube(33, seed: 3))
            .Add(Shaper(256, -1, 2));
        var processor = new CpuProcessor(ops, isa: isa);
        Assert.Equal("fused(5)", processor.Describe());
        AssertBitIdentical(ops, isa);
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void Ops_without_a_simd_form_split_the_chain_and_the_rest_stays_fused(SimdIsa isa)
    {
        // An inverse 1D LUT has no SIMD stage: it runs its scalar renderer between two fused segments.
        var inverse = new Lut1DOpData(Lut1DOpData.FromFunction(64, (_, x) => x * x, 0, 1).InterleavedTable(), direction: TransformDirection.Inverse);
        var ops = new OpList()
            .Add(new MatrixOpData(new Matrix3(0.9, 0.1, 0, 0, 1, 0, 0, 0.2, 0.8)))
            .Add(Cdl(power: [1, 1, 1], CdlStyle.AscV12))
            .Add(inverse)
            .Add(RandomCube(17, seed: 5));
        var processor = new CpuProcessor(ops, isa: isa);
        Assert.Equal("fused(2) scalar(1) fused(1)", processor.Describe());
        AssertBitIdentical(ops, isa);
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void Cdl_with_exact_power_is_within_a_few_ulps_and_almost_always_bit_identical(SimdIsa isa)
    {
        // Not bit-identical: the exact SIMD power (VectorPow, double precision) is the correctly rounded powf
        // except near ties, and MathF.Pow (glibc powf) is not always correctly rounded either, so a power
        // output can differ by one ulp. Saturation mixes the channels, so that ulp is bounded in terms of the
        // pixel's largest output, not of each channel (see AssertCdlClose).
        AssertCdlClose(new OpList().Add(Cdl(power: [1.2, 0.45, 2.4], CdlStyle.NoClamp)), isa, exactPower: true);
        AssertCdlClose(new OpList().Add(Cdl(power: [1.2, 0.45, 2.4], CdlStyle.AscV12)), isa, exactPower: true);
        AssertCdlClose(new OpList().Add(Cdl(power: [1.1, 1, 0.9], CdlStyle.NoClamp)), isa, exactPower: true);
        // Powers outside the single-precision power's range take the exact one by default as well.
        AssertCdlClose(new OpList().Add(Cdl(power: [0.05, 6, 12], CdlStyle.NoClamp)), isa, exactPower: false);
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void Cdl_with_default_power_is_within_the_single_precision_bound(SimdIsa isa)
    {
        // The default power (FloatVectorPow, single precision) is within FloatVectorPow.MaxUlps of the exact
        // value, MathF.Pow within half an ulp of it: outputs differ often, by a few ulps (see FastCdlUlps).
        var ops = new OpList().Add(Cdl(power: [1.2, 0.45, 2.4], CdlStyle.NoClamp));
        AssertCdlClose(ops, isa, exactPower: false);
        AssertCdlClose(new OpList().Add(Cdl(power: [1.2, 0.45, 2.4], CdlStyle.AscV12)), isa, exactPower: false);
        AssertCdlClose(new OpList().Add(Cdl(power: [1.1, 1, 0.9], CdlStyle.NoClamp)), isa, exactPower: false);
        AssertCdlClose(new OpList().Add(Cdl(power: [0.1, 4, 3], CdlStyle.NoClamp)), isa, exactPower: false);
        // The default is the single-precision power (it differs from the exact one), and the option is honoured.
        var input = TestPixels(seed: 5);
        Assert.NotEqual(Run(ops, isa, input, exactPower: true), Run(ops, isa, input, exactPower: false));
        Assert.True(new CpuProcessor(ops, isa: isa, exactCdlPower: true).ExactCdlPower);
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void Streamed_writes_to_a_buffer_of_any_alignment_give_the_in_place_pixels(SimdIsa isa)
    {
        // Out of place, the last fused segment writes past the caches (non-temporal stores) where the destination is
        // 16-byte aligned, with 512-bit stores where it is 64-byte aligned, and ordinary stores elsewhere: every case
        // lands the same bits, and nothing before or after the destination is touched.
        var ops = new OpList().Add(Cdl(power: [1.1, 1, 0.9], CdlStyle.NoClamp)).Add(RandomCube(17, seed: 9));
        var processor = new CpuProcessor(ops, isa: isa);
        var input = TestPixels(seed: 29, pixels: 2 * 16384 + 21);
        var inPlace = (float[])input.Clone();
        processor.Apply(inPlace);
        int bytes = input.Length * 4;
        byte* block = (byte*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)(bytes + 256), 64);
        try
        {
            foreach (int misalign in new[] { 0, 16, 48, 8, 4 })
            {
                new Span<byte>(block, bytes + 256).Fill(0xA5);
                float* destination = (float*)(block + 64 + misalign);
                processor.ApplyParallel(input, new Span<float>(destination, input.Length), 2);
                AssertSameBits(inPlace, new Span<float>(destination, input.Length).ToArray(), $"{isa}, destination at 64n + {misalign}");
                Assert.True(new Span<byte>(block, 64 + misalign).IndexOfAnyExcept((byte)0xA5) < 0, "written before the destination");
                Assert.True(new Span<byte>(block + 64 + misalign + bytes, 192 - misalign).IndexOfAnyExcept((byte)0xA5) < 0, "written after the destination");
            }
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.AlignedFree(block);
        }
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void A_pixel_gets_the_same_result_wherever_it_lies_in_the_buffer(SimdIsa isa)
    {
        // The single-precision power differs from the scalar one by a few ulps: were the last pixels of a buffer (fewer
        // than a vector) left to the scalar renderers, a row's right-hand edge would be graded a little differently
        // from the same colours anywhere else. Every shift of 37 pixels against the vector grid gives the same bits.
        var ops = new OpList().Add(Cdl(power: [1.2, 0.45, 2.4], CdlStyle.NoClamp)).Add(RandomCube(17, seed: 4, min: -0.1, max: 1.2));
        var pixels = TestPixels(seed: 8, pixels: 37);
        var processor = new CpuProcessor(ops, isa: isa);
        float[]? first = null;
        for (int shift = 0; shift < 16; shift++)
        {
            var buffer = new float[(shift + 37) * 4];
            pixels.CopyTo(buffer, shift * 4);
            processor.Apply(buffer);
            var graded = buffer[(shift * 4)..];
            if (first is null) first = graded;
            else AssertSameBits(first, graded, $"{isa}: shifted by {shift}");
        }
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void Float_indexed_curve_is_bit_identical(SimdIsa isa)
    {
        var curve = new FloatIndexedCurve(new OpList().Add(Lut1DOpData.FromFunction(4096, (_, x) => System.Math.Pow(x, 1 / 2.4), 0, 1)));
        Assert.Equal("table", curve.Form); // a 1D LUT's kinks: no polynomial fits
        AssertCurveBitIdentical(curve, isa, TestPixels(seed: 13));
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void Float_indexed_curve_in_polynomial_form_is_bit_identical(SimdIsa isa)
    {
        // The Rec.1886 inverse EOTF as the live looks end: smooth, so the curve takes its polynomial form, one set
        // of coefficients for the three channels (the shared path).
        var ops = ColorSpaceRegistry.Conversion(ColorSpaceRegistry.Get(ColorSpaceRegistry.CieXyzD65), ColorSpaceRegistry.Get("rec709")).Ops
            .SkipWhile(o => o is not LiveGrade.Color.Ops.Transfer.TransferOpData).ToList();
        var shared = new FloatIndexedCurve(new OpList(ops));
        // Three different smooth curves (x^0.4, x^0.5, x^0.6): a polynomial per channel.
        var perChannel = new FloatIndexedCurve(new OpList().Add(new LiveGrade.Color.Ops.Exponent.ExponentOpData(LiveGrade.Color.Ops.Exponent.ExponentStyle.Basic, [0.4, 0.5, 0.6])));
        foreach (var curve in new[] { shared, perChannel })
        {
            Assert.Equal("polynomial", curve.Form);
            AssertCurveBitIdentical(curve, isa, OctaveEdgePixels(seed: 29));
        }
    }

    /// <summary>Random test pixels, the first ones replaced by every octave's edges and the cases outside the table: below 2^-24, 256 and above, negatives, NaN, infinities.</summary>
    private static float[] OctaveEdgePixels(int seed)
    {
        var input = TestPixels(seed);
        float[] special = [0f, -0f, 1e-30f, 5.96e-8f, 5.9604645e-8f, 1.1920929e-7f, 0.5f, 1f, 1.9999999f, 2f, 255.99998f, 256f, 1e9f,
            -1f, float.NaN, -float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon];
        for (int i = 0; i < special.Length * 4 && i < input.Length; i++) input[i] = special[i / 4];
        for (int e = -26; e < 10; e++)
        {
            int at = (special.Length + e + 26) * 4;
            (input[at], input[at + 1], input[at + 2]) = (MathF.Pow(2, e), MathF.Pow(2, e) * 1.37f, BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(MathF.Pow(2, e + 1)) - 1));
        }
        return input;
    }

    private static void AssertCurveBitIdentical(FloatIndexedCurve curve, SimdIsa isa, float[] input)
    {
        var expected = (float[])input.Clone();
        new CpuProcessor([curve], SimdIsa.Scalar).Apply(expected);
        var actual = (float[])input.Clone();
        var processor = new CpuProcessor([curve], isa);
        Assert.Equal("fused(1)", processor.Describe());
        processor.Apply(actual);
        AssertSameBits(expected, actual, isa.ToString());
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void Parallel_bands_give_the_same_pixels_as_one_thread(SimdIsa isa)
    {
        var ops = new OpList().Add(Cdl(power: [1.1, 1, 0.9], CdlStyle.NoClamp)).Add(RandomCube(33, seed: 7));
        var processor = new CpuProcessor(ops, isa: isa);
        var input = TestPixels(seed: 17, pixels: 5 * 16384 + 3);
        var serial = (float[])input.Clone();
        processor.Apply(serial);
        foreach (int threads in new[] { 2, 3 })
        {
            var parallel = (float[])input.Clone();
            processor.ApplyParallel(parallel, threads);
            AssertSameBits(serial, parallel, $"{isa}, {threads} threads");
        }
    }

    [Theory]
    [MemberData(nameof(Isas))]
    [InlineData(SimdIsa.Scalar)]
    public void Out_of_place_gives_the_in_place_pixels_and_leaves_the_source_alone(SimdIsa isa)
    {
        // Scalar: no fused segment, so the source is copied before the renderers run in place on the destination.
        var ops = new OpList().Add(Cdl(power: [1.1, 1, 0.9], CdlStyle.NoClamp)).Add(RandomCube(33, seed: 7));
        var processor = new CpuProcessor(ops, isa: isa);
        var input = TestPixels(seed: 23, pixels: 3 * 16384 + 37);
        var inPlace = (float[])input.Clone();
        processor.Apply(inPlace);
        foreach (int threads in new[] { 1, 2, 3 })
        {
            var source = (float[])input.Clone();
            var destination = new float[input.Length];
            processor.ApplyParallel(source, destination, threads);
            AssertSameBits(inPlace, destination, $"{isa}, {threads} threads");
            AssertSameBits(input, source, $"{isa}, {threads} threads: the source");
        }
        // The same span as source and destination is in place.
        var same = (float[])input.Clone();
        processor.ApplyParallel(same, same, 2);
        AssertSameBits(inPlace, same, $"{isa}, same span");
        Assert.Throws<ArgumentException>(() => processor.ApplyParallel(input, new float[input.Length - 4], 2));
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void Apply_allocates_nothing_per_frame(SimdIsa isa)
    {
        var processor = new CpuProcessor(new OpList().Add(Cdl(power: [1.1, 1, 0.9], CdlStyle.NoClamp)).Add(RandomCube(33, seed: 7)), isa: isa);
        var frame = TestPixels(seed: 19, pixels: 4 * 16384);
        var half = new Half[16384 * 4];
        var words = new ushort[16384 * 3];
        var output = new float[frame.Length];
        processor.Apply(frame);
        processor.ApplyParallel(frame, 2);
        processor.ApplyParallel(frame, output, 2);
        processor.Apply(half.AsSpan(), 4);
        processor.Apply(words.AsSpan(), 3, 10);
        long before = GC.GetAllocatedBytesForCurrentThread();
        processor.Apply(frame);
        processor.ApplyParallel(frame, 2);
        processor.ApplyParallel(frame, output, 2);
        processor.Apply(half.AsSpan(), 4);
        processor.Apply(words.AsSpan(), 3, 10);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    public static TheoryData<int, PixelSample> Formats() => new()
    {
        { 3, PixelSample.Float32 },
        { 4, PixelSample.Half },
        { 3, PixelSample.Half },
        { 4, PixelSample.UInt10 },
        { 3, PixelSample.UInt10 },
        { 4, PixelSample.UInt12 },
        { 3, PixelSample.UInt16 },
        { 4, PixelSample.UInt16 },
    };

    /// <summary>
    /// Other buffer formats: the expected pixels are unpacked by hand (code / max, half widening), run
    /// through the scalar processor as RGBA float, and packed by hand (round half up after clamping to
    /// [0, 1], NaN to 0; half round-to-nearest-even); alpha must come back untouched.
    /// </summary>
    [Theory]
    [MemberData(nameof(Formats))]
    public void Other_buffer_formats_unpack_apply_and_pack(int channels, PixelSample sample)
    {
        var format = new PixelBufferFormat(channels, sample);
        var ops = new OpList().Add(Cdl(power: [1, 1, 1], CdlStyle.NoClamp)).Add(RandomCube(33, seed: 23, min: 0, max: 1));
        var reference = new CpuProcessor(ops, isa: SimdIsa.Scalar);
        var processor = new CpuProcessor(ops);
        var rng = new Random(29);
        int pixels = 16384 + 21;
        var rgba = new float[pixels * 4];
        if (sample is PixelSample.Float32 or PixelSample.Half)
        {
            var source = TestPixels(seed: 31, pixels: pixels);
            var samples = new float[pixels * channels];
            for (int p = 0; p < pixels; p++)
            {
                for (int c = 0; c < channels; c++)
                {
                    float v = source[p * 4 + c];
                    samples[p * channels + c] = sample == PixelSample.Half ? (float)(Half)v : v;
                }
                for (int c = 0; c < 3; c++) rgba[p * 4 + c] = samples[p * channels + c];
                rgba[p * 4 + 3] = 1f;
            }
            reference.Apply(rgba);
            if (sample == PixelSample.Float32)
            {
                var actual = (float[])samples.Clone();
                processor.ApplyParallel(actual, format, 2);
                for (int p = 0; p < pixels; p++)
                {
                    for (int c = 0; c < 3; c++) AssertSame(rgba[p * 4 + c], actual[p * channels + c], $"pixel {p} channel {c}");
                }
            }
            else
            {
                var actual = samples.Select(v => (Half)v).ToArray();
                processor.ApplyParallel(actual.AsSpan(), channels, 2);
                for (int p = 0; p < pixels; p++)
                {
                    for (int c = 0; c < 3; c++) AssertSame((float)(Half)rgba[p * 4 + c], (float)actual[p * channels + c], $"pixel {p} channel {c}");
                    if (channels == 4) AssertSame(samples[p * 4 + 3], (float)actual[p * 4 + 3], $"alpha of pixel {p}");
                }
            }
            return;
        }
        int max = format.MaxCode;
        var codes = new ushort[pixels * channels];
        for (int i = 0; i < codes.Length; i++) codes[i] = (ushort)rng.Next(0, max + 1);
        for (int p = 0; p < pixels; p++)
        {
            for (int c = 0; c < 3; c++) rgba[p * 4 + c] = codes[p * channels + c] * (1f / max);
            rgba[p * 4 + 3] = 1f;
        }
        reference.Apply(rgba);
        var words = (ushort[])codes.Clone();
        int bits = sample switch { PixelSample.UInt10 => 10, PixelSample.UInt12 => 12, _ => 16 };
        processor.ApplyParallel(words.AsSpan(), channels, bits, 2);
        for (int p = 0; p < pixels; p++)
        {
            for (int c = 0; c < 3; c++)
            {
                float v = rgba[p * 4 + c];
                int expected = v > 0 ? (v < 1 ? (int)System.Math.Floor(v * max + 0.5f) : max) : 0;
                Assert.True(expected == words[p * channels + c], $"pixel {p} channel {c}: value {v}, expected code {expected}, got {words[p * channels + c]}");
            }
            if (channels == 4) Assert.Equal(codes[p * 4 + 3], words[p * 4 + 3]);
        }
    }

    private static CdlOpData Cdl(double[] power, CdlStyle style) =>
        new([1.15, 0.92, 1.03], [0.02, -0.03, 0.01], power, 1.3, style);

    private static Lut1DOpData Shaper(int size, double min, double max) =>
        Lut1DOpData.FromFunction(size, (c, x) => System.Math.Sin(x * (1.5 + 0.3 * c)) * 1.2 - 0.05, min, max);

    private static Lut3DOpData RandomCube(int size, int seed, double min = 0, double max = 1)
    {
        var rng = new Random(seed);
        var t = new float[3 * size * size * size];
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = (float)(rng.NextDouble() * 4 - 1.5);
        }
        return new Lut3DOpData(size, t, [min, min, min], [max, max, max]);
    }

    /// <summary>RGBA pixels of every kind the class notes list; alpha is a marker value that must survive.</summary>
    private static float[] TestPixels(int seed, int pixels = Pixels)
    {
        var rng = new Random(seed);
        float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f, 1f, 1e-40f, -1e-40f, float.MaxValue, -float.MaxValue, 1e-8f];
        var px = new float[pixels * 4];
        for (int p = 0; p < pixels; p++)
        {
            int kind = rng.Next(8);
            float neutral = (float)(rng.NextDouble() * 1.4 - 0.2);
            for (int c = 0; c < 3; c++)
            {
                px[p * 4 + c] = kind switch
                {
                    0 => neutral,                                                         // ties between fractions
                    1 => rng.Next(0, 33) / 32f,                                           // on lattice points
                    2 => (float)((rng.NextDouble() * 2 - 1) * System.Math.Pow(10, rng.Next(-6, 7))), // wide range
                    3 => specials[rng.Next(specials.Length)],
                    _ => (float)(rng.NextDouble() * 1.4 - 0.2),
                };
            }
            px[p * 4 + 3] = 0.25f + p % 7;
        }
        return px;
    }

    private static float[] Run(OpList ops, SimdIsa isa, float[] input, bool exactPower = false)
    {
        var output = (float[])input.Clone();
        new CpuProcessor(ops, isa: isa, exactCdlPower: exactPower).Apply(output);
        return output;
    }

    private static void AssertBitIdentical(OpList ops, SimdIsa isa)
    {
        var input = TestPixels(seed: ops.Count * 101 + (int)isa);
        AssertSameBits(Run(ops, SimdIsa.Scalar, input), Run(ops, isa, input), $"{isa}: {ops}");
    }

    /// <summary>
    /// One ulp of difference in a power output, carried through saturation 1.3 (luma + 1.3·(x − luma), i.e.
    /// |1 − 1.3| + 1.3 = 1.6 ulp), plus the roundings of luma and of the mix that the different input can flip:
    /// at most <see cref="CdlUlps"/> ulps of the pixel's largest output channel (luma is the weighted mean of
    /// the outputs, so no power output exceeds that largest output). Differences must also be rare: only
    /// results near a rounding tie of powf differ at all.
    /// </summary>
    private const int CdlUlps = 4;

    /// <summary>
    /// The same reasoning for the default single-precision power: a power output within
    /// <see cref="FloatVectorPow.MaxUlps"/> (2.5 with FMA, 4 without) ulp of the exact value, MathF.Pow within 0.5, so up to 4.5 ulp
    /// apart; through saturation 1.3 that is 7.2 ulp, plus the flipped roundings of luma and the mix: 9 ulp
    /// of the pixel's largest output. Differences are common here, so their count is not limited.
    /// </summary>
    private const int FastCdlUlps = 9;

    private static void AssertCdlClose(OpList ops, SimdIsa isa, bool exactPower)
    {
        var input = TestPixels(seed: ops.Count * 101 + (int)isa);
        var expected = Run(ops, SimdIsa.Scalar, input);
        var actual = Run(ops, isa, input, exactPower);
        // Powers the single-precision power does not cover run the exact one even by default.
        bool exact = exactPower || !((CdlOpData)ops.Ops[0]).Power.All(p => FloatVectorPow.Covers((float)p) || p == 1);
        int differing = 0;
        for (int p = 0; p < expected.Length / 4; p++)
        {
            float largest = 0;
            for (int c = 0; c < 3; c++)
            {
                if (float.IsFinite(expected[p * 4 + c])) largest = MathF.Max(largest, MathF.Abs(expected[p * 4 + c]));
            }
            float tolerance = (exact ? CdlUlps : FastCdlUlps) * (MathF.BitIncrement(largest) - largest);
            for (int c = 0; c < 4; c++)
            {
                float e = expected[p * 4 + c], a = actual[p * 4 + c];
                if (BitConverter.SingleToInt32Bits(e) == BitConverter.SingleToInt32Bits(a) || (float.IsNaN(e) && float.IsNaN(a)))
                {
                    continue;
                }
                differing++;
                Assert.True(c < 3 && float.IsFinite(e) && MathF.Abs(e - a) <= tolerance,
                    $"{isa}: {ops}, pixel {p} channel {c}: expected {e:R}, got {a:R} (tolerance {tolerance:R})");
            }
        }
        Assert.True(!exact || differing <= expected.Length / 1000, $"{isa}: {ops}: {differing} of {expected.Length} values differ");
    }

    private static void AssertSameBits(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            AssertSame(expected[i], actual[i], $"{what}, pixel {i / 4} channel {i % 4}");
        }
    }

    // Bit patterns equal, any NaN matching any NaN (payloads are not part of the contract).
    private static void AssertSame(float expected, float actual, string what)
    {
        if (float.IsNaN(expected) && float.IsNaN(actual))
        {
            return;
        }
        Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual),
            $"{what}: expected {expected:R}, got {actual:R}");
    }
}
