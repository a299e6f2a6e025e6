namespace LiveGrade.Color.Scopes.Waveform;

/// <summary>
/// What a waveform counts, shared by the CPU analyser and the GPU pass: image column x feeds waveform column
/// <c>x * Columns / width</c> (integer division); each column has 1024 levels, one per 10-bit code.
/// Luma counts one channel (Y'); RGB overlay and parade count three (R', G', B').
/// </summary>
public sealed record WaveformParams
{
    public WaveformParams(int columns, bool rgb, YCbCrMatrix matrix)
    {
        if (columns is < 1 or > MaxColumns)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), $"waveform columns must be 1..{MaxColumns}");
        }
        Columns = columns;
        Rgb = rgb;
        Matrix = matrix;
    }

    public const int MaxColumns = 4096;

    public int Columns { get; }

    /// <summary>True: count R', G' and B' (overlay, parade); false: count Y'.</summary>
    public bool Rgb { get; }

    public YCbCrMatrix Matrix { get; }

    public int Channels => Rgb ? 3 : 1;

    /// <summary>
    /// Columns for an image: the image width divided by the smallest whole factor that brings it to at most
    /// <paramref name="maxColumns"/>. A whole factor gives every waveform column the same number of image
    /// columns, so a flat field draws an even trace (1920 -> 960, 3840 -> 960, 4096 -> 1024).
    /// </summary>
    public static int ColumnsFor(int imageWidth, int maxColumns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(imageWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxColumns, 1);
        int factor = (imageWidth + maxColumns - 1) / maxColumns;
        return System.Math.Max(1, imageWidth / factor);
    }
}
