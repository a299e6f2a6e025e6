namespace LiveGrade.Color.Scopes.Vectorscope;

/// <summary>The numbers behind a vectorscope: pixels per (Cb, Cr) bin. Reused frame after frame.</summary>
public sealed class VectorscopeCounts(VectorscopeParams parameters)
{
    public VectorscopeParams Params { get; } = parameters;
    public uint[] Counts { get; } = new uint[parameters.Size * parameters.Size];

    public int ImageWidth { get; set; }
    public int ImageHeight { get; set; }

    public uint this[int cbBin, int crBin] => Counts[crBin * Params.Size + cbBin];

    /// <summary>Pixels analysed; a flat field puts all of them in one bin, which sets the intensity scale.</summary>
    public long Samples => (long)ImageWidth * ImageHeight;
}
