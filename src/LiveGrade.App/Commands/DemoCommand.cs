using System.CommandLine;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Engine.Show;

namespace LiveGrade.App.Commands;

/// <summary>
/// `livegrade demo`: runs the built-in show (shows/demo.show.json: two synthetic cameras in ARRI LogC3
/// and Sony S-Log3, graded with a CDL and the show LUT, a DIT output, a village output and a
/// multiviewer) headless for --seconds, then writes a snapshot of every output and the stats table.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var (seconds, statsJson, snapshots, journal) = RunCommand.CommonOptions();
        seconds.DefaultValueFactory = _ => 10;
        var outDir = new Option<string>("--out") { Description = "folder for the snapshots", DefaultValueFactory = _ => "demo-output" };
        var size = new Option<string?>("--size") { Description = "picture size WxH (default: the show's, 1920x1080)" };
        var renderer = RunCommand.RendererOption();
        var windows = RunCommand.WindowsOption();
        var panel = PanelArguments.Create();
        var controlArguments = new ControlArguments();
        var cmd = new Command("demo", "Run the built-in show (two synthetic cameras, graded and routed to three outputs) and report its stats")
        {
            seconds, statsJson, journal, outDir, size, renderer, windows,
        };
        panel.AddTo(cmd);
        controlArguments.AddTo(cmd);
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            var path = Path.Combine(AppContext.BaseDirectory, "shows", "demo.show.json");
            if (!File.Exists(path)) throw new InputException("the built-in show is missing; rebuild with ./livegrade", path);
            var show = ShowFile.Load(path);
            if (parse.GetValue(size) is { } s) show = show with { Size = s };
            if (parse.GetValue(renderer) is { } r) show = show with { Renderer = r };
            if (parse.GetValue(windows)) show = RunCommand.WithWindows(show);
            // The demo starts from the show as written unless a journal is named: a demo is a demo.
            var dir = Path.GetFullPath(parse.GetValue(outDir)!);
            // Its control ports (Videohub 9990, API 8990) open if they can; a busy port is reported, not fatal.
            var control = controlArguments.ToOptions(parse, parse.GetValue(journal)) with { BestEffortPorts = true };
            return ShowRunner.Run(show, new ShowRunOptions(parse.GetValue(seconds), parse.GetValue(statsJson), dir, parse.GetValue(journal), control,
                panel.Options(parse), parse.GetResult(seconds) is { Implicit: false }));
        }));
        return cmd;
    }
}
