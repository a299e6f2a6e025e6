using LiveGrade.Color.Gpu;

namespace LiveGrade.Color.Ops.Transfer;

/// <summary>
/// GLSL for the display curves, each the same formula and the same edge rules (negatives, NaN) as the
/// curve's <see cref="TransferCurve.Encode"/>/<see cref="TransferCurve.Decode"/>. Constants are uniforms
/// so that the text depends only on which curve it is.
/// Powers go through <see cref="GlslMath"/> (1-3 ulp) rather than GLSL's pow. PQ, whose exponent of 78.84
/// multiplies any rounding in its base, has its own arrangement (<see cref="PqGpuEmitter"/>).
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

/// <summary>
/// GLSL for <see cref="PqCurve"/> (SMPTE ST 2084, linear 1.0 = 100 cd/m²) in single precision, rearranged so
/// that float rounding is not multiplied by the exponent m2 = 78.84 (the reason PQ once had no GPU form):
/// encode: with p = (L/10000)^m1 and t = (c1 + c2 p)/(1 + c3 p), the code is t^m2 = exp(m2 ln t); t is
/// near 1, so t - 1 = (c2 - c3)(p - 1)/(1 + c3 p) is formed directly (c1 - 1 = c3 - c2 = -0.1640625 and
/// c2 - c3 exactly in float) and ln t = ln(1 + u) = 2 atanh(u / (2 + u)) without ever rounding 1 + u.
/// decode: n - 1 = expm1(ln(N) / m2) by series (|ln N / m2| is small), so n - c1 = (n - 1) + 0.1640625 and
/// c2 - c3 n = 0.1640625 - c3 (n - 1) lose nothing to cancellation; then (ratio)^(1/m1) * 100.
/// Same edge rules as the curve: negative or NaN light encodes as 0 cd/m², codes at or below 0 decode to 0.
/// </summary>
public sealed class PqGpuEmitter(bool encode) : IColorOpGpuEmitter
{
    private const double M1 = 2610.0 / 16384.0, M2 = 2523.0 / 4096.0 * 128.0;

    public void Emit(GlslBuilder b)
    {
        GlslMath.Use(b);
        b.Helper("lg_pq", """
            // ln(1 + u) for |u| < 0.2, from u itself: 2 atanh(u / (2 + u)).
            float lg_ln1p_small(float u)
            {
                precise float s = u / (2.0 + u);
                precise float s2 = s * s;
                precise float p = s2 * (0.33333333 + s2 * (0.2 + s2 * (0.14285714 + s2 * (0.11111111 + s2 * 0.09090909))));
                precise float r = 2.0 * s + (2.0 * s) * p;
                return r;
            }
            // e^z - 1 for |z| <= 1 by its series to z^11 (next term below 2.6e-9 of the result at |z| = 1).
            float lg_expm1_small(float z)
            {
                precise float r = z * (1.0 + z * (0.5 + z * (0.16666667 + z * (0.041666668 + z * (0.0083333338 + z * (0.0013888889
                                + z * (0.00019841270 + z * (2.4801587e-05 + z * (2.7557319e-06 + z * (2.7557319e-07 + z * 2.5052108e-08))))))))));
                return r;
            }
            float lg_pq_encode(float x, vec4 k)
            {
                // k = (m1, m2 / ln 2, 1 / m1, ln 2 / m2)
                float l = isnan(x) ? 0.0 : max(x, 0.0) * 0.01;
                float p = lg_pow(l, k.x);
                precise float u = (-0.1640625 * (1.0 - p)) / (1.0 + 18.6875 * p);
                return lg_exp2(k.y * lg_ln1p_small(u));
            }
            float lg_pq_decode(float y, vec4 k)
            {
                if (!(y > 0.0)) return 0.0;
                precise float em1 = lg_expm1_small(lg_log2(y) * k.w);
                precise float num = max(em1 + 0.1640625, 0.0);
                precise float den = 0.1640625 - 18.6875 * em1;
                return lg_pow(num / den, k.z) * 100.0;
            }
            """);
        string k = b.Uniform("k", "vec4", (float)M1, (float)(M2 / System.Math.Log(2)), (float)(1 / M1), (float)(System.Math.Log(2) / M2));
        string f = encode ? "lg_pq_encode" : "lg_pq_decode";
        b.Line($"c.rgb = vec3({f}(c.r, {k}), {f}(c.g, {k}), {f}(c.b, {k}));");
    }
}

/// <summary>
/// GLSL for <see cref="HlgOetfCurve"/> (ITU-R BT.2100 table 5) with the curve's own edge rules: negative or
/// NaN light encodes as 0, E' is capped at 1; decoding clamps E' to [0, 1]. ln and exp through GlslMath.
/// </summary>
public sealed class HlgOetfGpuEmitter(bool encode) : IColorOpGpuEmitter
{
    private const double A = 0.17883277;

    public void Emit(GlslBuilder b)
    {
        double bb = 1 - 4 * A, cc = 0.5 - A * System.Math.Log(4 * A);
        GlslMath.Use(b);
        // k = (a ln 2, b, c, 1 / (a ln 2))
        string k = b.Uniform("k", "vec4", (float)(A * System.Math.Log(2)), (float)bb, (float)cc, (float)(1 / (A * System.Math.Log(2))));
        b.Helper("lg_hlg", """
            float lg_hlg_encode(float x, vec4 k)
            {
                float e = isnan(x) ? 0.0 : max(x, 0.0);
                if (e <= 1.0 / 12.0) return sqrt(3.0 * e);
                precise float r = k.x * lg_log2(12.0 * e - k.y) + k.z;
                return min(1.0, r);
            }
            float lg_hlg_decode(float y, vec4 k)
            {
                float v = isnan(y) ? 0.0 : clamp(y, 0.0, 1.0);
                if (v <= 0.5) { precise float r = v * v * 0.33333333; return r; }
                precise float r = (lg_exp2((v - k.z) * k.w) + k.y) * 0.083333333;
                return r;
            }
            """);
        string f = encode ? "lg_hlg_encode" : "lg_hlg_decode";
        b.Line($"c.rgb = vec3({f}(c.r, {k}), {f}(c.g, {k}), {f}(c.b, {k}));");
    }
}
