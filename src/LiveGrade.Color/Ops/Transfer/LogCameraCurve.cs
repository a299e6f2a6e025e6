using static System.Math;

namespace LiveGrade.Color.Ops.Transfer;

/// <summary>
/// A camera log curve in the parametrisation shared by SMPTE ST 2065-style IDTs and OpenColorIO's
/// LogCameraTransform: above the linear-side break
///   code = logSideSlope * log_base(linSideSlope * x + linSideOffset) + logSideOffset,
/// below it a straight line whose slope (when not given) and offset make the curve continuous and
/// smooth at the break. Most camera curves are exactly this shape with the owner's constants; expressing
/// them this way keeps one implementation, and the same break and segment as OCIO's builtins.
/// </summary>
public sealed class LogCameraCurve : TransferCurve
{
    private readonly double _base, _logSlope, _logOffset, _linSlope, _linOffset, _linBreak;

    public LogCameraCurve(string name, double logBase, double logSideSlope, double logSideOffset, double linSideSlope,
        double linSideOffset, double linSideBreak, double? linearSlope = null)
    {
        Name = name;
        _base = logBase;
        _logSlope = logSideSlope;
        _logOffset = logSideOffset;
        _linSlope = linSideSlope;
        _linOffset = linSideOffset;
        _linBreak = linSideBreak;
        double atBreak = linSideSlope * linSideBreak + linSideOffset;
        // Derivative of the log segment at the break, unless the owner publishes the slope.
        LinearSlope = linearSlope ?? logSideSlope * linSideSlope / (atBreak * Log(logBase));
        LogSideBreak = logSideSlope * Log(atBreak) / Log(logBase) + logSideOffset;
        LinearOffset = LogSideBreak - LinearSlope * linSideBreak;
    }

    public override string Name { get; }

    /// <summary>Slope of the linear segment below the break (code per linear unit).</summary>
    public double LinearSlope { get; }

    /// <summary>Code value at the break.</summary>
    public double LogSideBreak { get; }

    /// <summary>Code value of linear 0 on the linear segment.</summary>
    public double LinearOffset { get; }

    public override IColorOpCpuRenderer CreateCpuRenderer(bool encode) => new LogCameraCpuRenderer(this, encode);

    public override Gpu.IColorOpGpuEmitter CreateGpuEmitter(bool encode) => new LogCameraGpuEmitter(this, encode);

    internal (double Base, double LogSlope, double LogOffset, double LinSlope, double LinOffset, double LinBreak) Parameters =>
        (_base, _logSlope, _logOffset, _linSlope, _linOffset, _linBreak);

    public override double Encode(double x) => x < _linBreak
        ? LinearSlope * x + LinearOffset
        : _logSlope * Log(_linSlope * x + _linOffset) / Log(_base) + _logOffset;

    public override double Decode(double y) => y < LogSideBreak
        ? (y - LinearOffset) / LinearSlope
        : (Pow(_base, (y - _logOffset) / _logSlope) - _linOffset) / _linSlope;

    /// <summary>
    /// ARRI LogC3 at EI 800. Source: ARRI, "ALEXA Log C Curve – Usage in VFX" (2011), EI 800 row, with the
    /// break placed where the curve reaches code 1/9 (as ARRI's formula and OCIO's builtin do).
    /// </summary>
    public static readonly LogCameraCurve LogC3Ei800 = CreateLogC3();

    private static LogCameraCurve CreateLogC3()
    {
        const double linSideSlope = 1 / (0.18 * 0.005 * (800.0 / 400.0) / 0.01); // 5.5555…
        const double linSideOffset = 0.0522722750;
        return new LogCameraCurve("ARRI LogC3 (EI800)", 10, 0.2471896383, 0.3855369987, linSideSlope, linSideOffset,
            (1.0 / 9.0 - linSideOffset) / linSideSlope);
    }

    /// <summary>
    /// Sony S-Log3. Source: Sony, "Technical Summary for S-Gamut3.Cine/S-Log3 and S-Gamut3/S-Log3" (2014):
    /// code = (420 + 261.5 log10((x + 0.01) / 0.19)) / 1023 above 0.01125, and the published straight line
    /// from 95/1023 at 0 to 171.2102946929/1023 at the break.
    /// </summary>
    public static readonly LogCameraCurve SLog3 = new("Sony S-Log3", 10, 261.5 / 1023, 420.0 / 1023, 1 / 0.19, 0.01 / 0.19,
        0.01125, (171.2102946929 - 95) / 0.01125 / 1023);

    /// <summary>
    /// RED Log3G10 (IPP2, with the 0.01 linear offset). Source: RED, "White Paper on REDWideGamutRGB and
    /// Log3G10" (2017): a = 0.224282, b = 155.975327, c = 0.01; the linear segment below -0.01 (g = 15.1927
    /// in the paper) is the tangent at the break.
    /// </summary>
    public static readonly LogCameraCurve Log3G10 = new("RED Log3G10", 10, 0.224282, 0, 155.975327, 0.01 * 155.975327 + 1, -0.01);

    /// <summary>
    /// Panasonic V-Log. Source: Panasonic, "V-Log/V-Gamut Reference Manual" (2014): c = 0.241514,
    /// d = 0.598206, b = 0.00873, cut1 = 0.01; the linear segment (5.6 x + 0.125 in the manual) is the
    /// tangent at the break, which agrees with it to 1e-5.
    /// </summary>
    public static readonly LogCameraCurve VLog = new("Panasonic V-Log", 10, 0.241514, 0.598206, 1, 0.00873, 0.01);

    /// <summary>
    /// ACEScct. Source: Academy S-2016-001: (log2(x) + 9.72) / 17.52 above 0.0078125, with the linear toe
    /// tangent at the break. Unlike the CTL reference the decode does not clamp at HALF_MAX: OpenColorIO
    /// 2.1 does not either, and a grading space must not flatten highlights it is handed.
    /// </summary>
    public static readonly LogCameraCurve AcesCct = new("ACEScct", 2, 1 / 17.52, 9.72 / 17.52, 1, 0, 0.0078125);
}
