using LiveGrade.Color.Gpu;

namespace LiveGrade.Color.Ops.Range;

/// <summary>
/// GLSL for a forward <see cref="RangeOpData"/>: the same scale, offset and bounds as
/// <see cref="RangeCpuRenderer"/>, each bound only where the range has it. NaN takes the lower bound (the
/// upper one when there is no lower), as on the CPU: comparisons with NaN are false.
/// </summary>
public sealed class RangeGpuEmitter(RangeOpData forward) : IColorOpGpuEmitter
{
    public void Emit(GlslBuilder b)
    {
        string k = b.Uniform("k", "vec4", (float)forward.Scale, (float)forward.Offset,
            (float)(forward.MinOut ?? 0), (float)(forward.MaxOut ?? 0));
        if (forward.MinIn.HasValue && forward.MaxIn.HasValue)
        {
            b.Line($"c.rgb = c.rgb * {k}.x + {k}.y;");
        }
        if (forward.MinOut.HasValue)
        {
            b.Line($"c.rgb = mix(vec3({k}.z), c.rgb, greaterThan(c.rgb, vec3({k}.z)));");
        }
        if (forward.MaxOut.HasValue)
        {
            b.Line($"c.rgb = mix(vec3({k}.w), c.rgb, lessThan(c.rgb, vec3({k}.w)));");
        }
    }
}
