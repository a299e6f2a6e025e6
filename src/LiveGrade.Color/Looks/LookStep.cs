using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Spaces;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Color.Looks;

/// <summary>One step of a look as a person states it on the command line or in a show file.</summary>
public abstract record LookStep
{
    /// <summary>The ops this step contributes.</summary>
    public abstract OpList ToOps();
}

/// <summary>Convert from one named colour space to another.</summary>
public sealed record ConvertStep(ColorSpace Source, ColorSpace Destination) : LookStep
{
    /// <summary>Parses "SRC:DST" where each side is a space name or alias.</summary>
    public static ConvertStep Parse(string text)
    {
        int colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw new InputException($"--convert needs SRC:DST, got '{text}'");
        }
        return new ConvertStep(ColorSpaceRegistry.Get(text[..colon].Trim()), ColorSpaceRegistry.Get(text[(colon + 1)..].Trim()));
    }

    public override OpList ToOps() => ColorSpaceRegistry.Conversion(Source, Destination);
}

/// <summary>An ASC CDL given as numbers.</summary>
public sealed record CdlStep(CdlOpData Cdl) : LookStep
{
    /// <summary>Parses "sR sG sB oR oG oB pR pG pB sat" (spaces or commas).</summary>
    public static CdlStep Parse(string text, CdlStyle style)
    {
        var parts = text.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 10)
        {
            throw new InputException($"--cdl needs 10 numbers (slope RGB, offset RGB, power RGB, saturation), got {parts.Length}");
        }
        var v = new double[10];
        for (int i = 0; i < 10; i++)
        {
            if (!double.TryParse(parts[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out v[i])
                || !double.IsFinite(v[i]))
            {
                throw new InputException($"--cdl: '{parts[i]}' is not a finite number");
            }
        }
        try
        {
            return new CdlStep(new CdlOpData(v.AsSpan(0, 3), v.AsSpan(3, 3), v.AsSpan(6, 3), v[9], style));
        }
        catch (ArgumentException e)
        {
            throw new InputException($"--cdl: {e.Message}");
        }
    }

    public override OpList ToOps() => new OpList().Add(Cdl);
}

/// <summary>A look file (.cdl/.cc/.ccc, LUTs) applied as its ops.</summary>
public sealed record LookFileStep(string Path, string? CccId, CdlStyle CdlStyle,
    Ops.Lut3D.Lut3DInterpolation? Interpolation = null) : LookStep
{
    public override OpList ToOps() => LookFiles.Load(Path, CccId, CdlStyle, Interpolation);
}

/// <summary>
/// An OpenColorIO builtin transform by its style name (e.g. an ACES output transform or a display), or its
/// inverse with the prefix "inverse:". Runs through OCIO on the CPU and through OCIO's shader on the GPU.
/// </summary>
public sealed record OcioBuiltinStep(string Style, bool Inverse) : LookStep
{
    public static OcioBuiltinStep Parse(string text)
    {
        bool inverse = text.StartsWith("inverse:", StringComparison.Ordinal);
        string style = inverse ? text["inverse:".Length..] : text;
        if (!Interop.Ocio.OcioLibrary.Builtins().Any(b => b.Style == style))
        {
            throw new InputException($"--ocio: '{style}' is not an OpenColorIO {Interop.Ocio.OcioLibrary.Version} builtin transform");
        }
        return new OcioBuiltinStep(style, inverse);
    }

    public override OpList ToOps() => new OpList().Add(Ops.Ocio.OcioOpData.Builtin(Style,
        Inverse ? Interop.Ocio.OcioDirection.Inverse : Interop.Ocio.OcioDirection.Forward));
}

/// <summary>A whole look: its steps in order.</summary>
public sealed class LookChain(IEnumerable<LookStep> steps)
{
    public IReadOnlyList<LookStep> Steps { get; } = steps.ToList();

    public OpList ToOps()
    {
        var ops = new OpList();
        foreach (var step in Steps)
        {
            ops.AddRange(step.ToOps().Ops);
        }
        return ops;
    }
}
