namespace LiveGrade.Color.Ops.Logarithm;

/// <summary>The CLF v3 Log styles. Forward and reverse are separate styles in CLF; each pair is one curve here.</summary>
public enum LogStyle
{
    /// <summary>Pure logarithm: log10/log2 forward, antiLog10/antiLog2 reversed (params identity).</summary>
    Log,

    /// <summary>linToLog / logToLin: out = logSideSlope log_base(linSideSlope in + linSideOffset) + logSideOffset.</summary>
    Affine,

    /// <summary>cameraLinToLog / cameraLogToLin: the affine log above linSideBreak, a straight line below it.</summary>
    Camera,
}

/// <summary>Parameters of one channel of a <see cref="LogOpData"/> (CLF LogParams, OCIO LogOpData::Params).</summary>
public readonly record struct LogParams(double LogSideSlope = 1, double LogSideOffset = 0, double LinSideSlope = 1,
    double LinSideOffset = 0, double? LinSideBreak = null, double? LinearSlope = null)
{
    public static LogParams Identity => new(1, 0, 1, 0);
}

/// <summary>
/// A logarithmic curve per channel (CLF v3 Log, OpenColorIO's LogOpData), forward being lin to log:
///   out = logSideSlope * log(max(linSideSlope * in + linSideOffset, FLT_MIN)) / log(base) + logSideOffset,
/// and for the camera style, below linSideBreak, out = linearSlope * in + linearOffset, where linearSlope
/// (unless given) is the log segment's derivative at the break and linearOffset makes the two meet there.
/// The reverse is the exact algebraic inverse. One base for the three channels (as OCIO requires).
/// Single-precision renderer constants follow OpenColorIO 2.1's LogOpCPU and LogUtils so the two agree to
/// float rounding; the max with FLT_MIN keeps log of zero or negatives finite (a very negative code value).
/// </summary>
public sealed class LogOpData : ColorOpData
{
    public LogOpData(LogStyle style, double logBase, LogParams red, LogParams green, LogParams blue,
        TransformDirection direction = TransformDirection.Forward)
    {
        if (!double.IsFinite(logBase) || logBase <= 0 || logBase == 1)
        {
            throw new ArgumentException($"a log base must be a positive number other than 1, got {logBase}");
        }
        foreach (var p in new[] { red, green, blue })
        {
            Check(p, style);
        }
        if (style == LogStyle.Log && !(red == LogParams.Identity && green == red && blue == red))
        {
            throw new ArgumentException("the pure log styles take no parameters");
        }
        (Style, Base, Red, Green, Blue, Direction) = (style, logBase, red, green, blue, direction);
    }

    /// <summary>A pure log10/log2 (forward) or its anti-log (inverse).</summary>
    public static LogOpData Pure(double logBase, TransformDirection direction = TransformDirection.Forward) =>
        new(LogStyle.Log, logBase, LogParams.Identity, LogParams.Identity, LogParams.Identity, direction);

    public LogStyle Style { get; }
    public double Base { get; }
    public LogParams Red { get; }
    public LogParams Green { get; }
    public LogParams Blue { get; }
    public TransformDirection Direction { get; }

    public LogParams Channel(int c) => c switch
    {
        0 => Red,
        1 => Green,
        2 => Blue,
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    public bool SameForAllChannels => Red == Green && Green == Blue;

    public override bool IsIdentity => false;

    public override ColorOpData Inverse() => new LogOpData(Style, Base, Red, Green, Blue,
        Direction == TransformDirection.Forward ? TransformDirection.Inverse : TransformDirection.Forward);

    // Lin to log then log to lin cancels only where nothing clamps: the camera style is a bijection over
    // all floats; the affine and pure logs floor their argument at FLT_MIN, so a pair does not cancel.
    public override bool IsInverseOf(ColorOpData previous) =>
        Style == LogStyle.Camera && Direction == TransformDirection.Inverse && previous is LogOpData p
        && p.Direction == TransformDirection.Forward && p.Style == Style && p.Base == Base
        && p.Red == Red && p.Green == Green && p.Blue == Blue;

    public override IColorOpCpuRenderer CreateCpuRenderer() => new LogCpuRenderer(this);

    public override Gpu.IColorOpGpuEmitter CreateGpuEmitter() => new LogGpuEmitter(this);

    public override string ToString() => $"Log {Style} base {Base:G6} {Direction}" +
        (Style == LogStyle.Log ? "" : SameForAllChannels ? $" {Red}" : $" R {Red} G {Green} B {Blue}");

    private static void Check(LogParams p, LogStyle style)
    {
        foreach (var v in new[] { p.LogSideSlope, p.LogSideOffset, p.LinSideSlope, p.LinSideOffset, p.LinSideBreak ?? 0, p.LinearSlope ?? 1 })
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException("Log parameters must be finite numbers");
            }
        }
        if (p.LogSideSlope == 0 || p.LinSideSlope == 0)
        {
            throw new ArgumentException("Log logSideSlope and linSideSlope must not be 0");
        }
        if (style == LogStyle.Camera)
        {
            if (p.LinSideBreak is null)
            {
                throw new ArgumentException("the camera Log styles need linSideBreak");
            }
            if (!(p.LinSideSlope * p.LinSideBreak.Value + p.LinSideOffset > 0))
            {
                throw new ArgumentException("the camera Log break must lie where the log is defined (linSideSlope * linSideBreak + linSideOffset > 0)");
            }
            if (p.LinearSlope is 0)
            {
                throw new ArgumentException("Log linearSlope must not be 0");
            }
        }
        else if (p.LinSideBreak is not null || p.LinearSlope is not null)
        {
            throw new ArgumentException("linSideBreak and linearSlope belong to the camera Log styles only");
        }
    }
}
