namespace LiveGrade.Color.Ops.Lut3D;

/// <summary>
/// Applies a <see cref="Lut3DOpData"/> in single precision.
///
/// Index: i = (x - min) * (N-1)/(max-min) per channel, clamped to [0, N-1] (NaN fails the comparison and
/// becomes 0, the domain minimum); low = floor(i), high = min(low + 1, N-1), f = i - low.
///
/// Tetrahedral: the algorithm of OpenColorIO 2.1's Lut3DTetrahedralRenderer (Lut3DOpCPU.cpp, scalar
/// path). The unit cube between low and high is split into six tetrahedra along its main diagonal; which
/// one holds the point follows from the order of the fractional parts (fx, fy, fz), compared exactly as
/// OCIO does (fx > fy, fy > fz, fx > fz, fz > fy, fz > fx), and the output is the barycentric blend of the
/// tetrahedron's four corners, e.g. for fx > fy > fz:
///   out = (1 - fx) c000 + (fx - fy) c100 + (fy - fz) c110 + fz c111.
/// Trilinear: OCIO's Lut3DRenderer order, along blue first, then green, then red, each as
/// a * (1 - w) + b * w.
///
/// The lattice is a private red-fastest copy (offsets below are in floats: 3 per entry). Allocation-free
/// per call; safe to share between threads.
/// </summary>
public sealed class Lut3DCpuRenderer : IColorOpCpuRenderer, Processing.Simd.ISimdFusable
{
    private readonly float[] _lut;
    private readonly int _last;
    private readonly float _maxIndex;
    private readonly float _minR, _minG, _minB;
    private readonly float _scaleR, _scaleG, _scaleB;
    // Float offsets of one step along each axis in the red-fastest layout.
    private readonly int _strideR, _strideG, _strideB;
    private readonly bool _tetrahedral;

    public Lut3DCpuRenderer(Lut3DOpData data)
    {
        _lut = data.Table.ToArray();
        int n = data.Size;
        _last = n - 1;
        _maxIndex = _last;
        (_minR, _minG, _minB) = ((float)data.DomainMin[0], (float)data.DomainMin[1], (float)data.DomainMin[2]);
        _scaleR = (float)(_last / (data.DomainMax[0] - data.DomainMin[0]));
        _scaleG = (float)(_last / (data.DomainMax[1] - data.DomainMin[1]));
        _scaleB = (float)(_last / (data.DomainMax[2] - data.DomainMin[2]));
        _strideR = 3;
        _strideG = 3 * n;
        _strideB = 3 * n * n;
        _tetrahedral = data.Interpolation == Lut3DInterpolation.Tetrahedral;
    }

    Processing.Simd.SimdStage Processing.Simd.ISimdFusable.CreateSimdStage(Processing.Simd.SimdStageOptions options) =>
        new Lut3DSimdStage(_lut, _last + 1, [_minR, _minG, _minB], [_scaleR, _scaleG, _scaleB], _tetrahedral);

    public void Apply(Span<float> rgba)
    {
        if (_tetrahedral)
        {
            ApplyTetrahedral(rgba);
        }
        else
        {
            ApplyTrilinear(rgba);
        }
    }

    private float ClampIndex(float i) => i > 0f ? (i < _maxIndex ? i : _maxIndex) : 0f;

    private void ApplyTetrahedral(Span<float> rgba)
    {
        var lut = _lut;
        for (int p = 0; p + 3 < rgba.Length; p += 4)
        {
            float ir = ClampIndex((rgba[p] - _minR) * _scaleR);
            float ig = ClampIndex((rgba[p + 1] - _minG) * _scaleG);
            float ib = ClampIndex((rgba[p + 2] - _minB) * _scaleB);
            int lr = (int)ir, lg = (int)ig, lb = (int)ib;
            float fx = ir - lr, fy = ig - lg, fz = ib - lb;

            // Offsets of the low corner and of the step to the high corner on each axis (0 at the last index).
            int o000 = lr * _strideR + lg * _strideG + lb * _strideB;
            int dr = lr < _last ? _strideR : 0;
            int dg = lg < _last ? _strideG : 0;
            int db = lb < _last ? _strideB : 0;
            int o111 = o000 + dr + dg + db;

            // The two corners between c000 and c111 and the four weights, per tetrahedron (OCIO's branch order).
            int oA, oB;
            float w0, wA, wB, w1;
            if (fx > fy)
            {
                if (fy > fz)
                {
                    (oA, oB) = (o000 + dr, o000 + dr + dg);             // c100, c110
                    (w0, wA, wB, w1) = (1 - fx, fx - fy, fy - fz, fz);
                }
                else if (fx > fz)
                {
                    (oA, oB) = (o000 + dr, o000 + dr + db);             // c100, c101
                    (w0, wA, wB, w1) = (1 - fx, fx - fz, fz - fy, fy);
                }
                else
                {
                    (oA, oB) = (o000 + db, o000 + dr + db);             // c001, c101
                    (w0, wA, wB, w1) = (1 - fz, fz - fx, fx - fy, fy);
                }
            }
            else
            {
                if (fz > fy)
                {
                    (oA, oB) = (o000 + db, o000 + dg + db);             // c001, c011
                    (w0, wA, wB, w1) = (1 - fz, fz - fy, fy - fx, fx);
                }
                else if (fz > fx)
                {
                    (oA, oB) = (o000 + dg, o000 + dg + db);             // c010, c011
                    (w0, wA, wB, w1) = (1 - fy, fy - fz, fz - fx, fx);
                }
                else
                {
                    (oA, oB) = (o000 + dg, o000 + dr + dg);             // c010, c110
                    (w0, wA, wB, w1) = (1 - fy, fy - fx, fx - fz, fz);
                }
            }

            rgba[p] = w0 * lut[o000] + wA * lut[oA] + wB * lut[oB] + w1 * lut[o111];
            rgba[p + 1] = w0 * lut[o000 + 1] + wA * lut[oA + 1] + wB * lut[oB + 1] + w1 * lut[o111 + 1];
            rgba[p + 2] = w0 * lut[o000 + 2] + wA * lut[oA + 2] + wB * lut[oB + 2] + w1 * lut[o111 + 2];
        }
    }

    private void ApplyTrilinear(Span<float> rgba)
    {
        var lut = _lut;
        for (int p = 0; p + 3 < rgba.Length; p += 4)
        {
            float ir = ClampIndex((rgba[p] - _minR) * _scaleR);
            float ig = ClampIndex((rgba[p + 1] - _minG) * _scaleG);
            float ib = ClampIndex((rgba[p + 2] - _minB) * _scaleB);
            int lr = (int)ir, lg = (int)ig, lb = (int)ib;
            float wr = ir - lr, wg = ig - lg, wb = ib - lb;
            float vr = 1 - wr, vg = 1 - wg, vb = 1 - wb;

            int o000 = lr * _strideR + lg * _strideG + lb * _strideB;
            int dr = lr < _last ? _strideR : 0;
            int dg = lg < _last ? _strideG : 0;
            int db = lb < _last ? _strideB : 0;

            for (int c = 0; c < 3; c++)
            {
                int o = o000 + c;
                // Along blue, then green, then red (OCIO's order).
                float b00 = lut[o] * vb + lut[o + db] * wb;
                float b01 = lut[o + dg] * vb + lut[o + dg + db] * wb;
                float b10 = lut[o + dr] * vb + lut[o + dr + db] * wb;
                float b11 = lut[o + dr + dg] * vb + lut[o + dr + dg + db] * wb;
                float g0 = b00 * vg + b01 * wg;
                float g1 = b10 * vg + b11 * wg;
                rgba[p + c] = g0 * vr + g1 * wr;
            }
        }
    }
}
