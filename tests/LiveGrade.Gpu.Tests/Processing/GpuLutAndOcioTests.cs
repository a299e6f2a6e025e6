using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Ops.Lut1D;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Ops.Ocio;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Tests.Reference;
using LiveGrade.Gpu.Processing;
using LiveGrade.Interop.Ocio;
using Xunit.Abstractions;

namespace LiveGrade.Gpu.Tests.Processing;

/// <summary>
/// LUT ops (3D tetrahedral and trilinear from texelFetch, 1D forward and inverse from buffer textures)
/// and OCIO-backed ops (OCIO's own GLSL and LUT textures) on the GPU against their CPU renderers.
/// </summary>
[Collection("Gpu")]
[Trait("Category", "Gpu")]
public class GpuLutAndOcioTests(GlContextFixture fixture, ITestOutputHelper output)
{
    /// <summary>Float textures, as GpuLookProcessorTests: 1e-5 (absolute below 1, relative above).</summary>
    private const double GpuVersusCpu = 1e-5;

    private const int Width = 400, Height = 250;

    private static Lut3DOpData Wavy(int size, Lut3DInterpolation interpolation) => Lut3DOpData.FromFunction(size,
        (r, g, b) => (Math.Pow(Math.Abs(r), 0.8) + 0.1 * Math.Sin(6 * g), 0.9 * g * g + 0.05 * b, Math.Sqrt(Math.Abs(b)) * 0.7 + 0.2 * r * g),
        -0.1, 1.2, interpolation);

    [Theory]
    [InlineData(Lut3DInterpolation.Tetrahedral, 33)]
    [InlineData(Lut3DInterpolation.Tetrahedral, 65)]
    [InlineData(Lut3DInterpolation.Trilinear, 33)]
    [InlineData(Lut3DInterpolation.Tetrahedral, 2)]
    public void Lut3D_matches_the_CPU(Lut3DInterpolation interpolation, int size)
    {
        // Inputs beyond the domain on both sides, and NaN, exercise the clamp.
        var px = RandomPixels.Uniform(Width * Height, -0.3, 1.5, size);
        px[0] = float.NaN;
        double max = Compare($"Lut3D {size} {interpolation}", new OpList().Add(Wavy(size, interpolation)), px);
        output.WriteLine(max == 0 ? "bit-identical to the CPU" : "");
    }

    [Theory]
    [InlineData(4096, TransformDirection.Forward)]
    [InlineData(65536, TransformDirection.Forward)]
    [InlineData(4096, TransformDirection.Inverse)]
    [InlineData(1024, TransformDirection.Inverse)]
    public void Lut1D_matches_the_CPU(int size, TransformDirection direction)
    {
        var lut = Lut1DOpData.FromFunction(size, (c, x) => c == 2 ? 1.1 - Math.Pow(Math.Max(x, 0), 1.3) : Math.Pow(Math.Max(x, 0), 1 / (2.0 + c)) * 1.05 + 0.01 * x, -0.05, 1.1);
        var op = direction == TransformDirection.Forward ? (ColorOpData)lut : lut.Inverse();
        Compare($"Lut1D {size} {direction}", new OpList().Add(op), RandomPixels.Uniform(Width * Height, -0.2, 1.3, size));
    }

    public static TheoryData<string> OcioBuiltins()
    {
        // The display encodings LiveGrade's own curves cannot yet run on the GPU (PQ, HLG) and the ACES
        // output transforms it does not reimplement.
        var wanted = new[] { "CIE-XYZ-D65_to_REC.2100-PQ", "CIE-XYZ-D65_to_REC.2100-HLG-1000nit", "SDR-VIDEO_1.0", "HDR-VIDEO-1000nit-15nit-REC2020lim_1.1" };
        return [.. OcioLibrary.Builtins().Select(b => b.Style).Where(s => wanted.Any(w => s.EndsWith(w, StringComparison.Ordinal))).Take(6)];
    }

    [Theory]
    [MemberData(nameof(OcioBuiltins))]
    public void OCIO_builtins_run_on_the_GPU_and_match_OCIOs_CPU(string style)
    {
        var op = OcioOpData.Builtin(style);
        bool aces = style.StartsWith("ACES", StringComparison.Ordinal);
        // Scene-linear ACES for the output transforms; XYZ 0..1 (0..10000 cd/m² for PQ) for the displays.
        var px = aces ? RandomPixels.SceneLinear(Width * Height, 41) : RandomPixels.Uniform(Width * Height, 0, 1, 42);
        Compare(style, new OpList().Add(op), px, OcioTolerance(style));
    }

    /// <summary>
    /// The same 1e-5 as LiveGrade's own ops. Measured on llvmpipe against OCIO 2.1's CPU processor (both
    /// with lossless optimisation): PQ 6e-8, HLG 2.4e-7, ACES SDR video 6.3e-7, ACES HDR 1000 nit 1.3e-6.
    /// </summary>
    private static double OcioTolerance(string style) => GpuVersusCpu;

    [Fact]
    public void A_look_with_LUTs_updates_CDL_values_without_recompiling_or_uploading()
    {
        var px = RandomPixels.Uniform(64 * 64, 0, 1, 43);
        var lut3D = Wavy(17, Lut3DInterpolation.Tetrahedral);
        var lut1D = Lut1DOpData.Identity(1024, -0.5, 2);
        OpList Look(double slope) => new OpList()
            .Add(new CdlOpData([slope, 1, 1], [0, 0, 0], [1, 1, 1], 1))
            .Add(lut3D)
            .Add(lut1D);
        using var gpu = new GpuLookProcessor(fixture.Context, Look(1));
        int uploads = gpu.TextureUploads;
        for (int i = 1; i <= 3; i++)
        {
            gpu.Update(Look(1 + 0.1 * i));
            var g = (float[])px.Clone();
            var c = (float[])px.Clone();
            gpu.Apply(g, 64, 64);
            new CpuProcessor(Look(1 + 0.1 * i)).Apply(c);
            Assert.True(Tolerance.MaxError(g, c).MaxError <= GpuVersusCpu);
        }
        Assert.Equal(1, gpu.CompileCount);
        Assert.Equal(uploads, gpu.TextureUploads);
        // A different table of the same size keeps the program and uploads only that texture.
        gpu.Update(new OpList().Add(new CdlOpData([1, 1, 1], [0, 0, 0], [1, 1, 1], 1)).Add(Wavy(17, Lut3DInterpolation.Tetrahedral)).Add(lut1D));
        Assert.Equal(1, gpu.CompileCount);
        Assert.Equal(uploads + 1, gpu.TextureUploads);
    }

    private double Compare(string what, OpList ops, float[] input, double tolerance = GpuVersusCpu)
    {
        using var gpu = new GpuLookProcessor(fixture.Context, ops);
        var g = (float[])input.Clone();
        var c = (float[])input.Clone();
        gpu.Apply(g, Width, Height);
        new CpuProcessor(ops).Apply(c);
        var (max, at) = Tolerance.MaxError(g, c);
        output.WriteLine($"{what}: GPU vs CPU max error {max:E3}");
        Assert.True(max <= tolerance, $"{what}: max error {max:E3} at {at}: GPU {g[at]:R}, CPU {c[at]:R}, input {input[at]:R}");
        return max;
    }
}
