using static System.Math;

namespace LiveGrade.Color.Ops.Transfer;

/// <summary>
/// A pure power law: code = linear^(1/gamma). Rec.1886 (gamma 2.4) and gamma 2.2/2.6 displays.
/// Negative values and NaN become 0 (as OpenColorIO's basic gamma style does), so the curve is not bijective.
/// </summary>
public sealed class GammaCurve(double gamma) : TransferCurve
{
    public static readonly GammaCurve Rec1886 = new(2.4);
    public static readonly GammaCurve Gamma22 = new(2.2);
    public static readonly GammaCurve Gamma26 = new(2.6);

    public double Gamma { get; } = gamma > 0 && double.IsFinite(gamma) ? gamma : throw new ArgumentOutOfRangeException(nameof(gamma));

    public override string Name => Gamma == 2.4 ? "Rec.1886 (gamma 2.4)" : $"gamma {Gamma:G4}";
    public override bool IsBijective => false;
    public override double Encode(double x) => x > 0 ? Pow(x, 1 / Gamma) : 0;
    public override double Decode(double y) => y > 0 ? Pow(y, Gamma) : 0;
    public override Gpu.IColorOpGpuEmitter CreateGpuEmitter(bool encode) => new GammaGpuEmitter(this, encode);
    public override bool Equals(object? obj) => obj is GammaCurve g && g.Gamma == Gamma;
    public override int GetHashCode() => Gamma.GetHashCode();
}

/// <summary>
/// The sRGB piecewise curve (IEC 61966-2-1): a linear segment of slope 12.92 below 0.0031308, then
/// 1.055 x^(1/2.4) - 0.055. The linear segment extends through negatives (as OCIO's moncurve does).
/// </summary>
public sealed class SrgbCurve : TransferCurve
{
    public static readonly SrgbCurve Instance = new();

    // Moncurve form (OCIO's MONCURVE, gamma 2.4, offset 0.055): the linear segment is the tangent of the
    // power segment through the origin, so the break is offset / (gamma - 1) on the code axis. This gives
    // the exact break (0.0392857 code, 0.0030399 linear) rather than the standard's rounded 0.04045/0.0031308.
    private const double Gamma = 2.4, Offset = 0.055;
    private const double CodeBreak = Offset / (Gamma - 1);
    private static readonly double LinearBreak = Pow((CodeBreak + Offset) / (1 + Offset), Gamma);
    private static readonly double Slope = LinearBreak / CodeBreak; // linear = code * Slope below the break

    public override string Name => "sRGB";
    public override Gpu.IColorOpGpuEmitter CreateGpuEmitter(bool encode) => new SrgbGpuEmitter(encode);
    public override double Encode(double x) =>
        x <= LinearBreak ? x / Slope : (1 + Offset) * Pow(x, 1 / Gamma) - Offset;

    public override double Decode(double y) => y <= CodeBreak ? y * Slope : Pow((y + Offset) / (1 + Offset), Gamma);
}

/// <summary>
/// SMPTE ST 2084 (PQ) with linear 1.0 = 100 cd/m² (OpenColorIO's "nits/100" convention), so 100.0 is
/// 10000 cd/m². Light below zero does not exist on a display: negative linear values encode as 0 cd/m²
/// (code c1^m2 = 7.3e-7, as in OCIO 2.1), and code values at or below 0 decode to 0.
/// </summary>
public sealed class PqCurve : TransferCurve
{
    public static readonly PqCurve Instance = new();

    private const double M1 = 2610.0 / 16384.0, M2 = 2523.0 / 4096.0 * 128.0;
    private const double C2 = 2413.0 / 4096.0 * 32.0, C3 = 2392.0 / 4096.0 * 32.0, C1 = C3 - C2 + 1;

    public override string Name => "ST 2084 PQ";
    public override bool IsBijective => false;

    public override Gpu.IColorOpGpuEmitter CreateGpuEmitter(bool encode) => new PqGpuEmitter(encode);

    public override double Encode(double x)
    {
        double p = Pow(double.IsNaN(x) ? 0 : Max(x, 0) / 100.0, M1);
        return Pow((C1 + C2 * p) / (1 + C3 * p), M2);
    }

    public override double Decode(double y)
    {
        if (!(y > 0))
        {
            return 0;
        }
        double n = Pow(y, 1 / M2);
        return Pow(Max(n - C1, 0) / (C2 - C3 * n), 1 / M1) * 100.0;
    }
}

/// <summary>
/// The HLG OETF (ITU-R BT.2100 table 5): normalised scene light E in [0, 1] to E' in [0, 1].
/// a = 0.17883277, b = 1 - 4a, c = 0.5 - a ln(4a). Negative light encodes as 0 and E' is capped at 1
/// (as OpenColorIO 2.1's HLG display does); decoding clamps E' to [0, 1] likewise.
/// </summary>
public sealed class HlgOetfCurve : TransferCurve
{
    public static readonly HlgOetfCurve Instance = new();

    private const double A = 0.17883277;
    private static readonly double B = 1 - 4 * A;
    private static readonly double C = 0.5 - A * Log(4 * A);

    public override string Name => "HLG OETF";
    public override bool IsBijective => false;

    public override Gpu.IColorOpGpuEmitter CreateGpuEmitter(bool encode) => new HlgOetfGpuEmitter(encode);

    public override double Encode(double x)
    {
        double e = double.IsNaN(x) ? 0 : Max(x, 0);
        return e <= 1.0 / 12.0 ? Sqrt(3 * e) : Min(1, A * Log(12 * e - B) + C);
    }

    public override double Decode(double y)
    {
        double v = double.IsNaN(y) ? 0 : Clamp(y, 0, 1);
        return v <= 0.5 ? v * v / 3 : (Exp((v - C) / A) + B) / 12;
    }
}
