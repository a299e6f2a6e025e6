namespace LiveGrade.Color.Scopes.Vectorscope;

/// <summary>
/// What a vectorscope counts, shared by the CPU analyser and the GPU pass: Cb and Cr are quantised to 10-bit
/// codes (512 = neutral) and binned <c>code * Size / 1024</c> on each axis, Cb across, Cr up.
/// Layout of the counts: <c>Counts[crBin * Size + cbBin]</c>.
/// </summary>
public sealed record VectorscopeParams
{
    public VectorscopeParams(int size, YCbCrMatrix matrix)
    {
        if (size is not (128 or 256 or 512 or 1024))
        {
            throw new ArgumentOutOfRangeException(nameof(size), "vectorscope size must be 128, 256, 512 or 1024 bins per axis");
        }
        Size = size;
        Matrix = matrix;
    }

    /// <summary>Bins per axis (512: two 10-bit codes per bin).</summary>
    public int Size { get; }

    public YCbCrMatrix Matrix { get; }

    /// <summary>10-bit codes per bin.</summary>
    public int CodesPerBin => VideoLevels.Codes / Size;

    /// <summary>The bin of a 10-bit chroma code.</summary>
    public int Bin(int code) => code * Size / VideoLevels.Codes;
}
