using System.Text.Json;
using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Ops.Lut3D;

namespace LiveGrade.App.Tests.Commands;

/// <summary>`livegrade bench cpu|gpu|scopes`: the JSON they promise, and one line plus exit 2 on bad arguments.</summary>
public class BenchCommandTests
{
    private static string WriteCube(string dir)
    {
        // Small and non-linear: the test checks the verb's output, not speed, so 9^3 keeps it quick.
        var lut = Lut3DOpData.FromFunction(9, (r, g, b) => (Math.Sqrt(r), g * g, 0.5 * (b + r)));
        string path = Path.Combine(dir, "bench.cube");
        LutFormats.Write(new LutFile(null, lut, "bench test"), path);
        return path;
    }

    [Fact]
    public void Json_has_the_four_keys_with_positive_numbers()
    {
        string cube = WriteCube(CliRunner.TempDir());
        var r = CliRunner.Run("bench", "cpu", "--size", "64x64", "--frames", "2", "--json", "--lut", cube,
            "--cdl", "1.1 1 0.9 0.01 0 -0.01 1 1.1 0.9 0.95");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal(["msPerFrame", "mpixPerSec", "threads", "cpuMsPerFrame"], root.EnumerateObject().Select(p => p.Name));
        Assert.True(root.GetProperty("msPerFrame").GetDouble() > 0);
        Assert.True(root.GetProperty("cpuMsPerFrame").GetDouble() > 0);
        Assert.True(root.GetProperty("mpixPerSec").GetDouble() > 0);
        Assert.True(root.GetProperty("threads").GetInt32() > 0);
    }

    [Fact]
    public void Exact_power_is_named_in_the_summary_and_the_default_is_not()
    {
        string cube = WriteCube(CliRunner.TempDir());
        string[] args = ["bench", "cpu", "--size", "64x64", "--frames", "1", "--threads", "1", "--lut", cube,
            "--cdl", "1.1 1 0.9 0.01 0 -0.01 1.2 1.1 0.9 0.95"];
        var exact = CliRunner.Run([.. args, "--exact-power"]);
        Assert.True(exact.ExitCode == 0, exact.Stderr);
        Assert.Contains("fused(2), 1 threads, 1 frames", exact.Stdout);
        Assert.Contains(", exact CDL power", exact.Stdout);
        var fast = CliRunner.Run(args);
        Assert.True(fast.ExitCode == 0, fast.Stderr);
        Assert.DoesNotContain("exact", fast.Stdout);
    }

    [Fact]
    public void Encode_times_the_lut_and_the_display_curve_fused_and_refuses_an_unknown_display()
    {
        string cube = WriteCube(CliRunner.TempDir());
        var r = CliRunner.Run("bench", "cpu", "--size", "64x64", "--frames", "2", "--threads", "1", "--lut", cube, "--encode", "pq1000");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("64x64, fused(2), 1 threads", r.Stdout); // the LUT and the curve in one pass
        var bad = CliRunner.Run("bench", "cpu", "--size", "64x64", "--lut", cube, "--encode", "srgb");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("error: --encode must be rec1886, pq1000 or hlg, got 'srgb'", bad.Stderr.Trim());
    }

    [Theory]
    [Trait("Category", "Gpu")]
    [InlineData("v210")]
    [InlineData("rgba16f")]
    public void Bench_gpu_reports_every_stage_and_the_frame_rate(string format)
    {
        string cube = WriteCube(CliRunner.TempDir());
        var r = CliRunner.Run("bench", "gpu", "--size", "96x32", "--format", format, "--frames", "3", "--json", "--lut", cube);
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        foreach (var key in new[] { "uploadMs", "unpackMs", "gradeMs", "packMs", "readbackMs", "msPerFrame" })
        {
            Assert.True(root.GetProperty(key).GetDouble() > 0, key);
        }
        Assert.True(root.GetProperty("fps").GetDouble() > 0);
        Assert.Equal(0, root.GetProperty("stalls").GetInt32());
        var text = CliRunner.Run("bench", "gpu", "--size", "96x32", "--format", format, "--frames", "2", "--lut", cube);
        Assert.Contains("fps", text.Stdout);
    }

    [Theory]
    [InlineData("--format", "bgra")]
    [InlineData("--size", "95x10")]
    [InlineData("--frames", "0")]
    public void Bench_gpu_bad_arguments_give_one_line_and_exit_2(string option, string value)
    {
        var args = new Dictionary<string, string> { ["--lut"] = WriteCube(CliRunner.TempDir()), ["--frames"] = "1", ["--size"] = "16x16", ["--format"] = "v210" };
        args[option] = value;
        var r = CliRunner.Run(["bench", "gpu", .. args.SelectMany(a => new[] { a.Key, a.Value })]);
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error:", line);
    }

    [Fact]
    [Trait("Category", "Gpu")]
    public void Bench_scopes_reports_each_scope_and_the_grade()
    {
        string cube = WriteCube(CliRunner.TempDir());
        string[] look = ["--convert", "logc3:acescct", "--cdl", "1.03 1.03 1.03 -0.008 -0.012 -0.018 1 1 1 1.08", "--look", cube,
            "--display", "acescct:rec1886"];
        var r = CliRunner.Run(["bench", "scopes", "--size", "96x54", "--frames", "2", "--json", .. look]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal(96, root.GetProperty("width").GetInt32());
        Assert.Equal(54, root.GetProperty("height").GetInt32());
        Assert.Equal(2, root.GetProperty("frames").GetInt32());
        string[] stages = ["gradeMs", "waveformAnalysisMs", "waveformDrawMs", "paradeAnalysisMs", "paradeDrawMs",
            "vectorscopeAnalysisMs", "vectorscopeDrawMs", "histogramAnalysisMs", "histogramDrawMs"];
        double sum = 0;
        foreach (var key in stages)
        {
            double ms = root.GetProperty(key).GetDouble();
            Assert.True(ms > 0, key);
            sum += key == "gradeMs" ? 0 : ms;
        }
        // The totals are the stages' own sums (rounded to 4 decimals in the JSON), not separate timings.
        double scopes = root.GetProperty("scopesMs").GetDouble();
        Assert.InRange(scopes, sum - 1e-3, sum + 1e-3);
        Assert.InRange(root.GetProperty("scopesOverGrade").GetDouble(), 0.999 * scopes / root.GetProperty("gradeMs").GetDouble() - 1e-3,
            1.001 * scopes / root.GetProperty("gradeMs").GetDouble() + 1e-3);
        Assert.True(root.GetProperty("gpuTimers").ValueKind is JsonValueKind.True or JsonValueKind.False);
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("renderer").GetString()));

        var text = CliRunner.Run(["bench", "scopes", "--size", "64x36", "--frames", "1", "--picture", "bars", .. look]);
        Assert.True(text.ExitCode == 0, text.Stderr);
        foreach (var word in new[] { "grade", "waveformAnalysis", "paradeDraw", "vectorscopeAnalysis", "histogramDraw", "all four scopes" })
        {
            Assert.Contains(word, text.Stdout);
        }
    }

    [Theory]
    [InlineData("--size", "0x0")]
    [InlineData("--frames", "0")]
    [InlineData("--picture", "smpte")]
    [InlineData("--picture", "synthetic:rec1886")]
    [InlineData("--picture", "synthetic:nosuchspace")]
    [InlineData("--display", "acescct")]
    [InlineData("--cdl", "1 2 3")]
    [InlineData("--look", "")]
    public void Bench_scopes_bad_arguments_give_one_line_and_exit_2(string option, string value)
    {
        var args = new Dictionary<string, string> { ["--look"] = WriteCube(CliRunner.TempDir()), ["--frames"] = "1", ["--size"] = "16x16" };
        args[option] = value;
        // An empty --look value stands for "no grade given at all": the bench needs something to compare with.
        var list = args.Where(a => a.Value.Length > 0).SelectMany(a => new[] { a.Key, a.Value });
        var r = CliRunner.Run(["bench", "scopes", .. list]);
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error:", line);
    }

    [Theory]
    [InlineData("--size", "0x0")]
    [InlineData("--size", "1920")]
    [InlineData("--frames", "0")]
    [InlineData("--threads", "0")]
    [InlineData("--cdl", "1 2 3")]
    public void Bad_arguments_give_one_line_and_exit_2(string option, string value)
    {
        // Every option given once (a repeated option is a parser error, not the check under test).
        var args = new Dictionary<string, string> { ["--lut"] = WriteCube(CliRunner.TempDir()), ["--frames"] = "1", ["--size"] = "16x16" };
        args[option] = value;
        var r = CliRunner.Run(["bench", "cpu", .. args.SelectMany(a => new[] { a.Key, a.Value })]);
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error:", line);
    }
}
