namespace LiveGrade.Color.Ops.Logarithm;

/// <summary>
/// Applies a <see cref="LogOpData"/> in single precision with the constants and order of OpenColorIO 2.1's
/// scalar LogOpCPU renderers (Lin2Log, Log2Lin, CameraLin2Log, CameraLog2Lin; the pure log10/log2 are the
/// affine form with identity parameters, which gives the same floats):
///   lin to log:  log2(max(in * m + b, FLT_MIN)) * klog + kb,          klog = (float)(logSlope / log2(base));
///   log to lin:  (exp2((in - kb) * kinv) - b) * (1 / m),               kinv = log2f(base) / (float)logSlope;
///   camera:      the straight segment below the break (linear side forward, log side reversed).
/// NaN fails the break comparison and takes the log branch. Lin to log then floors it: OCIO's
/// std::max(FLT_MIN, NaN) is FLT_MIN, so NaN encodes as the code value of FLT_MIN (a large negative
/// number); log to lin propagates NaN.
/// </summary>
public sealed class LogCpuRenderer : IColorOpCpuRenderer
{
    /// <summary>FLT_MIN, the smallest normal float: OCIO's floor for the log's argument.</summary>
    internal const float FltMin = 1.17549435e-38f;

    private readonly bool _forward, _camera;
    private readonly Constants[] _k = new Constants[3];

    /// <summary>Per-channel constants in the renderer's own form (also read by the fused kernel).</summary>
    internal readonly record struct Constants(float M, float B, float KLog, float Kb, float KInv, float InvM,
        float LinBreak, float LogBreak, float LinearSlope, float LinearOffset, float InvLinearSlope);

    public LogCpuRenderer(LogOpData data)
    {
        _forward = data.Direction == TransformDirection.Forward;
        _camera = data.Style == LogStyle.Camera;
        for (int c = 0; c < 3; c++)
        {
            _k[c] = ConstantsFor(data.Channel(c), data.Base, _camera);
        }
    }

    internal bool Forward => _forward;
    internal bool Camera => _camera;
    internal Constants Channel(int c) => _k[c];

    internal static Constants ConstantsFor(LogParams p, double logBase, bool camera)
    {
        float log2BaseF = MathF.Log2((float)logBase);
        float m = (float)p.LinSideSlope, b = (float)p.LinSideOffset;
        float klog = (float)(p.LogSideSlope / System.Math.Log2(logBase));
        float kb = (float)p.LogSideOffset;
        float kinv = log2BaseF / (float)p.LogSideSlope;
        float invM = 1.0f / (float)p.LinSideSlope;
        if (!camera)
        {
            return new Constants(m, b, klog, kb, kinv, invM, float.NegativeInfinity, float.NegativeInfinity, 0, 0, 0);
        }
        double linBreak = p.LinSideBreak!.Value;
        // LogUtil::GetLinearSlope, GetLogSideBreak, GetLinearOffset.
        float linearSlope = p.LinearSlope is { } given
            ? (float)given
            : (float)(p.LogSideSlope * p.LinSideSlope / ((p.LinSideSlope * linBreak + p.LinSideOffset) * System.Math.Log(logBase)));
        float logBreak = MathF.Log2((float)(p.LinSideSlope * linBreak + p.LinSideOffset));
        logBreak *= (float)p.LogSideSlope / log2BaseF;
        logBreak += (float)p.LogSideOffset;
        float linearOffset = logBreak - linearSlope * (float)linBreak;
        // Camera log to lin uses log2(base) as a float for kinv, like the affine form.
        return new Constants(m, b, (float)(p.LogSideSlope / log2BaseF), kb, kinv, invM, (float)linBreak, logBreak,
            linearSlope, linearOffset, 1.0f / linearSlope);
    }

    public void Apply(Span<float> rgba)
    {
        for (int i = 0; i + 3 < rgba.Length; i += 4)
        {
            for (int c = 0; c < 3; c++)
            {
                rgba[i + c] = Evaluate(rgba[i + c], in _k[c]);
            }
        }
    }

    private float Evaluate(float v, in Constants k)
    {
        if (_forward)
        {
            if (_camera && v < k.LinBreak)
            {
                return k.LinearSlope * v + k.LinearOffset;
            }
            float t = v * k.M + k.B;
            return MathF.Log2(FltMin < t ? t : FltMin) * k.KLog + k.Kb;
        }
        if (_camera && v < k.LogBreak)
        {
            return k.InvLinearSlope * (v - k.LinearOffset);
        }
        return (float.Exp2((v - k.Kb) * k.KInv) - k.B) * k.InvM;
    }
}
