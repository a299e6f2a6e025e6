namespace LiveGrade.Color.Ops.Matrix;

/// <summary>
/// Applies a <see cref="MatrixOpData"/> in single precision (the values are rounded once here). A diagonal
/// matrix is applied per channel (out = in * scale + offset), as OpenColorIO's ScaleRenderer does, so a NaN
/// or infinity in one channel does not spread to the others through 0 * NaN.
/// </summary>
public sealed class MatrixCpuRenderer : IColorOpCpuRenderer, Processing.Simd.ISimdFusable
{
    private readonly float _m00, _m01, _m02, _m10, _m11, _m12, _m20, _m21, _m22, _o0, _o1, _o2;
    private readonly bool _diagonal;

    public MatrixCpuRenderer(MatrixOpData data)
    {
        var m = data.Matrix.Values;
        (_m00, _m01, _m02) = ((float)m[0], (float)m[1], (float)m[2]);
        (_m10, _m11, _m12) = ((float)m[3], (float)m[4], (float)m[5]);
        (_m20, _m21, _m22) = ((float)m[6], (float)m[7], (float)m[8]);
        (_o0, _o1, _o2) = ((float)data.Offset[0], (float)data.Offset[1], (float)data.Offset[2]);
        _diagonal = data.IsDiagonal;
    }

    Processing.Simd.SimdStage Processing.Simd.ISimdFusable.CreateSimdStage(Processing.Simd.SimdStageOptions options) =>
        new MatrixSimdStage([_m00, _m01, _m02, _m10, _m11, _m12, _m20, _m21, _m22], [_o0, _o1, _o2], _diagonal);

    public void Apply(Span<float> rgba)
    {
        if (_diagonal)
        {
            for (int i = 0; i + 3 < rgba.Length; i += 4)
            {
                rgba[i] = rgba[i] * _m00 + _o0;
                rgba[i + 1] = rgba[i + 1] * _m11 + _o1;
                rgba[i + 2] = rgba[i + 2] * _m22 + _o2;
            }
            return;
        }
        for (int i = 0; i + 3 < rgba.Length; i += 4)
        {
            float r = rgba[i], g = rgba[i + 1], b = rgba[i + 2];
            rgba[i] = _m00 * r + _m01 * g + _m02 * b + _o0;
            rgba[i + 1] = _m10 * r + _m11 * g + _m12 * b + _o1;
            rgba[i + 2] = _m20 * r + _m21 * g + _m22 * b + _o2;
        }
    }
}
