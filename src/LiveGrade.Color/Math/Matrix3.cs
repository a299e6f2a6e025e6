using MathNet.Numerics.LinearAlgebra;

namespace LiveGrade.Color.Math;

/// <summary>
/// An immutable 3x3 matrix in double precision, row-major: out = M * in for column vectors (r,g,b).
/// Inversion and products go through MathNet.Numerics so no hand-written linear algebra hides here.
/// </summary>
public readonly struct Matrix3 : IEquatable<Matrix3>
{
    private readonly double[] _m; // 9 values, row-major

    public Matrix3(ReadOnlySpan<double> rowMajor)
    {
        if (rowMajor.Length != 9)
        {
            throw new ArgumentException("a 3x3 matrix needs 9 values");
        }
        _m = rowMajor.ToArray();
    }

    public Matrix3(double m00, double m01, double m02, double m10, double m11, double m12, double m20, double m21, double m22)
        : this([m00, m01, m02, m10, m11, m12, m20, m21, m22])
    {
    }

    public static Matrix3 Identity { get; } = new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    public static Matrix3 Diagonal(double a, double b, double c) => new(a, 0, 0, 0, b, 0, 0, 0, c);

    public double this[int row, int col] => Values[row * 3 + col];

    /// <summary>The 9 values, row-major.</summary>
    public ReadOnlySpan<double> Values => _m ?? Identity._m;

    public Matrix<double> ToMathNet()
    {
        var v = Values.ToArray();
        return Matrix<double>.Build.Dense(3, 3, (r, c) => v[r * 3 + c]);
    }

    public static Matrix3 FromMathNet(Matrix<double> m)
    {
        if (m.RowCount != 3 || m.ColumnCount != 3)
        {
            throw new ArgumentException("not a 3x3 matrix");
        }
        return new Matrix3(m[0, 0], m[0, 1], m[0, 2], m[1, 0], m[1, 1], m[1, 2], m[2, 0], m[2, 1], m[2, 2]);
    }

    public Matrix3 Inverse()
    {
        var m = ToMathNet();
        if (System.Math.Abs(m.Determinant()) < 1e-30)
        {
            throw new InvalidOperationException("matrix is singular");
        }
        return FromMathNet(m.Inverse());
    }

    /// <summary>Product a * b: applying b first, then a.</summary>
    public static Matrix3 operator *(Matrix3 a, Matrix3 b) => FromMathNet(a.ToMathNet() * b.ToMathNet());

    public (double X, double Y, double Z) Apply(double x, double y, double z)
    {
        var v = Values;
        return (v[0] * x + v[1] * y + v[2] * z, v[3] * x + v[4] * y + v[5] * z, v[6] * x + v[7] * y + v[8] * z);
    }

    public bool IsIdentityWithin(double tolerance)
    {
        var v = Values;
        var id = Identity.Values;
        for (int i = 0; i < 9; i++)
        {
            if (System.Math.Abs(v[i] - id[i]) > tolerance)
            {
                return false;
            }
        }
        return true;
    }

    public bool Equals(Matrix3 other) => Values.SequenceEqual(other.Values);
    public override bool Equals(object? obj) => obj is Matrix3 m && Equals(m);
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in Values)
        {
            h.Add(d);
        }
        return h.ToHashCode();
    }
    public static bool operator ==(Matrix3 a, Matrix3 b) => a.Equals(b);
    public static bool operator !=(Matrix3 a, Matrix3 b) => !a.Equals(b);

    public override string ToString()
    {
        var v = Values;
        return $"[{v[0]:G9} {v[1]:G9} {v[2]:G9}; {v[3]:G9} {v[4]:G9} {v[5]:G9}; {v[6]:G9} {v[7]:G9} {v[8]:G9}]";
    }
}
