using static System.Math;

namespace LiveGrade.Color.Ops.Transfer;

/// <summary>
/// ARRI LogC4. Source: ARRI, "ARRI LogC4 Logarithmic Color Space SPECIFICATION" (2022), section 4:
/// a = (2^18 - 16) / 117.45, b = (1023 - 95) / 1023, c = 95 / 1023,
/// s = 7 ln2 2^(7 - 14 c / b) / (a b), t = (2^(14 (-c / b) + 6) - 64) / a.
/// </summary>
public sealed class LogC4Curve : TransferCurve
{
    public static readonly LogC4Curve Instance = new();

    public static readonly double A = (Pow(2, 18) - 16) / 117.45;
    public static readonly double B = (1023.0 - 95.0) / 1023.0;
    public static readonly double C = 95.0 / 1023.0;
    public static readonly double S = 7 * Log(2) * Pow(2, 7 - 14 * C / B) / (A * B);
    public static readonly double T = (Pow(2, 14 * (-C / B) + 6) - 64) / A;

    public override Gpu.IColorOpGpuEmitter CreateGpuEmitter(bool encode) => new LogC4GpuEmitter(encode);

    public override string Name => "ARRI LogC4";
    public override double Encode(double x) => x >= T ? (Log2(A * x + 64) - 6) / 14 * B + C : (x - T) / S;
    public override double Decode(double e) => e >= 0 ? (Pow(2, 14 * (e - C) / B + 6) - 64) / A : e * S + T;
}

/// <summary>
/// Canon Log 2. Source: Canon, "Canon Log Gamma Curves: Description of the Canon Log, Canon Log 2 and
/// Canon Log 3 Gamma Curves" (2018), and the ACES IDTs (which scale linear by 0.9 for 18% grey).
/// Linear here is the IDT's: Canon's linear output multiplied by 0.9.
/// </summary>
public sealed class CanonLog2Curve : TransferCurve
{
    public static readonly CanonLog2Curve Instance = new();

    private const double Scale = 0.9;

    public override Gpu.IColorOpGpuEmitter CreateGpuEmitter(bool encode) => new CanonLog2GpuEmitter(encode);

    public override string Name => "Canon Log 2";

    public override double Encode(double x)
    {
        double l = x / Scale;
        return l < 0
            ? -(0.24136077 * Log10(-l * 87.09937546 + 1)) + 0.092864125
            : 0.24136077 * Log10(l * 87.09937546 + 1) + 0.092864125;
    }

    public override double Decode(double y) => Scale * (y < 0.092864125
        ? -(Pow(10, (0.092864125 - y) / 0.24136077) - 1) / 87.09937546
        : (Pow(10, (y - 0.092864125) / 0.24136077) - 1) / 87.09937546);
}

/// <summary>
/// Canon Log 3. Source: Canon, "Canon Log Gamma Curves" (2018), and the ACES IDTs (linear scaled by 0.9).
/// </summary>
public sealed class CanonLog3Curve : TransferCurve
{
    public static readonly CanonLog3Curve Instance = new();

    private const double Scale = 0.9;

    public override Gpu.IColorOpGpuEmitter CreateGpuEmitter(bool encode) => new CanonLog3GpuEmitter(encode);

    public override string Name => "Canon Log 3";

    public override double Encode(double x)
    {
        double l = x / Scale;
        if (l < -0.014)
        {
            return -0.36726845 * Log10(-l * 14.98325 + 1) + 0.12783901;
        }
        if (l <= 0.014)
        {
            return 1.9754798 * l + 0.12512219;
        }
        return 0.36726845 * Log10(l * 14.98325 + 1) + 0.12240537;
    }

    public override double Decode(double y)
    {
        double l;
        if (y < 0.097465473)
        {
            l = -(Pow(10, (0.12783901 - y) / 0.36726845) - 1) / 14.98325;
        }
        else if (y <= 0.15277891)
        {
            l = (y - 0.12512219) / 1.9754798;
        }
        else
        {
            l = (Pow(10, (y - 0.12240537) / 0.36726845) - 1) / 14.98325;
        }
        return Scale * l;
    }
}

/// <summary>
/// ACEScc. Source: Academy S-2014-003, including its handling of values at and below zero. As with
/// ACEScct, the decode does not clamp at HALF_MAX (OpenColorIO 2.1 does not either).
/// </summary>
public sealed class AcesCcCurve : TransferCurve
{
    public static readonly AcesCcCurve Instance = new();

    public override Gpu.IColorOpGpuEmitter CreateGpuEmitter(bool encode) => new AcesCcGpuEmitter(encode);

    public override string Name => "ACEScc";
    public override bool IsBijective => false;

    public override double Encode(double x)
    {
        if (x <= 0)
        {
            return (Log2(Pow(2, -16)) + 9.72) / 17.52;
        }
        return x < Pow(2, -15) ? (Log2(Pow(2, -16) + x * 0.5) + 9.72) / 17.52 : (Log2(x) + 9.72) / 17.52;
    }

    public override double Decode(double y)
    {
        if (y < (9.72 - 15) / 17.52)
        {
            return (Pow(2, y * 17.52 - 9.72) - Pow(2, -16)) * 2.0;
        }
        return Pow(2, y * 17.52 - 9.72);
    }
}
