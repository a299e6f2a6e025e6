using LiveGrade.Color.Gpu;

namespace LiveGrade.Color.Ops.Exponent;

/// <summary>
/// GLSL for <see cref="ExponentOpData"/>, style for style as <see cref="ExponentCpuRenderer"/> (OpenColorIO
/// 2.1's GammaOpCPU): basic (negatives and NaN to 0), mirror, pass-through, and the monitor curves with their
/// linear segment below the break, per channel. Powers go through <see cref="GlslMath"/>'s lg_pow.
/// </summary>
public sealed class ExponentGpuEmitter(ExponentOpData data) : IColorOpGpuEmitter
{
    public void Emit(GlslBuilder b)
    {
        GlslMath.Use(b);
        b.Helper("lg_pow3", """
            vec3 lg_pow3(vec3 x, vec3 y) { return vec3(lg_pow(x.x, y.x), lg_pow(x.y, y.y), lg_pow(x.z, y.z)); }
            """);
        bool forward = data.Direction == TransformDirection.Forward;
        var g = new float[3];
        var scale = new float[3];
        var offset = new float[3];
        var brk = new float[3];
        var slope = new float[3];
        bool mon = data.Style is ExponentStyle.MonCurve or ExponentStyle.MonCurveMirror;
        for (int c = 0; c < 3; c++)
        {
            if (mon)
            {
                (g[c], scale[c], offset[c], brk[c], slope[c]) = ExponentOpData.MonCurveParameters(data.Exponent[c], data.Offset[c], forward);
            }
            else
            {
                g[c] = (float)(forward ? data.Exponent[c] : 1.0 / data.Exponent[c]);
            }
        }
        string gu = b.Uniform("g", "vec3", g);
        b.Line("{"); // a block of its own: two exponent ops in one look declare the same names
        switch (data.Style)
        {
            case ExponentStyle.Basic:
                b.Line($"c.rgb = lg_pow3(mix(vec3(0.0), c.rgb, greaterThan(c.rgb, vec3(0.0))), {gu});");
                break;
            case ExponentStyle.BasicMirror:
                b.Line($"c.rgb = mix(vec3(1.0), vec3(-1.0), lessThan(c.rgb, vec3(0.0))) * lg_pow3(abs(c.rgb), {gu});");
                break;
            case ExponentStyle.BasicPassThru:
                b.Line($"c.rgb = mix(c.rgb, lg_pow3(c.rgb, {gu}), greaterThan(c.rgb, vec3(0.0)));");
                break;
            default:
            {
                string su = b.Uniform("scale", "vec3", scale), ou = b.Uniform("offset", "vec3", offset);
                string bu = b.Uniform("brk", "vec3", brk), lu = b.Uniform("slope", "vec3", slope);
                bool mirror = data.Style == ExponentStyle.MonCurveMirror;
                b.Line(mirror ? "vec3 v = abs(c.rgb);" : "vec3 v = c.rgb;");
                b.Line(forward
                    ? $"vec3 curve = lg_pow3(v * {su} + {ou}, {gu});"
                    : $"vec3 curve = lg_pow3(v, {gu}) * {su} - {ou};");
                b.Line($"vec3 r = mix(curve, v * {lu}, lessThanEqual(v, {bu}));");
                b.Line(mirror ? "c.rgb = mix(vec3(1.0), vec3(-1.0), lessThan(c.rgb, vec3(0.0))) * r;" : "c.rgb = r;");
                break;
            }
        }
        b.Line("}");
    }
}
