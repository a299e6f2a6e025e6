using LiveGrade.Color.Processing;
using LiveGrade.Color.Spaces;
using LiveGrade.Color.Tests.Reference;

namespace LiveGrade.Color.Tests.Spaces;

/// <summary>Every scene space to ACES and back returns what went in (no clamping on the scene side).</summary>
public class RoundTripTests
{
    public static TheoryData<string> SceneSpaces() => [.. ColorSpaceRegistry.All.Where(s => !s.IsDisplay).Select(s => s.Name)];

    public static TheoryData<string> Displays() => [.. ColorSpaceRegistry.All.Where(s => s.IsDisplay).Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(SceneSpaces))]
    public void Scene_space_round_trips_through_ACES(string name)
    {
        var space = ColorSpaceRegistry.Get(name);
        var aces = ColorSpaceRegistry.Get(ColorSpaceRegistry.Aces2065);
        // Positive light from 0.001 to 100 within ±1 stop of grey. ACEScc maps light at or below zero to one
        // code value (its specification does), and ±1 stop in AP0 can leave AP1 red negative, so ACEScc
        // stays within ±0.25 stop, inside AP1.
        double spread = name == "ACEScc" ? 0.25 : 1;
        var input = RandomPixels.NearNeutralLog(RandomPixels.Count, -3, 2, spread, 21);
        var px = (float[])input.Clone();
        new CpuProcessor(ColorSpaceRegistry.Conversion(aces, space), optimize: false).Apply(px);
        new CpuProcessor(ColorSpaceRegistry.Conversion(space, aces), optimize: false).Apply(px);
        // Two single-precision passes through a log curve and two matrices: relative error grows with the
        // slope of the decode (about 10 ulp per stop of code), 2e-5 bounds it for every curve here.
        var (max, at) = Tolerance.MaxError(px, input);
        Assert.True(max < 2e-5, $"{name}: round trip error {max:E3} at {input[at]:R} -> {px[at]:R}");
    }

    [Theory]
    [MemberData(nameof(Displays))]
    public void Display_code_values_round_trip(string name)
    {
        var space = ColorSpaceRegistry.Get(name);
        var xyz = ColorSpaceRegistry.Get(ColorSpaceRegistry.CieXyzD65);
        // In-gamut code values away from black (where PQ and HLG floors make the curve flat).
        var input = RandomPixels.NearNeutral(RandomPixels.Count, 0.1, 0.95, 0.05, 22);
        var px = (float[])input.Clone();
        new CpuProcessor(ColorSpaceRegistry.Conversion(space, xyz), optimize: false).Apply(px);
        new CpuProcessor(ColorSpaceRegistry.Conversion(xyz, space), optimize: false).Apply(px);
        var (max, at) = Tolerance.MaxError(px, input);
        Assert.True(max < 2e-5, $"{name}: round trip error {max:E3} at {input[at]:R} -> {px[at]:R}");
    }

    [Fact]
    public void Names_are_unique_and_the_issue_names_exist()
    {
        var names = ColorSpaceRegistry.All.Select(s => s.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var aliases = ColorSpaceRegistry.All.SelectMany(s => s.Aliases).ToList();
        Assert.Equal(aliases.Count, aliases.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.NotNull(ColorSpaceRegistry.Find("ACES2065-1"));
        Assert.NotNull(ColorSpaceRegistry.Find("CIE-XYZ-D65"));
    }

    [Fact]
    public void Every_named_builtin_exists_in_OCIO()
    {
        var builtins = LiveGrade.Interop.Ocio.OcioLibrary.Builtins().Select(b => b.Style).ToHashSet();
        foreach (var s in ColorSpaceRegistry.All.Where(s => s.OcioBuiltin is not null))
        {
            Assert.Contains(s.OcioBuiltin!, builtins);
        }
    }
}
