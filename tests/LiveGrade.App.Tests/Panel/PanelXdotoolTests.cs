using System.Diagnostics;
using System.Text.Json;
using LiveGrade.App.Panel;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Show;
using LiveGrade.Interop.Oiio;
using Xunit;
using Xunit.Abstractions;

namespace LiveGrade.App.Tests.Panel;

/// <summary>Runs only where Xvfb and xdotool exist (Debian packages xvfb and xdotool, in LG_APT_TEST); says so otherwise.</summary>
public sealed class XdotoolFactAttribute : FactAttribute
{
    public XdotoolFactAttribute()
    {
        if (!File.Exists(PanelDisplay.Xvfb) || !File.Exists(PanelDisplay.Xdotool))
        {
            Skip = $"needs {PanelDisplay.Xvfb} and {PanelDisplay.Xdotool} (Debian packages xvfb, xdotool) to drive the panel";
        }
    }
}

/// <summary>A private Xvfb display (1600x900, 24 bits) for one test, and xdotool aimed at it.</summary>
public sealed class PanelDisplay : IDisposable
{
    public const string Xvfb = LiveGrade.Gpu.Tests.Glfw.XvfbServer.Binary;
    public const string Xdotool = "/usr/bin/xdotool";
    private readonly LiveGrade.Gpu.Tests.Glfw.XvfbServer _server = LiveGrade.Gpu.Tests.Glfw.XvfbServer.WithoutGlfw("1600x900x24");

    public string Name => _server.Display;

    /// <summary>Runs xdotool with these arguments on this display; returns its output.</summary>
    public string Do(params string[] args)
    {
        var psi = new ProcessStartInfo(Xdotool) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["DISPLAY"] = Name;
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit(10_000);
        return stdout.Trim();
    }

    public void Dispose() => _server.Dispose();
}

/// <summary>
/// The panel as a person uses it: `livegrade demo` started with a display, real clicks, drags and keys through the X
/// server (xdotool), and the outcome read back through the engine's own journal (the control bus replays it into
/// the state a restart would have), the look library's files and the run's stats.
/// </summary>
[Trait("Category", "Gpu")]
public class PanelXdotoolTests(ITestOutputHelper output)
{
    /// <summary>One arrow press moves master offset by exactly this much (DitPanel's fine step).</summary>
    private const double OffsetStep = 0.001;

    /// <summary>Values pass through a double→float→double round trip in the drag fields: float resolution.</summary>
    private const double FloatTolerance = 1e-6;

    [XdotoolFact]
    public void Clicks_and_keys_change_the_grade_the_route_and_the_saved_look_and_outputs_lose_nothing_at_hand_off_while_the_panel_is_busy()
    {
        using var display = new PanelDisplay();
        var dir = Commands.CliRunner.TempDir();
        string home = Path.Combine(dir, "home"), journal = Path.Combine(dir, "journal.db"), stats = Path.Combine(dir, "stats.json"), probe = Path.Combine(dir, "probe.json");
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["DISPLAY"] = display.Name;
        foreach (var a in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "livegrade.dll"), "demo", "--panel", "on", "--panel-home", home, "--panel-probe", probe,
                     "--journal", journal, "--stats-json", stats, "--size", "640x360", "--out", Path.Combine(dir, "snapshots"),
                 })
        {
            psi.ArgumentList.Add(a);
        }
        using var app = Process.Start(psi)!;
        var stdout = app.StandardOutput.ReadToEndAsync();
        var stderr = app.StandardError.ReadToEndAsync();
        try
        {
            var controls = WaitForProbe(probe, app);
            string window = display.Do("search", "--name", "LiveGrade");
            Assert.False(string.IsNullOrEmpty(window), "the panel's window is not on the display");
            window = window.Split('\n')[0];

            void Click(string name)
            {
                var (x, y) = Centre(controls, name);
                display.Do("mousemove", "--window", window, $"{x}", $"{y}");
                Thread.Sleep(60);
                display.Do("click", "1");
                Thread.Sleep(150);
            }

            void Keys(params string[] keys)
            {
                foreach (var k in keys)
                {
                    display.Do("key", k);
                    Thread.Sleep(80);
                }
            }

            void Drag(string name, int dx, int steps)
            {
                var (x, y) = Centre(controls, name);
                display.Do("mousemove", "--window", window, $"{x}", $"{y}");
                Thread.Sleep(60);
                display.Do("mousedown", "1");
                Thread.Sleep(60);
                for (int i = 0; i < steps; i++)
                {
                    display.Do("mousemove_relative", "--", $"{dx}", "0");
                    Thread.Sleep(30);
                }
                display.Do("mouseup", "1");
                Thread.Sleep(150);
            }

            // Select B-CAM on the camera strip (and see the panel took it), route it to the DIT monitor in the router grid.
            Thread.Sleep(1500);
            Click("camera.B-CAM");
            WaitForNote(probe, "selected", "B-CAM");
            Click("router.DIT.B-CAM");
            // Five fine nudges of master offset, then one undo: four steps remain.
            Keys("Up", "Up", "Up", "Up", "Up", "ctrl+z");
            // Drag saturation to the right: it rises.
            Drag("grade.sat", 10, 12);
            // Name the take and save the look.
            // A text field takes the keyboard the frame after its click: give it time before Ctrl+A selects its
            // text, so that a slow frame cannot leave the old text in front of the new.
            Click("looks.scene");
            Thread.Sleep(400);
            Keys("ctrl+a");
            Thread.Sleep(200);
            display.Do("type", "12");
            Click("looks.clip");
            Thread.Sleep(400);
            display.Do("type", "A001C003");
            Keys("Return");
            Click("looks.save");
            // Copy B's grade, select A (key 1), paste.
            Keys("ctrl+c", "1", "ctrl+v");
            // Scopes and false colour on, then a screenshot.
            Keys("w", "p", "v", "f");
            Thread.Sleep(1500);
            Keys("F12");
            // Hold the panel busy: two long drags of A's slope while the outputs run; then undo them (a drag is one step).
            var busy = Stopwatch.StartNew();
            Drag("grade.slope.master", 4, 40);
            Drag("grade.slope.master", -4, 40);
            output.WriteLine($"busy drag: {busy.Elapsed.TotalSeconds:0.0} s");
            Keys("ctrl+z", "ctrl+z");
            // Quit only once the bus has applied both undos (A's slope back to the pasted 1), so that a slow
            // machine cannot put the quit before them; an undo that never lands fails here.
            WaitForNote(probe, "slope", "1", TimeSpan.FromSeconds(30));
            Keys("ctrl+q");
            Assert.True(app.WaitForExit(60_000), "the app did not stop after Ctrl+Q in the panel");
        }
        finally
        {
            if (!app.HasExited) app.Kill(entireProcessTree: true);
            app.WaitForExit(10_000);
            output.WriteLine(stdout.Result);
            output.WriteLine(stderr.Result);
        }
        Assert.Equal(0, app.ExitCode);

        // The engine's state as a restart would rebuild it from the journal.
        var show = ShowFile.Load(Path.Combine(AppContext.BaseDirectory, "shows", "demo.show.json"));
        var initial = StateTransitions.Initial(show);
        using var bus = new ControlBus(initial, new Journal(journal));
        var state = bus.State;
        Assert.Equal("B-CAM", state.Output("DIT")!.Route);
        Assert.Equal("B-CAM", state.Output("VILLAGE")!.Route);
        var b0 = initial.Camera("B-CAM")!.Cdl;
        var b = state.Camera("B-CAM")!.Cdl;
        for (int c = 0; c < 3; c++) Assert.Equal(b0.Offset[c] + 4 * OffsetStep, b.Offset[c], FloatTolerance);
        Assert.True(b.Sat > b0.Sat + 0.02, $"saturation after the drag: {b.Sat}");
        Assert.Equal(b0.Slope, b.Slope);
        // A carries B's grade (pasted), and each busy drag was undone in one step.
        Assert.Equal(b, state.Camera("A-CAM")!.Cdl);

        // The saved look, read back from the look library: scene 12, take 1, clip A001C003, B-CAM's grade as it was
        // saved (and still is), with the show LUT it sat on.
        using var library = new LibraryLookShelf(new LiveGrade.Engine.Library.SqliteLookStore(Path.Combine(home, "livegrade.db")), show.BaseDirectory);
        var saved = library.List("B-CAM");
        var look = Assert.Single(saved);
        Assert.Equal(("12", "1", "A001C003", 1), (look.Scene, look.Take, look.Clip, look.Version));
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(b.Slope[c], look.Cdl.Slope[c], 1e-6);
            Assert.Equal(b.Offset[c], look.Cdl.Offset[c], 1e-6);
            Assert.Equal(b.Power[c], look.Cdl.Power[c], 1e-6);
        }
        Assert.Equal(b.Sat, look.Cdl.Sat, 1e-6);
        Assert.Equal([.. state.Camera("B-CAM")!.Luts], look.Luts);

        // The screenshot is the panel's whole window.
        var shot = Path.Combine(home, "screenshots", "panel-001.png");
        Assert.True(File.Exists(shot), "F12 saved no screenshot");
        var image = ImageFile.Read(shot);
        Assert.Equal((1600, 900), (image.Width, image.Height));
        Assert.True(File.Exists(Path.Combine(home, "imgui.ini")), "the layout was not saved");

        // The panel never blocked an output: every output kept handing off frames, and none was lost at its
        // hand-off. (Input frames an output skipped count as dropped too; on this 2-core machine the panel's
        // software GL takes CPU the outputs need, so they skip some: reported, not asserted.)
        using var doc = JsonDocument.Parse(File.ReadAllText(stats));
        foreach (var o in doc.RootElement.GetProperty("outputs").EnumerateArray())
        {
            long dropped = o.GetProperty("dropped").GetInt64(), skipped = o.GetProperty("skipped").GetInt64();
            output.WriteLine($"{o.GetProperty("name").GetString()}: fps {o.GetProperty("fps").GetDouble():0.00}, frames {o.GetProperty("frames").GetInt64()}, dropped {dropped} (skipped inputs {skipped}), late {o.GetProperty("late").GetInt64()}");
            Assert.Equal(0, dropped - skipped);
            Assert.True(o.GetProperty("frames").GetInt64() > 100, "the output ran");
        }
        Assert.Contains("panel: ", stdout.Result);
    }

    private static Dictionary<string, float[]> WaitForProbe(string path, Process app)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (app.HasExited) throw new InvalidOperationException($"the app stopped early: {app.StandardError.ReadToEnd()}");
            if (File.Exists(path))
            {
                try
                {
                    using var doc = JsonDocument.Parse(File.ReadAllText(path));
                    if (doc.RootElement.GetProperty("frames").GetInt64() >= 10)
                    {
                        return doc.RootElement.GetProperty("items").EnumerateObject()
                            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetSingle()).ToArray());
                    }
                }
                catch (IOException)
                {
                }
            }
            Thread.Sleep(200);
        }
        throw new TimeoutException("the panel never wrote its probe");
    }

    private static void WaitForNote(string path, string key, string value, TimeSpan? timeout = null)
    {
        var sw = Stopwatch.StartNew();
        string? seen = null;
        while (sw.Elapsed < (timeout ?? TimeSpan.FromSeconds(10)))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(path));
                seen = doc.RootElement.GetProperty("notes").TryGetProperty(key, out var v) ? v.GetString() : null;
                if (seen == value) return;
            }
            catch (IOException)
            {
            }
            Thread.Sleep(100);
        }
        Assert.Fail($"the panel's {key} is '{seen}', not '{value}', {(timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds:0} s after the action");
    }

    private static (int X, int Y) Centre(Dictionary<string, float[]> controls, string name)
    {
        Assert.True(controls.TryGetValue(name, out var r), $"the panel has no control '{name}' (has: {string.Join(", ", controls.Keys)})");
        return ((int)((r![0] + r[2]) / 2), (int)((r[1] + r[3]) / 2));
    }
}
