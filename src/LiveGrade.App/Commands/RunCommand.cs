using System.CommandLine;
using LiveGrade.App.Panel;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Engine.Show;

namespace LiveGrade.App.Commands;

/// <summary>`livegrade run SHOW`: starts a show file's inputs, outputs and control ports.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var show = new Argument<string>("show") { Description = "the show file (JSON; see shows/demo.show.json)" };
        var (seconds, statsJson, snapshots, journal) = CommonOptions();
        var control = new ControlArguments();
        var renderer = RendererOption();
        var windows = WindowsOption();
        var cmd = new Command("run", "Run a show: grade and route its inputs to its outputs in real time") { show, seconds, statsJson, snapshots, journal, renderer, windows };
        var panel = PanelArguments.Create();
        control.AddTo(cmd);
        panel.AddTo(cmd);
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            var path = parse.GetValue(show)!;
            var file = ShowFile.Load(path);
            if (parse.GetValue(renderer) is { } r) file = file with { Renderer = r };
            if (parse.GetValue(windows)) file = WithWindows(file);
            var journalPath = parse.GetValue(journal) ?? ControlArguments.DefaultJournalFor(path);
            return ShowRunner.Run(file, new ShowRunOptions(
                parse.GetValue(seconds), parse.GetValue(statsJson), parse.GetValue(snapshots), journalPath,
                control.ToOptions(parse, journalPath), panel.Options(parse), parse.GetResult(seconds) is { Implicit: false }));
        }));
        return cmd;
    }

    /// <summary>--renderer, shared by `run` and `demo` (overrides the show's "renderer").</summary>
    public static Option<string?> RendererOption()
    {
        var option = new Option<string?>("--renderer") { Description = "gpu (exact looks as GL compute shaders), cpu (looks baked to 33^3 LUTs) or auto (GPU on a hardware GL driver)" };
        option.AcceptOnlyFromAmong("auto", "gpu", "cpu");
        return option;
    }

    /// <summary>--windows, shared by `run` and `demo`.</summary>
    public static Option<bool> WindowsOption() =>
        new("--windows") { Description = "open a monitor window (GLFW, needs a display) for every output that has no other sink" };

    /// <summary>The show with every output that goes nowhere ("null") sent to a monitor window instead.</summary>
    public static ShowFile WithWindows(ShowFile show) =>
        show with { Outputs = [.. show.Outputs.Select(o => o.Sink is "null" or "" ? o with { Sink = "window" } : o)] };

    /// <summary>Options shared by `run` and `demo`.</summary>
    public static (Option<double> Seconds, Option<string?> StatsJson, Option<string?> Snapshots, Option<string?> Journal) CommonOptions() =>
    (
        new Option<double>("--seconds") { Description = "run this long, then print the stats and stop (0: until Ctrl+C)" },
        new Option<string?>("--stats-json") { Description = "also write the stats table as JSON to this file" },
        new Option<string?>("--snapshots") { Description = "write a PNG of every output's last picture into this folder at the end" },
        new Option<string?>("--journal") { Description = "the control journal (SQLite) that makes every change durable; restart replays it" }
    );
}

/// <summary>The panel's options, shared by `run` and `demo`.</summary>
public sealed class PanelArguments
{
    private readonly Option<string> _mode = new("--panel") { Description = "the DIT's panel: auto (open it when a display is present), on, off", DefaultValueFactory = _ => "auto" };
    private readonly Option<string?> _home = new("--panel-home") { Description = "the panel's folder: layout (imgui.ini), saved looks, screenshots (default $LIVEGRADE_HOME or ~/.livegrade)" };
    private readonly Option<double> _fps = new("--panel-fps") { Description = "panel frames per second (1..240)", DefaultValueFactory = _ => 60 };
    private readonly Option<string?> _probe = new("--panel-probe") { Description = "write where each control is drawn to this JSON file (for tests that click the panel)" };

    public static PanelArguments Create()
    {
        var a = new PanelArguments();
        a._mode.AcceptOnlyFromAmong("auto", "on", "off");
        return a;
    }

    public void AddTo(Command cmd)
    {
        cmd.Options.Add(_mode);
        cmd.Options.Add(_home);
        cmd.Options.Add(_fps);
        cmd.Options.Add(_probe);
    }

    public PanelOptions Options(ParseResult parse)
    {
        double fps = parse.GetValue(_fps);
        if (!(fps is >= 1 and <= 240)) throw new InputException("--panel-fps must be 1..240");
        var mode = parse.GetValue(_mode) switch { "on" => PanelMode.On, "off" => PanelMode.Off, _ => PanelMode.Auto };
        return new PanelOptions(mode, Fps: fps, Home: parse.GetValue(_home) is { } h ? Path.GetFullPath(h) : null,
            ProbePath: parse.GetValue(_probe) is { } p ? Path.GetFullPath(p) : null);
    }
}
