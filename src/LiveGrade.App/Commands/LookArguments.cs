using System.CommandLine;
using LiveGrade.Color.Looks;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.App.Commands;

/// <summary>
/// The look options shared by `apply` and `lut bake`: --convert, --cdl, --look and --ocio in any order and any
/// number, plus --cccid, --cdl-style and --interp. System.CommandLine groups values per option, which
/// loses the interleaving of the three step options, so their order is read from the raw arguments.
/// </summary>
public sealed class LookArguments
{
    private static readonly string[] StepOptions = ["--convert", "--cdl", "--look", "--ocio"];

    private readonly string[] _rawArgs;
    private readonly Option<string[]> _convert = new("--convert") { Description = "convert SRC:DST between named colour spaces (see `livegrade spaces`)" };
    private readonly Option<string[]> _cdl = new("--cdl") { Description = "ASC CDL as \"sR sG sB oR oG oB pR pG pB sat\"" };
    private readonly Option<string[]> _look = new("--look") { Description = "a look file: .cdl, .cc, .ccc, .cube, .3dl, .spi1d, .spi3d, .csp, .clf, .ctf" };
    private readonly Option<string[]> _ocio = new("--ocio") { Description = "an OpenColorIO builtin transform by style name (\"inverse:STYLE\" for its inverse), e.g. an ACES output transform" };
    private readonly Option<string?> _cccid = new("--cccid") { Description = "which correction of a .ccc/.cdl to use (id or index)" };
    private readonly Option<string> _style = new("--cdl-style")
    {
        Description = "CDL clamping: noclamp (OpenColorIO's default for CDL files) or asc (ASC v1.2, clamps to 0..1)",
        DefaultValueFactory = _ => "noclamp",
    };
    private readonly Option<string> _interp = new("--interp")
    {
        Description = "3D LUT interpolation: tetrahedral or trilinear (default: tetrahedral, or what a .clf names)",
        DefaultValueFactory = _ => "tetrahedral",
    };

    public LookArguments(string[] rawArgs)
    {
        _rawArgs = rawArgs;
        _style.AcceptOnlyFromAmong("noclamp", "asc");
        _interp.AcceptOnlyFromAmong("tetrahedral", "trilinear");
    }

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { _convert, _cdl, _look, _ocio, _cccid, _style, _interp })
        {
            command.Add(o);
        }
    }

    /// <summary>The look the user stated, steps in command-line order.</summary>
    public LookChain Chain(ParseResult parse)
    {
        var cdlStyle = parse.GetValue(_style) == "asc" ? CdlStyle.AscV12 : CdlStyle.NoClamp;
        // Only an --interp given on the command line overrides a file's own choice (a CLF LUT3D names its
        // interpolation); without it every LUT keeps its format's default, tetrahedral except in CLF.
        Lut3DInterpolation? interpolation = parse.GetResult(_interp) is { Implicit: false }
            ? (parse.GetValue(_interp) == "trilinear" ? Lut3DInterpolation.Trilinear : Lut3DInterpolation.Tetrahedral)
            : null;
        string? cccId = parse.GetValue(_cccid);
        var steps = new List<LookStep>();
        for (int i = 0; i < _rawArgs.Length; i++)
        {
            string a = _rawArgs[i];
            string? name = StepOptions.FirstOrDefault(o => a == o || a.StartsWith(o + "=", StringComparison.Ordinal));
            if (name is null)
            {
                continue;
            }
            string? value = a.Length > name.Length ? a[(name.Length + 1)..] : (i + 1 < _rawArgs.Length ? _rawArgs[++i] : null);
            if (value is null)
            {
                throw new InputException($"{name} needs a value");
            }
            steps.Add(name switch
            {
                "--convert" => ConvertStep.Parse(value),
                "--cdl" => CdlStep.Parse(value, cdlStyle),
                "--ocio" => OcioBuiltinStep.Parse(value),
                _ => new LookFileStep(value, cccId, cdlStyle, interpolation),
            });
        }
        return new LookChain(steps);
    }
}
