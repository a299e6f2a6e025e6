using LiveGrade.Color.Formats.Cdl;
using LiveGrade.Core.Video;
using LiveGrade.Engine.Library;

namespace LiveGrade.Engine.Tests.Library;

/// <summary>Looks and files for the tests: seeded, so a failure reproduces.</summary>
public static class Samples
{
    /// <summary>A minimal valid PNG (1x1 grey), enough for the store's signature check and a byte-exact round trip.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==");

    /// <summary>A tiny .cube (2^3, a slight warm shift) as a show LUT.</summary>
    public static readonly string ShowLutText = string.Join('\n',
        "TITLE \"show\"", "LUT_3D_SIZE 2",
        "0 0 0", "1 0 0", "0 1 0", "1 1 0", "0 0 0.9", "1 0 0.9", "0 1 0.9", "1 1 0.9", "");

    public static LookLut ShowLut() => new("show.cube", System.Text.Encoding.UTF8.GetBytes(ShowLutText), "/luts/show.cube");

    /// <summary>Random CDL values across the range a DIT uses, with full double precision (no rounding to text).</summary>
    public static CdlCorrection RandomCdl(Random rng) => new(null,
        [0.7 + 0.6 * rng.NextDouble(), 0.7 + 0.6 * rng.NextDouble(), 0.7 + 0.6 * rng.NextDouble()],
        [-0.1 + 0.2 * rng.NextDouble(), -0.1 + 0.2 * rng.NextDouble(), -0.1 + 0.2 * rng.NextDouble()],
        [0.7 + 0.6 * rng.NextDouble(), 0.7 + 0.6 * rng.NextDouble(), 0.7 + 0.6 * rng.NextDouble()],
        0.5 * rng.NextDouble() + 0.75);

    public static LookDraft Draft(string camera, string scene, string take, string roll = "", string clip = "", int seed = 1) =>
        new(new LookSlot(camera, scene, take, roll, clip), RandomCdl(new Random(seed)))
        {
            InputSpace = "ARRI LogC3 (EI800)",
            WorkingSpace = "ACEScct",
            Author = "dit",
        };

    /// <summary>A look with every field set.</summary>
    public static LookDraft Full(int seed = 7) => Draft("A", "12", "3", "A001", "A001C003_230512_R1AB", seed) with
    {
        Luts = [ShowLut()],
        OutputTransform = "aces-sdr-rec709",
        TimecodeIn = "10:00:00:00",
        TimecodeOut = "10:00:12:13",
        FrameRate = FrameRate.Fps25,
        Thumbnail = Png,
        Note = "day 3, warm key",
    };

    public static void AssertSameLook(LookDraft expected, LookDraft actual)
    {
        Assert.Equal(expected.Slot, actual.Slot);
        Assert.True(expected.Cdl.SameValues(actual.Cdl), $"CDL {actual.Cdl} differs from {expected.Cdl}");
        Assert.Equal(expected.CdlStyle, actual.CdlStyle);
        Assert.Equal(expected.InputSpace, actual.InputSpace);
        Assert.Equal(expected.WorkingSpace, actual.WorkingSpace);
        Assert.Equal(expected.OutputTransform, actual.OutputTransform);
        Assert.Equal(expected.TimecodeIn, actual.TimecodeIn);
        Assert.Equal(expected.TimecodeOut, actual.TimecodeOut);
        Assert.Equal(expected.FrameRate, actual.FrameRate);
        Assert.Equal(expected.Author, actual.Author);
        Assert.Equal(expected.Note, actual.Note);
        Assert.Equal(expected.Luts.Count, actual.Luts.Count);
        for (int i = 0; i < expected.Luts.Count; i++)
        {
            Assert.Equal(expected.Luts[i].FileName, actual.Luts[i].FileName);
            Assert.Equal(expected.Luts[i].Content, actual.Luts[i].Content);
            Assert.Equal(expected.Luts[i].Sha256, actual.Luts[i].Sha256);
            Assert.Equal(expected.Luts[i].SourcePath, actual.Luts[i].SourcePath);
        }
    }
}
