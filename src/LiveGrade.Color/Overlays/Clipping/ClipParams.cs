using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Rendering;

namespace LiveGrade.Color.Overlays.Clipping;

/// <summary>
/// Clipping indicators: a pixel with any of R', G', B' at or above <see cref="HighIre"/> turns
/// <see cref="HighColour"/>; otherwise one with any channel at or below <see cref="LowIre"/> turns
/// <see cref="LowColour"/>. Judged per channel on 10-bit codes: by default 100% (code 940, where an SDR
/// display clips) and 0% (code 64, black). A single clipped channel matters: it shifts the hue.
/// </summary>
public sealed record ClipParams
{
    public double HighIre { get; init; } = 100;
    public double LowIre { get; init; } = 0;
    public Rgb HighColour { get; init; } = new(1f, 0f, 0f);
    public Rgb LowColour { get; init; } = new(0f, 0.35f, 1f);

    public int HighCode => (int)System.Math.Clamp(System.Math.Ceiling(VideoLevels.IreToCode(HighIre) - 1e-9), 0, VideoLevels.Codes);
    public int LowCode => (int)System.Math.Clamp(System.Math.Floor(VideoLevels.IreToCode(LowIre) + 1e-9), -1, VideoLevels.Codes - 1);
}
