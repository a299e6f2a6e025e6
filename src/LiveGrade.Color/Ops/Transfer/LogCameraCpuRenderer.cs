namespace LiveGrade.Color.Ops.Transfer;

/// <summary>
/// Single-precision renderer for a <see cref="LogCameraCurve"/>: the log segment as one exp2/log2 with
/// constants folded once (code = log2(m x + b) * klog + kb; x = (exp2((code - kb) * kinv) - b) / m),
/// the linear segment as a multiply-add. Same algebra as OpenColorIO's LogOpCPU camera renderer.
/// NaN: the break comparison is false for NaN, so NaN takes the log branch and stays NaN.
/// </summary>
public sealed class LogCameraCpuRenderer : IColorOpCpuRenderer
{
    private readonly bool _encode;
    private readonly float _m, _b, _kLog, _kb, _kInv, _invM, _linBreak, _logBreak, _linearSlope, _linearOffset, _invLinearSlope;

    public LogCameraCpuRenderer(LogCameraCurve curve, bool encode)
    {
        _encode = encode;
        var p = curve.Parameters;
        double log2Base = System.Math.Log2(p.Base);
        _m = (float)p.LinSlope;
        _b = (float)p.LinOffset;
        _kLog = (float)(p.LogSlope / log2Base);
        _kb = (float)p.LogOffset;
        _kInv = (float)(log2Base / p.LogSlope);
        _invM = (float)(1 / p.LinSlope);
        _linBreak = (float)p.LinBreak;
        _logBreak = (float)curve.LogSideBreak;
        _linearSlope = (float)curve.LinearSlope;
        _linearOffset = (float)curve.LinearOffset;
        _invLinearSlope = (float)(1 / curve.LinearSlope);
    }

    // The direction is chosen once per call, not per pixel.
    public void Apply(Span<float> rgba)
    {
        if (_encode)
        {
            Encode(rgba);
        }
        else
        {
            Decode(rgba);
        }
    }

    private void Encode(Span<float> rgba)
    {
        for (int i = 0; i + 3 < rgba.Length; i += 4)
        {
            for (int c = i; c < i + 3; c++)
            {
                float v = rgba[c];
                rgba[c] = v < _linBreak ? _linearSlope * v + _linearOffset : MathF.Log2(_m * v + _b) * _kLog + _kb;
            }
        }
    }

    private void Decode(Span<float> rgba)
    {
        for (int i = 0; i + 3 < rgba.Length; i += 4)
        {
            for (int c = i; c < i + 3; c++)
            {
                float v = rgba[c];
                rgba[c] = v < _logBreak ? (v - _linearOffset) * _invLinearSlope : (float.Exp2((v - _kb) * _kInv) - _b) * _invM;
            }
        }
    }
}
