using LiveGrade.Color.Math;

namespace LiveGrade.Color.Ops.Matrix;

/// <summary>out = M * rgb + offset. Linear-light gamut conversions and folded chains of them.</summary>
public sealed class MatrixOpData : ColorOpData
{
    /// <summary>Entries this close to the identity are treated as exact (well below float resolution).</summary>
    public const double IdentityTolerance = 1e-12;

    public MatrixOpData(Matrix3 matrix, double offsetR = 0, double offsetG = 0, double offsetB = 0)
    {
        foreach (var v in matrix.Values)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException("matrix entries must be finite");
            }
        }
        Matrix = matrix;
        Offset = [offsetR, offsetG, offsetB];
    }

    public Matrix3 Matrix { get; }

    /// <summary>Added after the product, per channel.</summary>
    public IReadOnlyList<double> Offset { get; }

    public bool HasOffset => Offset[0] != 0 || Offset[1] != 0 || Offset[2] != 0;

    /// <summary>True when every entry off the diagonal is exactly 0: the matrix scales each channel on its own.</summary>
    public bool IsDiagonal
    {
        get
        {
            var v = Matrix.Values;
            return v[1] == 0 && v[2] == 0 && v[3] == 0 && v[5] == 0 && v[6] == 0 && v[7] == 0;
        }
    }

    public override bool IsIdentity => !HasOffset && Matrix.IsIdentityWithin(IdentityTolerance);

    public override ColorOpData Inverse()
    {
        var inv = Matrix.Inverse();
        var (x, y, z) = inv.Apply(Offset[0], Offset[1], Offset[2]);
        return new MatrixOpData(inv, -x, -y, -z);
    }

    /// <summary>This op applied after <paramref name="first"/>, as one matrix.</summary>
    public MatrixOpData ComposeAfter(MatrixOpData first)
    {
        var m = Matrix * first.Matrix;
        var (x, y, z) = Matrix.Apply(first.Offset[0], first.Offset[1], first.Offset[2]);
        return new MatrixOpData(m, x + Offset[0], y + Offset[1], z + Offset[2]);
    }

    public override IColorOpCpuRenderer CreateCpuRenderer() => new MatrixCpuRenderer(this);

    public override Gpu.IColorOpGpuEmitter CreateGpuEmitter() => new MatrixGpuEmitter(this);

    public override string ToString() => HasOffset ? $"Matrix {Matrix} + ({Offset[0]:G6}, {Offset[1]:G6}, {Offset[2]:G6})" : $"Matrix {Matrix}";
}
