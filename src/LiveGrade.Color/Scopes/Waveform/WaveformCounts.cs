namespace LiveGrade.Color.Scopes.Waveform;

/// <summary>
/// The numbers behind a waveform: for each channel and column, how many samples fell on each 10-bit level.
/// Layout: <c>Counts[(channel * Columns + column) * 1024 + level]</c>. Reused frame after frame.
/// </summary>
public sealed class WaveformCounts
{
    public WaveformCounts(WaveformParams parameters)
    {
        Params = parameters;
        Counts = new uint[parameters.Channels * parameters.Columns * VideoLevels.Codes];
    }

    public WaveformParams Params { get; }
    public uint[] Counts { get; }

    /// <summary>Width and height of the image last analysed.</summary>
    public int ImageWidth { get; set; }
    public int ImageHeight { get; set; }

    public uint this[int channel, int column, int level] => Counts[(channel * Params.Columns + column) * VideoLevels.Codes + level];

    /// <summary>
    /// The most samples one column can receive: the image height times the most image columns that map to
    /// one waveform column. A flat field fills one level with exactly this many; it sets the intensity scale.
    /// </summary>
    public long SamplesPerColumn => (long)ImageHeight * ((ImageWidth + Params.Columns - 1) / Params.Columns);
}
