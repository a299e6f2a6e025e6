using System.CommandLine;
using LiveGrade.App.Commands;

namespace LiveGrade.App;

/// <summary>Entry point of the `livegrade` command: verbs built with System.CommandLine.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("LiveGrade: real-time live colour and signal routing for film and TV sets.")
        {
            SpacesCommand.Create(),
            ApplyCommand.Create(args),
            DemoCommand.Create(),
            RunCommand.Create(),
            SourcesCommand.Create(),
            RecordCommand.Create(),
            RtpCommand.Create(),
            LutCommand.Create(args),
            ScopeCommand.Create(args),
            OverlayCommand.Create(args),
            BenchCommand.Create(args),
            LooksCommand.Create(),
            CtlCommand.Create(),
            ControlHostCommand.Create(),
            VersionCommand.Create(),
        };
        return root.Parse(args).Invoke();
    }
}
