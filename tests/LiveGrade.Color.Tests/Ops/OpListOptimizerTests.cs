using LiveGrade.Color.Math;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Ops.Matrix;
using LiveGrade.Color.Ops.Transfer;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Spaces;
using LiveGrade.Color.Tests.Reference;

namespace LiveGrade.Color.Tests.Ops;

public class OpListOptimizerTests
{
    private static readonly MatrixOpData A = new(new Matrix3(1.1, 0.1, 0, 0.05, 0.9, 0.05, 0, 0.2, 0.8), 0.01, 0, -0.02);
    private static readonly MatrixOpData B = new(new Matrix3(0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.0, 0.1, 0.9));

    [Fact]
    public void Identities_are_removed()
    {
        var list = new OpList().Add(new MatrixOpData(Matrix3.Identity)).Add(CdlOpData.Identity(CdlStyle.NoClamp)).Add(A);
        Assert.Equal([A], OpListOptimizer.RemoveIdentities(list).Ops);
    }

    [Fact]
    public void A_clamping_CDL_is_never_an_identity()
    {
        var list = new OpList().Add(CdlOpData.Identity(CdlStyle.AscV12));
        Assert.Single(OpListOptimizer.RemoveIdentities(list).Ops);
    }

    [Fact]
    public void Adjacent_matrices_fold_into_one_with_the_same_result()
    {
        var list = new OpList().Add(A).Add(B);
        var folded = OpListOptimizer.FoldMatrices(list);
        Assert.Single(folded.Ops);
        var input = RandomPixels.Uniform(1000, -1, 2, 3);
        var x = (float[])input.Clone();
        var y = (float[])input.Clone();
        new CpuProcessor(list, optimize: false).Apply(x);
        new CpuProcessor(folded, optimize: false).Apply(y);
        // Folding in double then rounding once is more exact than two float passes; 1e-6 covers the difference.
        Assert.True(Tolerance.MaxError(y, x).MaxError < 1e-6);
    }

    [Fact]
    public void Inverse_pairs_are_dropped()
    {
        var curve = new TransferOpData(LogCameraCurve.SLog3, TransformDirection.Inverse);
        var list = new OpList().Add(A).Add(curve).Add(curve.Inverse()).Add(B);
        var optimized = OpListOptimizer.Optimize(list);
        Assert.Single(optimized.Ops); // the pair goes, then A and B fold
    }

    [Fact]
    public void Clamping_curves_are_not_treated_as_inverse_pairs()
    {
        var gamma = new TransferOpData(GammaCurve.Rec1886, TransformDirection.Forward);
        var list = new OpList().Add(gamma).Add(gamma.Inverse());
        Assert.Equal(2, OpListOptimizer.RemoveInversePairs(list).Count);
    }

    [Fact]
    public void Space_to_itself_optimises_to_nothing()
    {
        var s = ColorSpaceRegistry.Get("logc3");
        Assert.True(new CpuProcessor(ColorSpaceRegistry.Conversion(s, s)).IsIdentity);
    }

    [Fact]
    public void Matrix_inverse_undoes_the_matrix_including_offset()
    {
        var input = RandomPixels.Uniform(1000, -1, 2, 4);
        var px = (float[])input.Clone();
        new CpuProcessor(new OpList().Add(A).Add(A.Inverse()), optimize: false).Apply(px);
        Assert.True(Tolerance.MaxError(px, input).MaxError < 1e-6);
    }
}
