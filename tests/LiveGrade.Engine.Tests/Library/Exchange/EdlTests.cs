using LiveGrade.Core.Diagnostics;
using LiveGrade.Core.Video;
using LiveGrade.Engine.Library;
using LiveGrade.Engine.Library.Exchange;

namespace LiveGrade.Engine.Tests.Library.Exchange;

public sealed class EdlTests
{
    private static readonly ImportOptions Options = new() { Author = "test", FrameRate = FrameRate.Fps25 };

    [Fact]
    public void Export_then_import_gives_the_same_CDL_and_keys_for_every_event()
    {
        var looks = Records.Day();
        string edl = EdlWriter.Write(looks, FrameRate.Fps24, "Day 12");
        var back = EdlReader.Parse(edl, "day.edl", Options);
        Assert.Equal(looks.Count, back.Count);
        for (int i = 0; i < looks.Count; i++)
        {
            Assert.True(back[i].Cdl.SameValues(looks[i].Cdl), $"{looks[i].Slot}: {back[i].Cdl} != {looks[i].Cdl}");
            Assert.Equal(looks[i].Slot, back[i].Slot);
            Assert.Equal(looks[i].Look.TimecodeIn, back[i].TimecodeIn);
            Assert.Equal(looks[i].Look.TimecodeOut, back[i].TimecodeOut);
        }
    }

    [Fact]
    public void Record_timecode_runs_on_from_one_hour_event_after_event()
    {
        var looks = Records.Day(3);
        var lines = EdlWriter.Write(looks, FrameRate.Fps24, "t").Split("\r\n");
        Assert.Equal("TITLE: t", lines[0]);
        Assert.Equal("FCM: NON-DROP FRAME", lines[1]);
        var events = lines.Where(l => l.Length > 3 && char.IsDigit(l[0])).ToList();
        Assert.Equal(3, events.Count);
        // Durations at 25 fps: 10 s 12 fr, 11 s 12 fr, 12 s 12 fr; records add up (12 + 12 frames = 24, + 12 = 1 s 11).
        Assert.Equal("001  A001     V     C        10:00:00:00 10:00:10:12 01:00:00:00 01:00:10:12", events[0]);
        Assert.EndsWith("11:00:00:00 11:00:11:12 01:00:10:12 01:00:21:24", events[1]);
        Assert.EndsWith("12:00:00:00 12:00:12:12 01:00:21:24 01:00:34:11", events[2]);
        int e0 = Array.IndexOf(lines, events[0]);
        Assert.Equal("* FROM CLIP NAME: A001C001_260512_R1AB", lines[e0 + 1]);
        Assert.StartsWith("*ASC_SOP (", lines[e0 + 5]);
        Assert.StartsWith("*ASC_SAT ", lines[e0 + 6]);
    }

    [Fact]
    public void Reads_the_variants_other_systems_write()
    {
        // Spaces between the groups, "* ASC_SOP" with a space, a dissolve with a duration, M2 and >>> lines,
        // an event without a CDL, a missing ASC_SAT, CRLF, a long reel name.
        string edl = string.Join("\r\n",
            "TITLE: CONFORM_R1", "FCM: NON-DROP FRAME", "",
            "001  A003C002_230512_R1AB V     C        11:02:03:04 11:02:05:04 01:00:00:00 01:00:02:00",
            "M2   A003C002_230512_R1AB       050.0                11:02:03:04",
            "* FROM CLIP NAME:  A003C002_230512_R1AB.MOV",
            "* ASC_SOP (1.0500 1.0000 0.9500) (0.0100 0.0000 -0.0100) (1.1000 1.0000 0.9500)",
            "* ASC_SAT 1.2000",
            "",
            "002  BL       V     C        00:00:00:00 00:00:01:00 01:00:02:00 01:00:03:00",
            "",
            "003  B001     V     D    025 09:00:00:00 09:00:04:00 01:00:03:00 01:00:07:00",
            ">>> SOURCE B001C001 B001C001_230512.mxf",
            "*ASC_SOP (0.9 0.9 0.9)(0 0 0)(1 1 1)",
            "");
        var looks = EdlReader.Parse(edl, "conform.edl", Options);
        Assert.Equal(2, looks.Count);
        Assert.Equal(new LookSlot("A", roll: "A003C002_230512_R1AB", clip: "A003C002_230512_R1AB.MOV"), looks[0].Slot);
        Assert.Equal([1.05, 1, 0.95], looks[0].Cdl.Slope);
        Assert.Equal([0.01, 0, -0.01], looks[0].Cdl.Offset);
        Assert.Equal(1.2, looks[0].Cdl.Saturation);
        Assert.Equal("B", looks[1].Slot.Camera);
        Assert.Equal(1, looks[1].Cdl.Saturation);
        Assert.Equal("09:00:00:00", looks[1].TimecodeIn);
    }

    [Theory]
    [InlineData("*ASC_SOP (1 1 1)(0 0 0)(1 1 x)", 5, "ASC_SOP value 'x' is not a number")]
    [InlineData("*ASC_SAT -1", 5, "ASC_SAT -1 is out of range (0..1000000)")]
    [InlineData("*ASC_SOP (1 1 1)(0 0 0)", 5, "ASC_SOP '(1 1 1)(0 0 0)' is not (slope)(offset)(power): needs three groups of three numbers in parentheses")]
    [InlineData("001  A001 V C 10:00:00:00 10:00:01:00 01:00:00:00", 5, "not a CMX3600 event line: '001  A001 V C 10:00:00:00 10:00:01:00 01:00:00:00'")]
    [InlineData("*ASC_CC_XML A001C001", 5, "*ASC_CC_XML points into a .ccc that the EDL does not carry; import that .ccc instead")]
    public void A_bad_line_is_an_error_at_its_line(string line, int expectedLine, string reason)
    {
        string edl = string.Join("\n", "TITLE: x", "", "001  A001     V     C        10:00:00:00 10:00:01:00 01:00:00:00 01:00:01:00", "* FROM CLIP NAME: A001C001", line, "");
        var e = Assert.Throws<InputException>(() => EdlReader.Parse(edl, "bad.edl", Options));
        Assert.Equal(("bad.edl", expectedLine, reason), (e.File, e.Line!.Value, e.Reason));
    }

    [Fact]
    public void A_timecode_that_cannot_exist_at_the_rate_is_refused()
    {
        string edl = "TITLE: x\n001  A001     V     C        10:00:00:29 10:00:01:00 01:00:00:00 01:00:01:00\n*ASC_SOP (1 1 1)(0 0 0)(1 1 1)\n";
        var e = Assert.Throws<InputException>(() => EdlReader.Parse(edl, "tc.edl", Options));
        Assert.Equal(2, e.Line);
    }
}
