using LiveGrade.Color.Gpu;

namespace LiveGrade.Color.Ops.Cdl;

/// <summary>
/// GLSL for <see cref="CdlOpData"/>, the same order, clamps, reciprocal floor and NaN rule as
/// <see cref="CdlCpuRenderer"/>. Slope, offset, power and saturation are uniforms, so grading a CDL live
/// never recompiles; the style and direction choose the code path and are part of the shader text.
/// </summary>
public sealed class CdlGpuEmitter(CdlOpData data) : IColorOpGpuEmitter
{
    public void Emit(GlslBuilder b)
    {
        bool forward = data.Direction == TransformDirection.Forward;
        bool clamp = data.Style == CdlStyle.AscV12;
        float Rcp(double v) => 1f / MathF.Max((float)v, 1e-2f);
        string slope = forward
            ? b.Uniform("slope", "vec3", (float)data.Slope[0], (float)data.Slope[1], (float)data.Slope[2])
            : b.Uniform("slope", "vec3", Rcp(data.Slope[0]), Rcp(data.Slope[1]), Rcp(data.Slope[2]));
        string offset = b.Uniform("offset", "vec3", (float)data.Offset[0], (float)data.Offset[1], (float)data.Offset[2]);
        string power = forward
            ? b.Uniform("power", "vec3", (float)data.Power[0], (float)data.Power[1], (float)data.Power[2])
            : b.Uniform("power", "vec3", Rcp(data.Power[0]), Rcp(data.Power[1]), Rcp(data.Power[2]));
        string sat = b.Uniform("sat", "float", forward ? (float)data.Saturation : Rcp(data.Saturation));
        GlslMath.Use(b);
        b.Helper("lg_cdl_pow", """
            vec3 lg_cdl_pow(vec3 v, vec3 p)
            {
                // Values at or below zero pass through; NaN becomes 0 (CdlCpuRenderer's rule).
                vec3 r = mix(v, lg_pow(max(v, vec3(1e-30)), p), greaterThan(v, vec3(0.0)));
                return mix(r, vec3(0.0), isnan(v));
            }
            vec3 lg_cdl_sat(vec3 v, float s)
            {
                float luma = dot(v, vec3(0.2126, 0.7152, 0.0722));
                return luma + s * (v - luma);
            }
            vec3 lg_clamp01(vec3 v)
            {
                // NaN lands on 0 like the CPU clamp: comparisons with NaN are false.
                return mix(vec3(0.0), min(v, vec3(1.0)), greaterThan(v, vec3(0.0)));
            }
            """);
        if (forward)
        {
            b.Line($"c.rgb = c.rgb * {slope} + {offset};");
            if (clamp)
            {
                b.Line("c.rgb = lg_clamp01(c.rgb);");
            }
            b.Line($"c.rgb = lg_cdl_sat(lg_cdl_pow(c.rgb, {power}), {sat});");
            if (clamp)
            {
                b.Line("c.rgb = lg_clamp01(c.rgb);");
            }
        }
        else
        {
            if (clamp)
            {
                b.Line("c.rgb = lg_clamp01(c.rgb);");
            }
            b.Line($"c.rgb = lg_cdl_sat(c.rgb, {sat});");
            if (clamp)
            {
                b.Line("c.rgb = lg_clamp01(c.rgb);");
            }
            b.Line($"c.rgb = (lg_cdl_pow(c.rgb, {power}) - {offset}) * {slope};");
            if (clamp)
            {
                b.Line("c.rgb = lg_clamp01(c.rgb);");
            }
        }
    }
}
