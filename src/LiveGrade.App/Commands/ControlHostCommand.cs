using System.CommandLine;
using System.Runtime.InteropServices;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Show;

namespace LiveGrade.App.Commands;

/// <summary>
/// `livegrade control-host SHOW` (hidden): runs a show's control surfaces alone, without rendering: the bus
/// and journal, the Videohub server and the API, until SIGINT or SIGTERM. For tests of the control side
/// (the crash test kills it with SIGKILL) and for trying panels against a show; `run` does the same with the
/// engine behind it. Prints one line per open port, then "ready".
/// </summary>
public static class ControlHostCommand
{
    public static Command Create()
    {
        var show = new Argument<string>("SHOW") { Description = "the show file" };
        var control = new ControlArguments();
        var journal = new Option<string?>("--journal") { Description = "the control journal (default: SHOW.journal.db beside the show file)" };
        var cmd = new Command("control-host", "Run a show's control bus, journal, Videohub server and API without the engine") { show, journal };
        cmd.Hidden = true;
        control.AddTo(cmd);
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            var path = parse.GetValue(show)!;
            var file = ShowFile.Load(path);
            var options = control.ToOptions(parse, parse.GetValue(journal) ?? ControlArguments.DefaultJournalFor(path));
            return Run(file, options);
        }));
        return cmd;
    }

    private static int Run(ShowFile show, ControlHostOptions options)
    {
        using var stop = new ManualResetEventSlim();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Set(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Set(); });
        var host = ControlHost.Open(show, options, line => Console.Error.WriteLine(line));
        try
        {
            host.StartAsync(new NoEngineStatus()).GetAwaiter().GetResult();
            foreach (var line in host.Listening) Console.Out.WriteLine(line);
            Console.Out.WriteLine("ready");
            Console.Out.Flush();
            stop.Wait();
        }
        finally
        {
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        return 0;
    }

    /// <summary>No engine runs here: no figures to report.</summary>
    private sealed class NoEngineStatus : IEngineStatus
    {
        public IReadOnlyList<OutputStats> Outputs() => [];
        public IReadOnlyList<InputStats> Inputs() => [];
    }
}
