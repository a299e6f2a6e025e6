using System.Runtime.InteropServices;
using System.Text.Json;
using LiveGrade.App.Panel;
using LiveGrade.Engine;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Show;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Interop.Oiio;
using Spectre.Console;

namespace LiveGrade.App.Commands;

/// <summary>What `run` and `demo` were asked to do besides running the show.</summary>
public sealed record ShowRunOptions(
    double Seconds,
    string? StatsJson,
    string? SnapshotDirectory,
    string? JournalPath,
    ControlHostOptions? Control = null,
    PanelOptions? Panel = null,
    bool SecondsGiven = true,
    double WarmUpSeconds = ShowRunOptions.DefaultWarmUpSeconds)
{
    /// <summary>The longest the outputs rehearse before going on air (<see cref="LiveEngine.Start"/>); they stop sooner once they hold their cadence.</summary>
    public const double DefaultWarmUpSeconds = 10;
}

/// <summary>
/// Runs a show headless: journal + control bus + engine + control ports (Videohub, API; see
/// <see cref="ControlHost"/>), for a number of seconds (or until Ctrl+C or SIGTERM), then writes a snapshot
/// PNG of every output and prints the stats table (and its JSON form).
/// </summary>
public static class ShowRunner
{
    public static int Run(ShowFile show, ShowRunOptions options)
    {
        var controlOptions = (options.Control ?? new ControlHostOptions()) with { JournalPath = options.JournalPath };
        var host = ControlHost.Open(show, controlOptions, line => Console.Error.WriteLine(line));
        using var done = new ManualResetEventSlim();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            done.Set();
        });
        ConsoleCancelEventHandler stop = (_, e) =>
        {
            e.Cancel = true;
            done.Set();
        };
        Console.CancelKeyPress += stop;
        try
        {
            using var engine = new LiveEngine(show, host.Bus, line => Console.Error.WriteLine(line));
            // The ports open before the outputs start: the web server's start-up (a second of CPU on a small
            // machine) then does not compete with the outputs' first frames, which it made drop and run late.
            // A command that arrives meanwhile is on the bus, where the outputs read it from their first frame.
            host.StartAsync(engine).GetAwaiter().GetResult();
            engine.Start(TimeSpan.FromSeconds(options.WarmUpSeconds));
            Console.Out.WriteLine($"{show.Name}: {engine.Mode.Width}x{engine.Mode.Height} at {engine.Mode.Rate} fps, {show.Inputs.Count} inputs, {show.Outputs.Count} outputs; renderer: {engine.Renderer}");
            foreach (var line in host.Listening) Console.Out.WriteLine(line);
            using var panel = PanelHost.Open(engine, show, options.Panel ?? new PanelOptions(PanelMode.Off), line => Console.Error.WriteLine(line));
            // With the panel open, a run without --seconds lasts until the panel closes (or Ctrl+C).
            double seconds = panel is not null && !options.SecondsGiven ? 0 : options.Seconds;
            string how = panel is null ? "headless" : "with the panel (F1: shortcuts; close the window or Ctrl+Q to stop)";
            Console.Out.WriteLine(seconds > 0 ? $"running {how} for {seconds:0.#} s" : $"running {how} until Ctrl+C");
            Console.Out.Flush();
            var handles = panel is null ? [done.WaitHandle] : new[] { done.WaitHandle, panel.Closed };
            WaitHandle.WaitAny(handles, seconds > 0 ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan);
            if (panel is not null)
            {
                panel.Commands.Flush(TimeSpan.FromSeconds(5));
                Console.Out.WriteLine(panel.Summary());
            }
            var stats = engine.Outputs();
            // The run's figures first: a snapshot that cannot be written (a full disk, no image library) must not
            // take the stats with it.
            PrintStats(stats, engine.Inputs());
            if (options.StatsJson is { } path) WriteStatsJson(path, stats);
            if (options.SnapshotDirectory is { } dir && !WriteSnapshots(engine, dir)) return 1;
            return 0;
        }
        finally
        {
            Console.CancelKeyPress -= stop;
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Writes a PNG per output; each one that fails is one line on stderr and the others are still written. False if any failed.</summary>
    private static bool WriteSnapshots(LiveEngine engine, string dir)
    {
        bool allWritten = true;
        foreach (var output in engine.OutputRunners)
        {
            var path = Path.Combine(dir, $"{Sanitise(output.Name)}.png");
            try
            {
                var pixels = output.Snapshot();
                if (pixels is null) continue;
                Directory.CreateDirectory(dir);
                ImageFile.Write(path, new RgbaImage(output.Mode.Width, output.Mode.Height, pixels), ImageSampleFormat.UInt8, withAlpha: false);
                Console.Out.WriteLine($"snapshot: {path}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or InputException or InvalidOperationException)
            {
                Console.Error.WriteLine($"error: snapshot {path}: {e.Message.ReplaceLineEndings(" ")}");
                allWritten = false;
            }
        }
        return allWritten;
    }

    private static string Sanitise(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    private static void PrintStats(IReadOnlyList<OutputStats> outputs, IReadOnlyList<InputStats> inputs)
    {
        var table = new Table().AddColumns("output", "fps", "latency p50 ms", "latency p99 ms", "frames", "dropped", "repeated", "late");
        foreach (var o in outputs)
        {
            table.AddRow(o.Name, $"{o.Fps:0.00}", $"{o.LatencyP50Ms:0.0}", $"{o.LatencyP99Ms:0.0}", $"{o.Frames}", $"{o.Dropped}", $"{o.Repeated}", $"{o.Late}");
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        console.Write(table);
        foreach (var i in inputs)
        {
            console.WriteLine($"input {i.Name}: {i.State}, {i.Received} frames, {i.Dropped} dropped, timecode {i.Timecode ?? "-"}{(i.LastError is null ? "" : $", last error: {i.LastError}")}");
        }
        // The garbage collector's pauses stop every output at once: how many and how long, for the whole process.
        console.WriteLine($"gc: {GC.CollectionCount(0)} gen0, {GC.CollectionCount(1)} gen1, {GC.CollectionCount(2)} gen2 collections, {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms paused in all");
    }

    private static void WriteStatsJson(string path, IReadOnlyList<OutputStats> outputs)
    {
        var doc = new
        {
            outputs = outputs.Select(o => new
            {
                name = o.Name,
                fps = o.Fps,
                latencyP50Ms = o.LatencyP50Ms,
                latencyP99Ms = o.LatencyP99Ms,
                dropped = o.Dropped,
                skipped = o.Skipped, // of dropped: input frames never shown (the output was busy)
                repeated = o.Repeated,
                late = o.Late,
                frames = o.Frames,
                renderer = o.Renderer,
            }),
        };
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
        Console.Out.WriteLine($"stats: {full}");
    }
}
