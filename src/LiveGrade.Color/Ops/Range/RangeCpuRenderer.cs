namespace LiveGrade.Color.Ops.Range;

/// <summary>
/// Applies a forward <see cref="RangeOpData"/> in single precision, with OpenColorIO 2.1's four code paths
/// (RangeOpCPU.cpp), chosen once here: scale and clamp both ends, clamp both ends, lower clamp only, upper
/// clamp only. out = min(max(lower, in * scale + offset), upper); a NaN fails every comparison and lands on
/// the lower bound (or on the upper bound when there is no lower one).
/// </summary>
public sealed class RangeCpuRenderer : IColorOpCpuRenderer
{
    private enum Kind { ScaleMinMax, MinMax, Min, Max }

    private readonly Kind _kind;
    private readonly float _scale, _offset, _lower, _upper;

    public RangeCpuRenderer(RangeOpData forward)
    {
        if (forward.Direction != TransformDirection.Forward)
        {
            throw new ArgumentException("the renderer takes the forward form of the range", nameof(forward));
        }
        _scale = (float)forward.Scale;
        _offset = (float)forward.Offset;
        _lower = (float)(forward.MinOut ?? double.NegativeInfinity);
        _upper = (float)(forward.MaxOut ?? double.PositiveInfinity);
        bool scales = System.Math.Abs(forward.Offset) > 1e-6 || RangeOpData.Differ(forward.Scale, 1.0);
        _kind = !forward.MinIn.HasValue ? Kind.Max
            : !forward.MaxIn.HasValue ? Kind.Min
            : scales ? Kind.ScaleMinMax : Kind.MinMax;
    }

    /// <summary>Lower bound, upper bound (infinite when absent), scale and offset as applied.</summary>
    internal (float Lower, float Upper, float Scale, float Offset, bool Scales) Parameters =>
        (_kind == Kind.Max ? float.NaN : _lower, _kind == Kind.Min ? float.NaN : _upper, _scale, _offset, _kind == Kind.ScaleMinMax);

    public void Apply(Span<float> rgba)
    {
        switch (_kind)
        {
            case Kind.ScaleMinMax:
                for (int i = 0; i + 3 < rgba.Length; i += 4)
                {
                    rgba[i] = Clamp(rgba[i] * _scale + _offset);
                    rgba[i + 1] = Clamp(rgba[i + 1] * _scale + _offset);
                    rgba[i + 2] = Clamp(rgba[i + 2] * _scale + _offset);
                }
                break;
            case Kind.MinMax:
                for (int i = 0; i + 3 < rgba.Length; i += 4)
                {
                    rgba[i] = Clamp(rgba[i]);
                    rgba[i + 1] = Clamp(rgba[i + 1]);
                    rgba[i + 2] = Clamp(rgba[i + 2]);
                }
                break;
            case Kind.Min:
                for (int i = 0; i + 3 < rgba.Length; i += 4)
                {
                    rgba[i] = Lower(rgba[i]);
                    rgba[i + 1] = Lower(rgba[i + 1]);
                    rgba[i + 2] = Lower(rgba[i + 2]);
                }
                break;
            default:
                for (int i = 0; i + 3 < rgba.Length; i += 4)
                {
                    rgba[i] = Upper(rgba[i]);
                    rgba[i + 1] = Upper(rgba[i + 1]);
                    rgba[i + 2] = Upper(rgba[i + 2]);
                }
                break;
        }
    }

    // std::min(std::max(lower, v), upper): NaN takes the lower bound.
    private float Clamp(float v)
    {
        float t = _lower < v ? v : _lower;
        return t < _upper ? t : _upper;
    }

    private float Lower(float v) => _lower < v ? v : _lower;

    // std::min(upper, v) returns upper unless v < upper: NaN takes the upper bound.
    private float Upper(float v) => v < _upper ? v : _upper;
}
