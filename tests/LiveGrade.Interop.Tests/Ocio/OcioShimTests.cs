using LiveGrade.Interop.Ocio;

namespace LiveGrade.Interop.Tests.Ocio;

/// <summary>The OCIO shim's C ABI: versions, errors as messages (never crashes), CPU apply, GPU extraction.</summary>
public class OcioShimTests
{
    [Fact]
    public void Reports_the_linked_OpenColorIO_version_and_its_builtins()
    {
        Assert.StartsWith("2.", OcioLibrary.Version);
        var builtins = OcioLibrary.Builtins();
        Assert.Contains(builtins, b => b.Style == "ACEScct_to_ACES2065-1");
        Assert.All(builtins, b => Assert.False(string.IsNullOrEmpty(b.Style)));
    }

    [Fact]
    public void An_unknown_builtin_is_an_exception_with_OCIOs_message()
    {
        var e = Assert.Throws<OcioException>(() => OcioProcessor.FromBuiltin("NOT_A_BUILTIN"));
        Assert.Contains("NOT_A_BUILTIN", e.Message);
    }

    [Fact]
    public void A_missing_file_is_an_exception_not_a_crash()
    {
        var e = Assert.Throws<OcioException>(() =>
        {
            using var p = OcioProcessor.FromFile("/nonexistent/look.cube");
            p.Apply(new float[4], 4);
        });
        Assert.Contains("look.cube", e.Message);
    }

    [Fact]
    public async Task Errors_are_per_thread()
    {
        // One thread's failure must not leak its message into another thread's successful call.
        var t = Task.Run(() => Assert.Throws<OcioException>(() => OcioProcessor.FromBuiltin("BROKEN")));
        using var ok = OcioProcessor.FromBuiltin("ACEScg_to_ACES2065-1");
        var e = await t;
        Assert.Contains("BROKEN", e.Message);
        Assert.NotEmpty(ok.CacheId);
    }

    [Fact]
    public void Applies_to_RGB_and_RGBA_buffers_alike()
    {
        using var p = OcioProcessor.FromCdl([2, 2, 2], [0, 0, 0], [1, 1, 1], 1, OcioCdlStyle.NoClamp);
        var rgb = new[] { 0.1f, 0.2f, 0.3f };
        var rgba = new[] { 0.1f, 0.2f, 0.3f, 0.5f };
        p.Apply(rgb, 3);
        p.Apply(rgba, 4);
        Assert.Equal([0.2f, 0.4f, 0.6f], rgb);
        Assert.Equal([0.2f, 0.4f, 0.6f, 0.5f], rgba);
        Assert.Throws<ArgumentException>(() => p.Apply(new float[5], 4));
    }

    [Fact]
    public void Extracts_GLSL_with_1D_LUT_textures_for_the_GPU()
    {
        // OCIO 2.1 implements PQ as a half-domain 1D LUT, which reaches the GPU as a texture.
        using var p = OcioProcessor.FromBuiltin("CURVE - LINEAR_to_ST-2084");
        using var shader = p.CreateShader("lg_ocio_test", "lg_t0_");
        Assert.Contains("vec4 lg_ocio_test(", shader.Text);
        var t = Assert.Single(shader.Textures());
        Assert.Equal(t.Width * t.Height * t.Channels, t.Values.Length);
        Assert.StartsWith("lg_t0_", t.SamplerName);
    }

    [Fact]
    public void Extracts_3D_LUT_textures_for_the_GPU()
    {
        string cube = Path.Combine(Path.GetTempPath(), $"lg-{Guid.NewGuid():N}.cube");
        var lines = new List<string> { "LUT_3D_SIZE 2" };
        for (int b = 0; b < 2; b++)
        {
            for (int g = 0; g < 2; g++)
            {
                for (int r = 0; r < 2; r++)
                {
                    lines.Add($"{r * 0.9} {g * 0.8} {b * 0.7}");
                }
            }
        }
        File.WriteAllLines(cube, lines);
        using var p = OcioProcessor.FromFile(cube, interpolation: OcioInterpolation.Tetrahedral);
        using var shader = p.CreateShader("lg_ocio_lut");
        var t = Assert.Single(shader.Textures3D());
        Assert.Equal(2, t.EdgeLength);
        Assert.Equal(2 * 2 * 2 * 3, t.Values.Length);
        Assert.Equal(0.9f, t.Values.Max(), 6);
    }

    [Fact]
    public void Configs_from_text_list_their_spaces_and_convert()
    {
        const string yaml = """
            ocio_profile_version: 2
            roles:
              default: lin
            file_rules:
              - !<Rule> {name: Default, colorspace: lin}
            displays:
              sRGB:
                - !<View> {name: Raw, colorspace: lin}
            colorspaces:
              - !<ColorSpace>
                name: lin
              - !<ColorSpace>
                name: double
                from_scene_reference: !<MatrixTransform> {matrix: [2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1]}
            """;
        using var config = OcioConfig.FromText(yaml);
        Assert.Equal(["lin", "double"], config.ColorSpaces);
        Assert.Equal(["sRGB"], config.Displays);
        using var p = OcioProcessor.FromColorSpaces(config, "lin", "double");
        var px = new[] { 0.25f, 0.5f, 1f, 1f };
        p.Apply(px, 4);
        Assert.Equal([0.5f, 1f, 2f, 1f], px);
    }

    [Fact]
    public void Malformed_config_text_is_an_exception()
    {
        Assert.Throws<OcioException>(() => OcioConfig.FromText("ocio_profile_version: [not yaml"));
    }
}
