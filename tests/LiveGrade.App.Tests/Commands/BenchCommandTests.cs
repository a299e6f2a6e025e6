using System.Text.Json;
using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Ops.Lut3D;

namespace LiveGrade.App.Tests.Commands;

/// <summary>`livegrade bench cpu`: the JSON it promises, and one line plus exit 2 on bad arguments.</summary>
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
    public void Json_has_the_three_keys_with_positive_numbers()
    {
        string cube = WriteCube(CliRunner.TempDir());
        var r = CliRunner.Run("bench", "cpu", "--size", "64x64", "--frames", "2", "--json", "--lut", cube,
            "--cdl", "1.1 1 0.9 0.01 0 -0.01 1 1.1 0.9 0.95");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal(["msPerFrame", "mpixPerSec", "threads"], root.EnumerateObject().Select(p => p.Name));
        Assert.True(root.GetProperty("msPerFrame").GetDouble() > 0);
        Assert.True(root.GetProperty("mpixPerSec").GetDouble() > 0);
        Assert.True(root.GetProperty("threads").GetInt32() > 0);
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
