using System.Text.Json;
using LiveGrade.Interop.Oiio;

namespace LiveGrade.App.Tests.Commands;

public class DemoCommandTests
{
    [Fact]
    public void Demo_runs_the_built_in_show_and_reports_every_output()
    {
        string dir = CliRunner.TempDir();
        string stats = Path.Combine(dir, "stats.json");
        var r = CliRunner.Run("demo", "--seconds", "3", "--size", "320x180", "--out", dir, "--stats-json", stats);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("renderer:", r.Stdout);

        using var doc = JsonDocument.Parse(File.ReadAllText(stats));
        var outputs = doc.RootElement.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal(["DIT", "VILLAGE", "MULTIVIEW"], outputs.Select(o => o.GetProperty("name").GetString()));
        foreach (var o in outputs)
        {
            foreach (var field in new[] { "fps", "latencyP50Ms", "latencyP99Ms", "dropped", "repeated", "late" })
            {
                Assert.True(o.TryGetProperty(field, out _), $"{field} missing");
            }
            Assert.True(o.GetProperty("fps").GetDouble() > 5, $"{o.GetProperty("name")} ran at {o.GetProperty("fps")} fps");
            var snapshot = ImageFile.Read(Path.Combine(dir, $"{o.GetProperty("name").GetString()}.png"));
            Assert.Equal((320, 180), (snapshot.Width, snapshot.Height));
        }
    }

    [Fact]
    public void Snapshots_that_cannot_be_written_cost_one_line_each_and_keep_the_stats()
    {
        string dir = CliRunner.TempDir();
        string stats = Path.Combine(dir, "stats.json");
        string notAFolder = Path.Combine(dir, "taken");
        File.WriteAllText(notAFolder, "a file where the snapshot folder should go");
        var r = CliRunner.Run("demo", "--seconds", "2", "--size", "320x180", "--out", notAFolder, "--stats-json", stats);
        Assert.Equal(1, r.ExitCode);
        var errors = r.Stderr.Trim().Split('\n').Where(l => l.StartsWith("error: snapshot ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, errors.Count); // one per output, each naming its file
        Assert.Contains(errors, e => e.Contains("DIT.png", StringComparison.Ordinal));
        Assert.Contains("MULTIVIEW", r.Stdout); // the stats table
        using var doc = JsonDocument.Parse(File.ReadAllText(stats));
        Assert.Equal(3, doc.RootElement.GetProperty("outputs").GetArrayLength());
    }

    [Fact]
    public void Run_refuses_a_broken_show_in_one_line()
    {
        string dir = CliRunner.TempDir();
        var show = Path.Combine(dir, "bad.show.json");
        File.WriteAllText(show, "{\n  \"inputs\": [ { \"name\": \"A\", \"source\": \"bars\" } ],\n  \"outputs\": [ { \"name\": \"O\", \"route\": \"NOPE\" } ]\n}\n");
        var r = CliRunner.Run("run", show, "--seconds", "1");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(1, r.Stderr.Trim().Split('\n').Length);
        Assert.Contains("unknown input 'NOPE'", r.Stderr);
    }
}
