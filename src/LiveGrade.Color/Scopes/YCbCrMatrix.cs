namespace LiveGrade.Color.Scopes;

/// <summary>
/// The luma and colour-difference weights that turn non-linear R'G'B' into Y'CbCr (ITU-R BT.709 item 3.2,
/// BT.2020 table 4): Y' = Kr R' + Kg G' + Kb B', Cb = (B' - Y') / (2 (1 - Kb)), Cr = (R' - Y') / (2 (1 - Kr)).
/// Cb and Cr span -0.5..0.5 for R'G'B' in 0..1.
/// </summary>
public sealed record YCbCrMatrix(string Name, double Kr, double Kb)
{
    /// <summary>BT.709: Kr 0.2126, Kb 0.0722.</summary>
    public static readonly YCbCrMatrix Rec709 = new("Rec.709", 0.2126, 0.0722);

    /// <summary>BT.2020 (non-constant luminance): Kr 0.2627, Kb 0.0593.</summary>
    public static readonly YCbCrMatrix Rec2020 = new("Rec.2020", 0.2627, 0.0593);

    public double Kg => 1 - Kr - Kb;

    /// <summary>Parses "709", "rec709", "2020", "rec2020" (case-insensitive), else null.</summary>
    public static YCbCrMatrix? Parse(string text) => text.Trim().ToLowerInvariant().Replace(".", "") switch
    {
        "709" or "rec709" or "bt709" => Rec709,
        "2020" or "rec2020" or "bt2020" => Rec2020,
        _ => null,
    };

    /// <summary>(Y', Cb, Cr) of an R'G'B' value, in double precision (graticule targets, references).</summary>
    public (double Y, double Cb, double Cr) ToYCbCr(double r, double g, double b)
    {
        double y = Kr * r + Kg * g + Kb * b;
        return (y, (b - y) / (2 * (1 - Kb)), (r - y) / (2 * (1 - Kr)));
    }

    /// <summary>
    /// The nine weights as single-precision numbers, rounded once from double. The CPU scopes and the GPU
    /// shaders evaluate with exactly these floats in the same order, so both land in the same bins.
    /// </summary>
    public ScopeWeights Weights()
    {
        double cbScale = 1 / (2 * (1 - Kb)), crScale = 1 / (2 * (1 - Kr));
        return new ScopeWeights(
            (float)Kr, (float)Kg, (float)Kb,
            (float)(-Kr * cbScale), (float)(-Kg * cbScale), (float)((1 - Kb) * cbScale),
            (float)((1 - Kr) * crScale), (float)(-Kg * crScale), (float)(-Kb * crScale));
    }

    public override string ToString() => Name;
}

/// <summary>Single-precision Y', Cb and Cr weights on R', G', B' (see <see cref="YCbCrMatrix.Weights"/>).</summary>
public readonly record struct ScopeWeights(
    float YR, float YG, float YB,
    float CbR, float CbG, float CbB,
    float CrR, float CrG, float CrB)
{
    /// <summary>Y' as the shaders compute it: each product rounded to float, summed left to right, no FMA.</summary>
    public float Luma(float r, float g, float b) => YR * r + YG * g + YB * b;

    public float Cb(float r, float g, float b) => CbR * r + CbG * g + CbB * b;

    public float Cr(float r, float g, float b) => CrR * r + CrG * g + CrB * b;

    /// <summary>Row-major 3x3 (Y', Cb, Cr rows), for uniforms.</summary>
    public float[] ToArray() => [YR, YG, YB, CbR, CbG, CbB, CrR, CrG, CrB];
}
