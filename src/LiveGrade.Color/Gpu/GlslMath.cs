namespace LiveGrade.Color.Gpu;

/// <summary>
/// Transcendentals for look shaders with about the accuracy of the CPU's single-precision libm (1-3 ulp),
/// instead of GLSL's exp2/log2/pow, which the GLSL 4.50 spec lets be off by 3 ulp + 2^-21 absolute (log2)
/// and which llvmpipe and GPUs implement as short polynomials. A grade in log space followed by a decode
/// multiplies such errors by 10 or more, which is what kept whole looks above 1e-5 (measured 1.46e-5 with the
/// built-ins). Algorithms (classic, e.g. Cody and Waite; Muller, "Elementary Functions", ch. 11):
///   lg_log2: x = m 2^e with m in [sqrt(1/2), sqrt(2)); ln m = 2 atanh(s), s = (m - 1)/(m + 1), |s| &lt; 0.1716,
///            series to s^11 (next term below 2e-11 relative); log2 x = e + ln m / ln 2.
///   lg_exp2: x = n + f, n = floor(x + 0.5), |f| &lt;= 0.5; 2^f = e^(f ln 2) by Taylor to degree 9 (next
///            term 3e-11 relative); ldexp by n.
///   lg_pow:  x &gt; 0: lg_exp2(y lg_log2(x)); other inputs as the built-in pow (callers handle them).
/// Infinities, NaN, zero and negatives go to the built-ins, whose values there are exact by definition.
/// Everything is `precise` so that no compiler fuses or reorders it differently on another GPU.
/// </summary>
public static class GlslMath
{
    public const string Source = """
        float lg_log2(float x)
        {
            if (!(x > 0.0) || isinf(x)) return log2(x);
            int e;
            float m = frexp(x, e);  // m in [0.5, 1)
            if (m < 0.70710678) { m *= 2.0; e -= 1; }
            precise float s = (m - 1.0) / (m + 1.0);
            precise float s2 = s * s;
            precise float p = s2 * (0.33333333 + s2 * (0.2 + s2 * (0.14285714 + s2 * (0.11111111 + s2 * 0.09090909))));
            precise float ln = 2.0 * s + (2.0 * s) * p;
            precise float r = float(e) + ln * 1.44269504;
            return r;
        }
        float lg_exp2(float x)
        {
            if (isnan(x) || isinf(x) || abs(x) > 126.0) return exp2(x);
            float n = floor(x + 0.5);
            precise float t = (x - n) * 0.69314718;
            precise float p = 1.0 + t * (1.0 + t * (0.5 + t * (0.16666667 + t * (0.041666668 + t * (0.0083333338
                            + t * (0.0013888889 + t * (0.00019841270 + t * (2.4801587e-05 + t * 2.7557319e-06))))))));
            return ldexp(p, int(n));
        }
        vec3 lg_log2(vec3 v) { return vec3(lg_log2(v.x), lg_log2(v.y), lg_log2(v.z)); }
        vec3 lg_exp2(vec3 v) { return vec3(lg_exp2(v.x), lg_exp2(v.y), lg_exp2(v.z)); }
        float lg_pow(float x, float y) { return x > 0.0 && !isinf(x) ? lg_exp2(y * lg_log2(x)) : pow(x, y); }
        vec3 lg_pow(vec3 x, vec3 y) { return vec3(lg_pow(x.x, y.x), lg_pow(x.y, y.y), lg_pow(x.z, y.z)); }
        """;

    /// <summary>Adds the functions to the look shader (once, however many ops use them).</summary>
    public static void Use(GlslBuilder b) => b.Helper("lg_math", Source);
}
