using System.Diagnostics;
using LiveGrade.Engine.Library;
using Xunit.Abstractions;

namespace LiveGrade.App.Tests.Commands;

/// <summary>`livegrade looks`: save, list, export and import through the real program, and a library that survives kill -9.</summary>
public sealed class LooksCommandTests(ITestOutputHelper output)
{
    private static CliRunner.Result Run(string library, params string[] args) => CliRunner.Run([.. args, "--library", library]);

    [Fact]
    public void Save_list_export_and_import_round_trip_through_the_command_line()
    {
        string dir = CliRunner.TempDir();
        string lib = Path.Combine(dir, "show");
        var r = Run(lib, "looks", "save", "--camera", "A", "--scene", "12", "--take", "3", "--roll", "A001", "--clip", "A001C003",
            "--tc-in", "10:00:00:00", "--tc-out", "10:00:05:00", "--fps", "25", "--cdl", "1.05 1 0.95 0.01 0 -0.01 1.1 1 0.95 1.2",
            "--space", "logc3", "--working", "acescct", "--output-transform", "aces-sdr-rec709", "--author", "dit");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("version 1", r.Stdout);
        r = Run(lib, "looks", "save", "--camera", "A", "--scene", "12", "--take", "3", "--roll", "A001", "--clip", "A001C003",
            "--cdl", "1.06 1 0.95 0.01 0 -0.01 1.1 1 0.95 1.2", "--working", "acescct");
        Assert.Contains("version 2", r.Stdout);
        Assert.Equal(0, Run(lib, "looks", "save", "--camera", "B", "--scene", "12", "--take", "3", "--cdl", "1 1 1 0 0 0 1 1 1 0.9").ExitCode);

        var list = Run(lib, "looks", "list", "--scene", "12", "--json");
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Contains("\"version\":2", list.Stdout);
        Assert.DoesNotContain("\"version\":1,", list.Stdout.Split("\"camera\":\"B\"")[0]);
        Assert.Contains("\"camera\":\"B\"", list.Stdout);

        foreach (var format in new[] { "ale", "edl", "ccc" })
        {
            string file = Path.Combine(dir, "day." + format);
            r = Run(lib, "looks", "export", "--format", format, "-o", file);
            Assert.True(r.ExitCode == 0, r.Stderr);
            string other = Path.Combine(dir, "other-" + format);
            r = Run(other, "looks", "import", file, "--author", "dailies");
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.Contains("imported 2 looks", r.Stdout);
            using var original = LookLibrary.Open(lib);
            using var imported = LookLibrary.Open(other);
            var a = original.Find(LookQuery.Everything).Select(l => l.Cdl).ToList();
            var b = imported.Find(LookQuery.Everything).Select(l => l.Cdl).ToList();
            Assert.Equal(a.Count, b.Count);
            Assert.All(a, x => Assert.Contains(b, y => y.SameValues(x)));
        }

        var stdout = Run(lib, "looks", "export", "--format", "amf", "--camera", "A", "-o", "-");
        Assert.True(stdout.ExitCode == 0, stdout.Stderr);
        Assert.Contains("urn:ampas:aces:amf:v2.0", stdout.Stdout);
        var many = Run(lib, "looks", "export", "--format", "cc", "-o", "-");
        Assert.Equal(2, many.ExitCode);
        Assert.Equal("error: 2 looks match but a .cc file holds one: give a folder with -o, or narrow the selection", many.Stderr.Trim());

        string folder = Path.Combine(dir, "cubes") + "/";
        r = Run(lib, "looks", "export", "--format", "cube", "--size", "17", "-o", folder);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(2, Directory.GetFiles(folder, "*.cube").Length);
    }

    [Fact]
    public void A_malformed_file_is_one_line_with_its_line_exit_2_and_imports_nothing()
    {
        string dir = CliRunner.TempDir();
        string lib = Path.Combine(dir, "lib");
        string ale = Path.Combine(dir, "bad.ale");
        File.WriteAllText(ale, "Heading\nFPS\t25\n\nColumn\nName\tTape\tASC_SOP\tASC_SAT\n\nData\n" +
            "A001C001\tA001\t(1 1 1)(0 0 0)(1 1 1)\t1\nA001C002\tA001\t(1 1 1)(0 0 0)(1 1 1)\t1.2.3\n");
        var r = Run(lib, "looks", "import", ale);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: {ale}:9: ASC_SAT value '1.2.3' is not a number", r.Stderr.Trim());
        using var store = LookLibrary.Open(lib);
        Assert.Empty(store.Find(new LookQuery { AllVersions = true })); // the good first row was not imported either

        string edl = Path.Combine(dir, "bad.edl");
        File.WriteAllText(edl, "TITLE: x\n\n001  A001     V     C        10:00:00:00 10:00:01:00 01:00:00:00 01:00:01:00\n*ASC_SOP (1 1 1)(0 0 0)(1 1)\n");
        r = Run(lib, "looks", "import", edl);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"error: {edl}:4: ASC_SOP group '(1 1)' needs 3 numbers", r.Stderr.Trim());

        r = Run(lib, "looks", "save", "--camera", "A", "--cdl", "1 1 1 0 0 0 1 1 1");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: --cdl needs 10 numbers (slope RGB, offset RGB, power RGB, saturation), got 9", r.Stderr.Trim());
    }

    /// <summary>
    /// kill -9 at a random moment of a save, again and again: every save that returned (exit code 0) is in the
    /// library afterwards, and the library always opens.
    /// </summary>
    [Fact]
    public void No_acknowledged_look_is_lost_when_the_program_is_killed_mid_save()
    {
        string dir = CliRunner.TempDir();
        string lib = Path.Combine(dir, "lib");
        var rng = new Random(9);
        var acknowledged = new List<string>();
        int killed = 0;
        for (int i = 0; i < 12; i++)
        {
            string take = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string cdl = $"{1 + i / 100.0} 1 1 0 0 0 1 1 1 1";
            if (i % 3 == 2)
            {
                // Start a save and kill it somewhere between process start and commit.
                var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "livegrade.dll"), "looks", "save", "--camera", "K", "--scene", "1", "--take", take, "--cdl", cdl, "--library", lib })
                {
                    psi.ArgumentList.Add(a);
                }
                using var p = Process.Start(psi)!;
                Thread.Sleep(rng.Next(100, 900));
                if (!p.HasExited)
                {
                    p.Kill(); // SIGKILL
                    killed++;
                }
                p.WaitForExit();
                if (p.ExitCode == 0)
                {
                    acknowledged.Add(take);
                }
                continue;
            }
            var r = Run(lib, "looks", "save", "--camera", "K", "--scene", "1", "--take", take, "--cdl", cdl);
            Assert.True(r.ExitCode == 0, r.Stderr);
            acknowledged.Add(take);
        }
        output.WriteLine($"{acknowledged.Count} saves acknowledged, {killed} processes killed mid-run");
        using var store = LookLibrary.Open(lib);
        var takes = store.Find(new LookQuery { Camera = "K", AllVersions = true }).Select(l => l.Slot.Take).ToHashSet();
        Assert.All(acknowledged, t => Assert.Contains(t, takes));
        Assert.True(killed > 0, "no save was killed: the test proved nothing");
    }
}
