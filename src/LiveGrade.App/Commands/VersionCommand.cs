using System.CommandLine;
using LiveGrade.Interop.Ocio;
using LiveGrade.Interop.Oiio;

namespace LiveGrade.App.Commands;

/// <summary>`livegrade version`: versions of LiveGrade and the native libraries it found.</summary>
public static class VersionCommand
{
    public static Command Create()
    {
        var cmd = new Command("version", "Show LiveGrade's version and the OpenColorIO/OpenImageIO it uses");
        cmd.SetAction(_ => CommandRunner.Run(() =>
        {
            Console.Out.WriteLine($"livegrade {typeof(VersionCommand).Assembly.GetName().Version}");
            Console.Out.WriteLine($"OpenColorIO {OcioLibrary.Version}");
            Console.Out.WriteLine($"OpenImageIO {ImageFile.LibraryVersion}");
            Console.Out.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores");
            return 0;
        }));
        return cmd;
    }
}
