using LiveGrade.Color.Gpu;

namespace LiveGrade.Color.Ops.Transfer;

/// <summary>
/// GLSL for the camera curves that are not of the generic <see cref="LogCameraCurve"/> form: ARRI LogC4,
/// Canon Log 2 and 3, and ACEScc. Each writes its curve's own pieces with the same breakpoints as the CPU
/// (see <see cref="LogC4Curve"/> and its neighbours for the sources); logarithms and powers go through <see cref="GlslMath"/>
/// (1-3 ulp) rather than GLSL's log2/pow. GLSL's mix(a, b, bvec) selects per channel, so the branch a
/// channel does not take may compute a NaN without harm. Constants are uniforms, as the other emitters'.
/// </summary>
public sealed class LogC4GpuEmitter(bool encode) : IColorOpGpuEmitter
{
    public void Emit(GlslBuilder b)
    {
        GlslMath.Use(b);
        double a = LogC4Curve.A, bb = LogC4Curve.B, c = LogC4Curve.C, s = LogC4Curve.S, t = LogC4Curve.T;
        if (encode)
        {
            // x >= t: (log2(a x + 64) - 6) / 14 b + c; else (x - t) / s
            string k = b.Uniform("k", "vec4", (float)a, (float)(bb / 14), (float)(c - 6 * bb / 14), (float)t);
            string l = b.Uniform("l", "float", (float)(1 / s));
            b.Line($"c.rgb = mix(lg_log2({k}.x * c.rgb + 64.0) * {k}.y + {k}.z, (c.rgb - {k}.w) * {l}, lessThan(c.rgb, vec3({k}.w)));");
        }
        else
        {
            // e >= 0: (2^(14 (e - c) / b + 6) - 64) / a; else e s + t
            string k = b.Uniform("k", "vec4", (float)(14 / bb), (float)(6 - 14 * c / bb), (float)(1 / a), (float)s);
            string l = b.Uniform("l", "float", (float)t);
            b.Line($"c.rgb = mix((lg_exp2(c.rgb * {k}.x + {k}.y) - 64.0) * {k}.z, c.rgb * {k}.w + {l}, lessThan(c.rgb, vec3(0.0)));");
        }
    }
}

/// <summary>GLSL for Canon Log 2 (linear scaled by 0.9, as the ACES IDTs): a log10 curve, odd around its offset.</summary>
public sealed class CanonLog2GpuEmitter(bool encode) : IColorOpGpuEmitter
{
    private const double Scale = 0.9, Gain = 0.24136077, K = 87.09937546, Offset = 0.092864125;

    public void Emit(GlslBuilder b)
    {
        GlslMath.Use(b);
        double log10Of2 = System.Math.Log10(2), log2Of10 = System.Math.Log2(10);
        if (encode)
        {
            // sign(l) * gain * log10(|l| k + 1) + offset, l = x / 0.9
            string k = b.Uniform("k", "vec4", (float)(K / Scale), (float)(Gain * log10Of2), (float)Offset, 0f);
            b.Line($"c.rgb = sign(c.rgb) * lg_log2(abs(c.rgb) * {k}.x + 1.0) * {k}.y + {k}.z;");
        }
        else
        {
            // sign(y - offset) * (10^(|y - offset| / gain) - 1) / k * 0.9
            string k = b.Uniform("k", "vec4", (float)Offset, (float)(log2Of10 / Gain), (float)(Scale / K), 0f);
            b.Line($"c.rgb = sign(c.rgb - {k}.x) * (lg_exp2(abs(c.rgb - {k}.x) * {k}.y) - 1.0) * {k}.z;");
        }
    }
}

/// <summary>GLSL for Canon Log 3 (linear scaled by 0.9): log10 above and below a linear segment around 0.</summary>
public sealed class CanonLog3GpuEmitter(bool encode) : IColorOpGpuEmitter
{
    private const double Scale = 0.9, Gain = 0.36726845, K = 14.98325;

    public void Emit(GlslBuilder b)
    {
        GlslMath.Use(b);
        double log10Of2 = System.Math.Log10(2), log2Of10 = System.Math.Log2(10);
        if (encode)
        {
            // l = x / 0.9: l < -0.014: -gain log10(-l k + 1) + 0.12783901; l <= 0.014: 1.9754798 l + 0.12512219;
            // else gain log10(l k + 1) + 0.12240537
            string k = b.Uniform("k", "vec4", (float)(1 / Scale), (float)K, (float)(Gain * log10Of2), 0.014f);
            b.Line("{"); // a block of its own: two ops of this kind in one look declare the same names
            b.Line($"vec3 l3 = c.rgb * {k}.x;");
            b.Line($"vec3 up3 = lg_log2(abs(l3) * {k}.y + 1.0) * {k}.z;");
            b.Line($"c.rgb = mix(mix(up3 + 0.12240537, 1.9754798 * l3 + 0.12512219, lessThanEqual(l3, vec3({k}.w))), -up3 + 0.12783901, lessThan(l3, vec3(-{k}.w)));");
            b.Line("}");
        }
        else
        {
            // y < 0.097465473: -(10^((0.12783901 - y) / gain) - 1) / k; y <= 0.15277891: (y - 0.12512219) / 1.9754798;
            // else (10^((y - 0.12240537) / gain) - 1) / k; all times 0.9
            string k = b.Uniform("k", "vec4", (float)(log2Of10 / Gain), (float)(Scale / K), (float)(Scale / 1.9754798), 0f);
            b.Line("{"); // a block of its own: two ops of this kind in one look declare the same names
            b.Line($"vec3 lo3 = -(lg_exp2((0.12783901 - c.rgb) * {k}.x) - 1.0) * {k}.y;");
            b.Line($"vec3 hi3 = (lg_exp2((c.rgb - 0.12240537) * {k}.x) - 1.0) * {k}.y;");
            b.Line($"c.rgb = mix(mix(hi3, (c.rgb - 0.12512219) * {k}.z, lessThanEqual(c.rgb, vec3(0.15277891))), lo3, lessThan(c.rgb, vec3(0.097465473)));");
            b.Line("}");
        }
    }
}

/// <summary>GLSL for ACEScc (S-2014-003), with its handling of values at and below zero.</summary>
public sealed class AcesCcGpuEmitter(bool encode) : IColorOpGpuEmitter
{
    public void Emit(GlslBuilder b)
    {
        GlslMath.Use(b);
        if (encode)
        {
            // x <= 0: (-16 + 9.72) / 17.52; x < 2^-15: (log2(2^-16 + x / 2) + 9.72) / 17.52; else (log2(x) + 9.72) / 17.52
            b.Line("{"); // a block of its own: two ops of this kind in one look declare the same names
            b.Line("vec3 small3 = (lg_log2(0.0000152587890625 + c.rgb * 0.5) + 9.72) / 17.52;");
            b.Line("vec3 big3 = (lg_log2(c.rgb) + 9.72) / 17.52;");
            b.Line("c.rgb = mix(mix(big3, small3, lessThan(c.rgb, vec3(0.000030517578125))), vec3((-16.0 + 9.72) / 17.52), lessThanEqual(c.rgb, vec3(0.0)));");
            b.Line("}");
        }
        else
        {
            // y < (9.72 - 15) / 17.52: (2^(17.52 y - 9.72) - 2^-16) * 2; else 2^(17.52 y - 9.72)
            b.Line("{"); // a block of its own: two ops of this kind in one look declare the same names
            b.Line("vec3 p3 = lg_exp2(c.rgb * 17.52 - 9.72);");
            b.Line("c.rgb = mix(p3, (p3 - 0.0000152587890625) * 2.0, lessThan(c.rgb, vec3((9.72 - 15.0) / 17.52)));");
            b.Line("}");
        }
    }
}
