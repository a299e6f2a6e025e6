using System.Runtime.Intrinsics;
using LiveGrade.Color.Processing.Simd;

namespace LiveGrade.Color.Ops.Matrix;

/// <summary>
/// <see cref="MatrixCpuRenderer"/> in registers, same operation order (left to right, no FMA), so the
/// output is bit-identical: diagonal per channel (in * m + o), full as m0 r + m1 g + m2 b + o.
/// </summary>
internal sealed class MatrixSimdStage(float[] m, float[] offset, bool diagonal) : SimdStage
{
    private readonly float _m00 = m[0], _m01 = m[1], _m02 = m[2], _m10 = m[3], _m11 = m[4], _m12 = m[5],
        _m20 = m[6], _m21 = m[7], _m22 = m[8], _o0 = offset[0], _o1 = offset[1], _o2 = offset[2];

    internal override void Apply128(ref Vector128<float> r, ref Vector128<float> g, ref Vector128<float> b) =>
        Apply<Simd128, Vector128<float>, Vector128<int>>(ref r, ref g, ref b);

    internal override void Apply256(ref Vector256<float> r, ref Vector256<float> g, ref Vector256<float> b) =>
        Apply<Simd256, Vector256<float>, Vector256<int>>(ref r, ref g, ref b);

    internal override void Apply512(ref Vector512<float> r, ref Vector512<float> g, ref Vector512<float> b) =>
        Apply<Simd512, Vector512<float>, Vector512<int>>(ref r, ref g, ref b);

    private void Apply<T, TF, TI>(ref TF r, ref TF g, ref TF b)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        if (diagonal)
        {
            r = T.Add(T.Mul(r, T.Splat(_m00)), T.Splat(_o0));
            g = T.Add(T.Mul(g, T.Splat(_m11)), T.Splat(_o1));
            b = T.Add(T.Mul(b, T.Splat(_m22)), T.Splat(_o2));
            return;
        }
        var nr = T.Add(T.Add(T.Add(T.Mul(T.Splat(_m00), r), T.Mul(T.Splat(_m01), g)), T.Mul(T.Splat(_m02), b)), T.Splat(_o0));
        var ng = T.Add(T.Add(T.Add(T.Mul(T.Splat(_m10), r), T.Mul(T.Splat(_m11), g)), T.Mul(T.Splat(_m12), b)), T.Splat(_o1));
        var nb = T.Add(T.Add(T.Add(T.Mul(T.Splat(_m20), r), T.Mul(T.Splat(_m21), g)), T.Mul(T.Splat(_m22), b)), T.Splat(_o2));
        (r, g, b) = (nr, ng, nb);
    }
}
