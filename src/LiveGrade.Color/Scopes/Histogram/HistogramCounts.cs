namespace LiveGrade.Color.Scopes.Histogram;

/// <summary>
/// Pixels per 10-bit code for Y', R', G' and B' (channel 0..3): <c>Counts[channel * 1024 + code]</c>.
/// The luma statistics come from channel 0. Reused frame after frame.
/// </summary>
public sealed class HistogramCounts(YCbCrMatrix matrix)
{
    public const int Channels = 4;
    public const int Luma = 0, Red = 1, Green = 2, Blue = 3;

    public YCbCrMatrix Matrix { get; } = matrix;
    public uint[] Counts { get; } = new uint[Channels * VideoLevels.Codes];

    public int ImageWidth { get; set; }
    public int ImageHeight { get; set; }

    public long Samples => (long)ImageWidth * ImageHeight;

    public uint this[int channel, int code] => Counts[channel * VideoLevels.Codes + code];

    public ReadOnlySpan<uint> Channel(int channel) => Counts.AsSpan(channel * VideoLevels.Codes, VideoLevels.Codes);
}
