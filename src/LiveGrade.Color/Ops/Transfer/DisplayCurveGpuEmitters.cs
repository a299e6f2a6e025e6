using LiveGrade.Color.Gpu;

namespace LiveGrade.Color.Ops.Transfer;

/// <summary>
/// GLSL for the display curves, each the same formula and the same edge rules (negatives, NaN) as the
/// curve's <see cref="TransferCurve.Encode"/>/<see cref="TransferCurve.Decode"/>. Constants are uniforms
/// so that the text depends only on which curve it is.
/// PQ has no emitter on purpose: GLSL's pow is exp2(y log2 x) with log2 allowed 2^-21 absolute error,
/// and PQ's exponent of 78.84 turns that into 1e-4 relative error. It needs a LUT texture path (as
/// OpenColorIO's GPU renderer does for PQ), which is not built yet.
/// </summary>
public sealed class GammaGpuEmitter(GammaCurve curve, bool encode) : IColorOpGpuEmitter
{
    public void Emit(GlslBuilder b)
    {
        string p = b.Uniform("p", "float", (float)(encode ? 1 / curve.Gamma : curve.Gamma));
        GlslMath.Use(b);
        // Negatives and NaN become 0 (max() with NaN is implementation-defined, so select explicitly).
        b.Line($"c.rgb = mix(vec3(0.0), lg_pow(max(c.rgb, vec3(1e-30)), vec3({p})), greaterThan(c.rgb, vec3(0.0)));");
    }
}

public sealed class SrgbGpuEmitter(bool encode) : IColorOpGpuEmitter
{
    public void Emit(GlslBuilder b)
    {
        const double g = 2.4, o = 0.055;
        double codeBreak = o / (g - 1);
        double linBreak = System.Math.Pow((codeBreak + o) / (1 + o), g);
        double slope = linBreak / codeBreak;
        GlslMath.Use(b);
        if (encode)
        {
            string k = b.Uniform("k", "vec3", (float)linBreak, (float)(1 / slope), (float)(1 / g));
            b.Line($"c.rgb = mix(1.055 * lg_pow(max(c.rgb, vec3(1e-30)), vec3({k}.z)) - 0.055, c.rgb * {k}.y, lessThanEqual(c.rgb, vec3({k}.x)));");
        }
        else
        {
            string k = b.Uniform("k", "vec2", (float)codeBreak, (float)slope);
            b.Line($"c.rgb = mix(lg_pow((max(c.rgb, vec3(0.0)) + 0.055) / 1.055, vec3(2.4)), c.rgb * {k}.y, lessThanEqual(c.rgb, vec3({k}.x)));");
        }
    }
}
