namespace LiveGrade.Color.Ops.Exponent;

/// <summary>
/// Applies an <see cref="ExponentOpData"/> in single precision with OpenColorIO 2.1's arithmetic
/// (GammaOpCPU.cpp, scalar renderers): MathF.Pow is the C library's powf, as OCIO's std::pow on floats.
/// Style and direction are resolved once here into per-channel constants and one code path.
/// NaN: the basic style maps it to 0 (max(0, NaN) is 0); the others propagate it.
/// </summary>
public sealed class ExponentCpuRenderer : IColorOpCpuRenderer
{
    private readonly ExponentStyle _style;
    private readonly bool _forward;
    // Per channel: power, and for the monitor curves scale, offset, break and slope.
    private readonly float[] _gamma = new float[3], _scale = new float[3], _offset = new float[3], _break = new float[3], _slope = new float[3];

    public ExponentCpuRenderer(ExponentOpData data)
    {
        _style = data.Style;
        _forward = data.Direction == TransformDirection.Forward;
        for (int c = 0; c < 3; c++)
        {
            if (_style is ExponentStyle.MonCurve or ExponentStyle.MonCurveMirror)
            {
                (_gamma[c], _scale[c], _offset[c], _break[c], _slope[c]) =
                    ExponentOpData.MonCurveParameters(data.Exponent[c], data.Offset[c], _forward);
            }
            else
            {
                // The reverse power is computed in double, then rounded once (as OCIO does).
                _gamma[c] = (float)(_forward ? data.Exponent[c] : 1.0 / data.Exponent[c]);
            }
        }
    }

    public void Apply(Span<float> rgba)
    {
        for (int i = 0; i + 3 < rgba.Length; i += 4)
        {
            for (int c = 0; c < 3; c++)
            {
                rgba[i + c] = Evaluate(rgba[i + c], c);
            }
        }
    }

    private float Evaluate(float v, int c)
    {
        switch (_style)
        {
            case ExponentStyle.Basic:
                return MathF.Pow(v > 0f ? v : 0f, _gamma[c]);
            case ExponentStyle.BasicMirror:
                return MathF.CopySign(1f, v) * MathF.Pow(MathF.Abs(v), _gamma[c]);
            case ExponentStyle.BasicPassThru:
                return v > 0f ? MathF.Pow(v, _gamma[c]) : v;
            case ExponentStyle.MonCurve:
                return MonCurve(v, c);
            default:
                return MathF.CopySign(1f, v) * MonCurve(MathF.Abs(v), c);
        }
    }

    private float MonCurve(float v, int c) => _forward
        ? (v <= _break[c] ? v * _slope[c] : MathF.Pow(v * _scale[c] + _offset[c], _gamma[c]))
        : (v <= _break[c] ? v * _slope[c] : MathF.Pow(v, _gamma[c]) * _scale[c] - _offset[c]);
}
