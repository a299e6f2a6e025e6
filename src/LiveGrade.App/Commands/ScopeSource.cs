using System.CommandLine;
using LiveGrade.Color.Looks;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Scopes;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Gpu.Context;
using LiveGrade.Interop.Oiio;

namespace LiveGrade.App.Commands;

/// <summary>
/// What `scope` and `overlay` share: the image, the look (--convert/--cdl/--look through LookArguments),
/// an optional display transform (--display SRC:DST, applied after the look), the tap that says where in
/// that chain the picture is taken, and a GL context for --gpu.
/// </summary>
public sealed class ScopeSource
{
    private readonly LookArguments _look;
    private readonly Option<string?> _display = new("--display")
    {
        Description = "display transform after the look, as SRC:DST colour spaces (e.g. acescct:rec709)",
    };
    private readonly Option<string?> _tap = new("--tap")
    {
        Description = "where to read the picture: before-look, after-look, after-display (default: after the last step given)",
    };
    private readonly Option<bool> _gpu = new("--gpu") { Description = "run on the GPU (headless OpenGL 4.5 through EGL)" };

    public ScopeSource(string[] rawArgs)
    {
        _look = new LookArguments(rawArgs);
        _tap.AcceptOnlyFromAmong("before-look", "after-look", "after-display");
    }

    public void AddTo(Command command)
    {
        _look.AddTo(command);
        command.Add(_display);
        command.Add(_tap);
        command.Add(_gpu);
    }

    public bool Gpu(ParseResult parse) => parse.GetValue(_gpu);

    /// <summary>Reads the image and runs the chain up to the tap on the CPU; returns the picture and the tap.</summary>
    public (RgbaImage Image, ScopeTap Tap) Load(ParseResult parse, string path)
    {
        var image = ImageFile.Read(path);
        string? display = parse.GetValue(_display);
        var tap = parse.GetValue(_tap) switch
        {
            "before-look" => ScopeTap.BeforeLook,
            "after-look" => ScopeTap.AfterLook,
            "after-display" => ScopeTap.AfterDisplay,
            _ => display is null ? ScopeTap.AfterLook : ScopeTap.AfterDisplay,
        };
        if (tap == ScopeTap.AfterDisplay && display is null)
        {
            throw new InputException("--tap after-display needs --display SRC:DST");
        }
        if (tap != ScopeTap.BeforeLook)
        {
            var ops = _look.Chain(parse).ToOps();
            if (tap == ScopeTap.AfterDisplay)
            {
                ops.AddRange(ConvertStep.Parse(display!).ToOps().Ops);
            }
            new CpuProcessor(ops).ApplyParallel(image.Pixels);
        }
        return (image, tap);
    }

    /// <summary>A headless GL context, or one line saying why there is none.</summary>
    public static HeadlessGlContext CreateContext()
    {
        try
        {
            return HeadlessGlContext.Create();
        }
        catch (GpuUnavailableException e)
        {
            throw new InputException($"--gpu: no GPU context: {e.Message}");
        }
    }
}
