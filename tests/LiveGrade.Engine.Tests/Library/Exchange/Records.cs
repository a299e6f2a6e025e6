using LiveGrade.Engine.Library;

namespace LiveGrade.Engine.Tests.Library.Exchange;

/// <summary>Saved-look records built in memory, as a store would return them, for the writers.</summary>
public static class Records
{
    public static LookRecord Of(LookDraft draft, int id = 1, int version = 1) => new()
    {
        Id = id,
        Version = version,
        SavedAt = new DateTimeOffset(2026, 5, 12, 14, 30, 0, TimeSpan.Zero),
        Look = draft,
    };

    /// <summary>A day of looks: three cameras, several scenes and takes, random CDLs with full precision.</summary>
    public static List<LookRecord> Day(int count = 12, int seed = 3)
    {
        var rng = new Random(seed);
        var list = new List<LookRecord>();
        for (int i = 0; i < count; i++)
        {
            string camera = ((char)('A' + i % 3)).ToString();
            string roll = $"{camera}{1 + i / 6:000}";
            var draft = new LookDraft(new LookSlot(camera, (10 + i / 4).ToString(System.Globalization.CultureInfo.InvariantCulture),
                (1 + i % 4).ToString(System.Globalization.CultureInfo.InvariantCulture), roll, $"{roll}C{i + 1:000}_260512_R1AB"), Samples.RandomCdl(rng))
            {
                WorkingSpace = "ACEScct",
                InputSpace = "ARRI LogC3 (EI800)",
                TimecodeIn = $"1{i % 10}:00:00:00",
                TimecodeOut = $"1{i % 10}:00:{10 + i:00}:12",
                FrameRate = Core.Video.FrameRate.Fps25,
                Author = "dit",
            };
            list.Add(Of(draft, id: i + 1));
        }
        return list;
    }
}
