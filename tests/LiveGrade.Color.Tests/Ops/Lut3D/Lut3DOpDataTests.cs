using LiveGrade.Color.Ops.Lut3D;

namespace LiveGrade.Color.Tests.Ops.Lut3D;

public class Lut3DOpDataTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(130)]
    public void Size_out_of_range_is_rejected(int size) =>
        Assert.Throws<ArgumentException>(() => new Lut3DOpData(size, new float[3 * size * size * size]));

    [Fact]
    public void Table_length_must_match_size() =>
        Assert.Throws<ArgumentException>(() => new Lut3DOpData(3, new float[80]));

    [Fact]
    public void NaN_and_infinite_entries_are_rejected()
    {
        var t = new float[24];
        t[5] = float.NaN;
        Assert.Throws<ArgumentException>(() => new Lut3DOpData(2, t));
        t[5] = float.PositiveInfinity;
        Assert.Throws<ArgumentException>(() => new Lut3DOpData(2, t));
    }

    [Fact]
    public void Domain_must_be_increasing_and_finite()
    {
        Assert.Throws<ArgumentException>(() => new Lut3DOpData(2, new float[24], [0, 1, 0], [1, 1, 1]));
        Assert.Throws<ArgumentException>(() => new Lut3DOpData(2, new float[24], [0, double.NaN, 0], [1, 1, 1]));
    }

    [Fact]
    public void Layout_is_red_fastest()
    {
        var lut = Lut3DOpData.FromFunction(3, (r, g, b) => (r, g, b));
        var t = lut.Table;
        // Entry 1 is (r = 1, g = 0, b = 0); entry 3 is (0, 1, 0); entry 9 is (0, 0, 1).
        Assert.Equal(0.5f, t[3 * 1]);
        Assert.Equal(0.5f, t[3 * 3 + 1]);
        Assert.Equal(0.5f, t[3 * 9 + 2]);
        Assert.Equal(9, Lut3DOpData.Index(0, 0, 1, 3));
    }

    [Fact]
    public void Inverse_is_not_supported_yet_and_a_LUT_is_never_an_identity()
    {
        var lut = Lut3DOpData.Identity(5);
        Assert.Throws<NotSupportedException>(() => lut.Inverse());
        Assert.False(lut.IsIdentity); // it still clamps to its domain
        Assert.Equal(Lut3DInterpolation.Tetrahedral, lut.Interpolation);
        Assert.Equal(Lut3DInterpolation.Trilinear, lut.WithInterpolation(Lut3DInterpolation.Trilinear).Interpolation);
    }
}
