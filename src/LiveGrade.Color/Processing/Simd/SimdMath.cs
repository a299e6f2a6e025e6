namespace LiveGrade.Color.Processing.Simd;

/// <summary>
/// Vector maths the fused stages need beyond arithmetic, written once over <see cref="ISimdOps{TF, TI}"/>.
/// </summary>
internal static class SimdMath
{
    private const float Sqrt2 = 1.41421356f;
    private const float Ln2Hi = 0.693359375f, Ln2Lo = -2.12194440e-4f;
    private const float Log2E = 1.44269504088896341f;

    /// <summary>
    /// x^p for p &gt; 0 and x &gt; 0 (finite or +Inf) as exp(p ln x), in float, after Cephes' logf and expf (S. Moshier,
    /// Cephes Math Library 2.2: ln on a mantissa reduced to [sqrt(1/2), sqrt(2)) with a degree-8 polynomial,
    /// exp with Cody-Waite reduction by ln 2 and a degree-5 polynomial; each is within ~1 ulp). The product
    /// p ln x is rounded to float, so the result's relative error grows with |p ln x|: about 2^-24 |p ln x|
    /// plus 2 ulp, i.e. below 1e-6 for |p ln x| &lt; 8 (x between 0.0003 and 3000 at p = 1). Results below
    /// 2^-126 come out subnormal or 0, above float range +Inf. Lanes with x &lt;= 0 or NaN give garbage the
    /// caller selects away.
    /// </summary>
    public static TF Pow<T, TF, TI>(TF x, float p)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        // +Inf has a valid-looking exponent field (128) and would give a finite e^(128 p ln 2): kept apart.
        var infinite = T.GreaterThan(x, T.Splat(float.MaxValue));
        // Subnormal x: scale by 2^23 first so the exponent field is meaningful.
        var tiny = T.GreaterThan(T.Splat(1.17549435e-38f), x);
        x = T.Select(tiny, T.Mul(x, T.Splat(8388608f)), x);
        var bits = T.AsInt(x);
        var e = T.ToFloat(T.AddInt(T.ShiftRightArithmetic23(bits), T.SplatInt(-127)));
        e = T.Select(tiny, T.Sub(e, T.Splat(23f)), e);
        // Mantissa in [1, 2), then [sqrt(1/2), sqrt(2)).
        var m = T.AsFloat(T.OrInt(T.AndInt(bits, T.SplatInt(0x007FFFFF)), T.SplatInt(0x3F800000)));
        var big = T.GreaterThan(m, T.Splat(Sqrt2));
        m = T.Select(big, T.Mul(m, T.Splat(0.5f)), m);
        e = T.Select(big, T.Add(e, T.Splat(1f)), e);
        var z = T.Sub(m, T.Splat(1f));
        var z2 = T.Mul(z, z);
        var poly = T.Splat(7.0376836292e-2f);
        poly = T.Add(T.Mul(poly, z), T.Splat(-1.1514610310e-1f));
        poly = T.Add(T.Mul(poly, z), T.Splat(1.1676998740e-1f));
        poly = T.Add(T.Mul(poly, z), T.Splat(-1.2420140846e-1f));
        poly = T.Add(T.Mul(poly, z), T.Splat(1.4249322787e-1f));
        poly = T.Add(T.Mul(poly, z), T.Splat(-1.6668057665e-1f));
        poly = T.Add(T.Mul(poly, z), T.Splat(2.0000714765e-1f));
        poly = T.Add(T.Mul(poly, z), T.Splat(-2.4999993993e-1f));
        poly = T.Add(T.Mul(poly, z), T.Splat(3.3333331174e-1f));
        var y = T.Mul(T.Mul(poly, z), z2);
        y = T.Add(y, T.Mul(e, T.Splat(Ln2Lo)));
        y = T.Sub(y, T.Mul(z2, T.Splat(0.5f)));
        var ln = T.Add(T.Add(z, y), T.Mul(e, T.Splat(Ln2Hi)));

        // exp(p ln x).
        var a = T.Mul(T.Splat(p), ln);
        var overflow = T.GreaterThan(a, T.Splat(88.7228394f));
        a = T.Min(T.Max(a, T.Splat(-104f)), T.Splat(88.7228394f));
        var n = T.Floor(T.Add(T.Mul(a, T.Splat(Log2E)), T.Splat(0.5f)));
        var r = T.Sub(T.Sub(a, T.Mul(n, T.Splat(Ln2Hi))), T.Mul(n, T.Splat(Ln2Lo)));
        var r2 = T.Mul(r, r);
        var q = T.Splat(1.9875691500e-4f);
        q = T.Add(T.Mul(q, r), T.Splat(1.3981999507e-3f));
        q = T.Add(T.Mul(q, r), T.Splat(8.3334519073e-3f));
        q = T.Add(T.Mul(q, r), T.Splat(4.1665795894e-2f));
        q = T.Add(T.Mul(q, r), T.Splat(1.6666665459e-1f));
        q = T.Add(T.Mul(q, r), T.Splat(5.0000001201e-1f));
        var ex = T.Add(T.Add(T.Mul(q, r2), r), T.Splat(1f));
        // Times 2^n in two halves, so n = 128 (just below overflow) and n down to -150 (subnormal) both work.
        var ni = T.Truncate(n);
        var half = T.ShiftRightArithmetic1(ni);
        ex = T.Mul(ex, T.AsFloat(T.ShiftLeft23(T.AddInt(half, T.SplatInt(127)))));
        ex = T.Mul(ex, T.AsFloat(T.ShiftLeft23(T.AddInt(T.AddInt(ni, T.MulInt(half, T.SplatInt(-1))), T.SplatInt(127)))));
        return T.Select(T.Or(overflow, infinite), T.Splat(float.PositiveInfinity), ex);
    }
}
