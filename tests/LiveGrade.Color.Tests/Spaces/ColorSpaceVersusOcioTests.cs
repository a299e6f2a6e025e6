using LiveGrade.Color.Processing;
using LiveGrade.Color.Spaces;
using LiveGrade.Color.Tests.Reference;
using LiveGrade.Interop.Ocio;
using Xunit.Abstractions;

namespace LiveGrade.Color.Tests.Spaces;

/// <summary>
/// Every colour space that OpenColorIO 2.1 has a builtin for is converted by LiveGrade's own ops and by
/// OCIO on 100,000 random values, in both directions, and must agree within <see cref="Tolerance.VersusOcio"/>.
/// </summary>
public class ColorSpaceVersusOcioTests(ITestOutputHelper output)
{
    public static TheoryData<string> ScenesWithBuiltins() =>
        [.. ColorSpaceRegistry.All.Where(s => !s.IsDisplay && s.OcioBuiltin is not null).Select(s => s.Name)];

    public static TheoryData<string> DisplaysWithBuiltins() =>
        [.. ColorSpaceRegistry.All.Where(s => s.IsDisplay && s.OcioBuiltin is not null).Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(ScenesWithBuiltins))]
    public void Scene_to_ACES_matches_OCIO_builtin(string name)
    {
        var space = ColorSpaceRegistry.Get(name);
        var aces = ColorSpaceRegistry.Get(ColorSpaceRegistry.Aces2065);
        var input = name switch
        {
            "ACEScg" or "ACES2065-1" => RandomPixels.SceneLinear(RandomPixels.Count, 11),
            // OCIO 2.1 implements Canon Log 2/3 as a 4096-entry LUT on [0, 1] (inputs outside are clamped)...
            _ when name.StartsWith("Canon", StringComparison.Ordinal) => RandomPixels.Uniform(RandomPixels.Count, 0, 1, 12),
            // ...and ACEScc as a LUT on [-0.36, 1.5] followed by a clamp of ACES below 0, which near-neutral
            // pixels never reach. LiveGrade decodes analytically and clamps nothing; outside those domains the
            // difference is OCIO's implementation, not the curve.
            "ACEScc" => RandomPixels.NearNeutral(RandomPixels.Count, -0.36, 1.5, 0.1, 12),
            // Code values of other log spaces live around 0..1; include negatives and values far above white.
            _ => RandomPixels.Uniform(RandomPixels.Count, -0.25, 1.5, 12),
        };
        Compare(name + " -> ACES2065-1", input, new CpuProcessor(ColorSpaceRegistry.Conversion(space, aces)),
            OcioProcessor.FromBuiltin(space.OcioBuiltin!));
    }

    [Theory]
    [MemberData(nameof(ScenesWithBuiltins))]
    public void ACES_to_scene_matches_OCIO_builtin_inverse(string name)
    {
        var space = ColorSpaceRegistry.Get(name);
        var aces = ColorSpaceRegistry.Get(ColorSpaceRegistry.Aces2065);
        // OCIO's Canon and ACEScc builtins are LUTs whose inverse cannot leave the LUT's code range, and its
        // ACEScc clamps ACES below 0 first: compare them on near-neutral positive light below Canon Log 3 code 1.0.
        var input = name.StartsWith("Canon", StringComparison.Ordinal) || name == "ACEScc"
            ? RandomPixels.NearNeutralLog(RandomPixels.Count, -3, 0.6, 0.5, 13)
            : RandomPixels.SceneLinear(RandomPixels.Count, 13);
        Compare("ACES2065-1 -> " + name, input, new CpuProcessor(ColorSpaceRegistry.Conversion(aces, space)),
            OcioProcessor.FromBuiltin(space.OcioBuiltin!, OcioDirection.Inverse));
    }

    [Theory]
    [MemberData(nameof(DisplaysWithBuiltins))]
    public void XYZ_to_display_matches_OCIO_builtin(string name)
    {
        var space = ColorSpaceRegistry.Get(name);
        var xyz = ColorSpaceRegistry.Get(ColorSpaceRegistry.CieXyzD65);
        // Display-linear XYZ: SDR white is Y = 1, PQ reaches Y = 100 (10,000 cd/m2); a few negatives.
        double max = name.Contains("PQ") ? 100 : 1.2;
        var input = RandomPixels.Uniform(RandomPixels.Count, -0.05, max, 14);
        Compare("CIE-XYZ-D65 -> " + name, input, new CpuProcessor(ColorSpaceRegistry.Conversion(xyz, space)),
            OcioProcessor.FromBuiltin(space.OcioBuiltin!));
    }

    [Theory]
    [MemberData(nameof(DisplaysWithBuiltins))]
    public void Display_to_XYZ_matches_OCIO_builtin_inverse(string name)
    {
        var space = ColorSpaceRegistry.Get(name);
        var xyz = ColorSpaceRegistry.Get(ColorSpaceRegistry.CieXyzD65);
        var input = RandomPixels.Uniform(RandomPixels.Count, 0, 1, 15);
        Compare(name + " -> CIE-XYZ-D65", input, new CpuProcessor(ColorSpaceRegistry.Conversion(space, xyz)),
            OcioProcessor.FromBuiltin(space.OcioBuiltin!, OcioDirection.Inverse));
    }

    private static string Pixel(float[] data, int index)
    {
        int p = index / 4 * 4;
        return $"({data[p]:R}, {data[p + 1]:R}, {data[p + 2]:R})";
    }

    private void Compare(string what, float[] input, CpuProcessor ours, OcioProcessor reference)
    {
        using (reference)
        {
            var actual = (float[])input.Clone();
            var expected = (float[])input.Clone();
            ours.Apply(actual);
            reference.Apply(expected, 4);
            var (max, at) = Tolerance.MaxError(actual, expected);
            output.WriteLine($"{what}: max error {max:E3} over {input.Length / 4} pixels");
            Assert.True(max <= Tolerance.VersusOcio,
                $"{what}: max error {max:E3} at channel {at % 4} of input {Pixel(input, at)}: ours {actual[at]:R}, OCIO {expected[at]:R}; ops: {ours.Ops}");
        }
    }
}
