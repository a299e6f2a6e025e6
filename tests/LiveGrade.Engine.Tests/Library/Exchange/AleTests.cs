using LiveGrade.Core.Diagnostics;
using LiveGrade.Core.Video;
using LiveGrade.Engine.Library;
using LiveGrade.Engine.Library.Exchange;

namespace LiveGrade.Engine.Tests.Library.Exchange;

public sealed class AleTests
{
    private static readonly ImportOptions Options = new() { Author = "test" };

    [Fact]
    public void Export_then_import_gives_the_same_CDL_and_keys_for_every_clip()
    {
        var looks = Records.Day();
        string ale = AleWriter.Write(looks, FrameRate.Fps24);
        var back = AleReader.Parse(ale, "day.ale", Options);
        Assert.Equal(looks.Count, back.Count);
        for (int i = 0; i < looks.Count; i++)
        {
            Assert.True(back[i].Cdl.SameValues(looks[i].Cdl), $"{looks[i].Slot}: {back[i].Cdl} != {looks[i].Cdl}");
            Assert.Equal(looks[i].Slot, back[i].Slot);
            Assert.Equal(looks[i].Look.TimecodeIn, back[i].TimecodeIn);
            Assert.Equal(looks[i].Look.TimecodeOut, back[i].TimecodeOut);
            Assert.Equal(FrameRate.Fps25, back[i].FrameRate); // the looks' own rate wins over the fallback
        }
    }

    [Fact]
    public void The_written_layout_is_Heading_Column_Data_with_tabs()
    {
        var ale = AleWriter.Write([Records.Of(Samples.Full())], FrameRate.Fps24);
        var lines = ale.Split("\r\n");
        Assert.Equal("Heading", lines[0]);
        Assert.Equal("FIELD_DELIM\tTABS", lines[1]);
        Assert.Contains("FPS\t25", lines);
        int column = Array.IndexOf(lines, "Column");
        Assert.Equal(string.Join('\t', AleWriter.Columns), lines[column + 1]);
        int data = Array.IndexOf(lines, "Data");
        var cells = lines[data + 1].Split('\t');
        Assert.Equal(AleWriter.Columns.Length, cells.Length);
        Assert.Equal("A001C003_230512_R1AB", cells[0]);
        Assert.Matches(@"^\([^()]+ [^()]+ [^()]+\)\([^()]+ [^()]+ [^()]+\)\([^()]+ [^()]+ [^()]+\)$", cells[Array.IndexOf(AleWriter.Columns, "ASC_SOP")]);
    }

    [Fact]
    public void Reads_a_Resolve_style_ALE()
    {
        // As DaVinci Resolve exports "ALE with CDL": CRLF, more heading lines, many columns, values to six places,
        // spaces inside the ASC_SOP groups, Source File with a path.
        string ale = string.Join("\r\n",
            "Heading", "FIELD_DELIM\tTABS", "VIDEO_FORMAT\t1080", "AUDIO_FORMAT\t48khz", "FPS\t23.976", "",
            "Column",
            "Name\tTracks\tStart\tEnd\tDuration\tTape\tSource File\tCamroll\tScene\tTake\tASC_SOP\tASC_SAT\tLUT",
            "",
            "Data",
            "A002C007_230512_R1AB\tV\t14:21:03:11\t14:21:09:02\t00:00:05:15\tA002\t/Volumes/A002/A002C007_230512_R1AB.mov\tA002\t23\t4\t(1.012000 0.998000 0.970000)(0.001000 -0.002000 0.004000)(1.000000 1.000000 1.100000)\t0.950000\tshow.cube",
            "A002C008_230512_R1AB\tV\t14:25:00:00\t14:25:10:00\t00:00:10:00\tA002\t/Volumes/A002/A002C008_230512_R1AB.mov\tA002\t23\t5\t\t\t",
            "");
        var looks = AleReader.Parse(ale, "resolve.ale", Options);
        var look = Assert.Single(looks); // the second clip has no grade
        Assert.Equal(new LookSlot("A", "23", "4", "A002", "A002C007_230512_R1AB"), look.Slot);
        Assert.Equal([1.012, 0.998, 0.97], look.Cdl.Slope);
        Assert.Equal([0.001, -0.002, 0.004], look.Cdl.Offset);
        Assert.Equal([1, 1, 1.1], look.Cdl.Power);
        Assert.Equal(0.95, look.Cdl.Saturation);
        Assert.Equal(FrameRate.Fps23_976, look.FrameRate);
        Assert.Equal("14:21:03:11", look.TimecodeIn);
    }

    [Fact]
    public void Reads_a_Silverstack_style_ALE()
    {
        // LF only, no blank lines between sections, columns in another order, Camera and Reel Name columns,
        // no ASC_SAT column at all, spaces between the SOP groups, a short row.
        string ale = string.Join("\n",
            "Heading", "FIELD_DELIM\tTABS", "FPS\t25",
            "Column",
            "ASC_SOP\tCamera\tReel Name\tClip Name\tScene\tTake\tStart\tEnd\tComments",
            "Data",
            "(1.1 1.0 0.9) (0.0 0.0 0.0) (1.0 1.0 1.0)\tB\tB014\tB014_C002\t7A\t2\t08:00:00:00\t08:00:04:00\tnice",
            "(1 1 1)(0.01 0.01 0.01)(1 1 1)\tB\tB014\tB014_C003\t7A\t3",
            "");
        var looks = AleReader.Parse(ale, "silverstack.ale", Options);
        Assert.Equal(2, looks.Count);
        Assert.Equal(new LookSlot("B", "7A", "2", "B014", "B014_C002"), looks[0].Slot);
        Assert.Equal(1, looks[0].Cdl.Saturation);
        Assert.Equal([1.1, 1.0, 0.9], looks[0].Cdl.Slope);
        Assert.Null(looks[1].TimecodeIn);
        Assert.Equal([0.01, 0.01, 0.01], looks[1].Cdl.Offset);
    }

    [Theory]
    [InlineData("(1.0 1.0 1.0)(0.0 0.0 0.0)(1.0 1.0)\t1.0", "ASC_SOP group '(1.0 1.0)' needs 3 numbers, found 2")]
    [InlineData("(1.0 1.0 1,5)(0.0 0.0 0.0)(1.0 1.0 1.0)\t1.0", "ASC_SOP value '1,5' is not a number")]
    [InlineData("(1.0 1.0 1.0)(0.0 0.0 0.0)(1.0 1.0 1.0)\tabc", "ASC_SAT value 'abc' is not a number")]
    [InlineData("(1.0 1.0 1.0)(0.0 0.0 0.0)(1.0 1.0 0)\t1", "ASC_SOP: CDL power must be greater than 0, got 0")]
    [InlineData("(1.0 1.0 1.0)(0.0 0.0 0.0)(1.0 1.0 NaN)\t1", "ASC_SOP value 'NaN' is not a finite number")]
    [InlineData("(1 1 1)(0 0 0)(1 1 1) extra\t1", "ASC_SOP '(1 1 1)(0 0 0)(1 1 1) extra' is not (slope)(offset)(power): needs three groups of three numbers in parentheses")]
    public void A_bad_number_is_an_error_at_its_line(string cdlCells, string reason)
    {
        string ale = string.Join("\n", "Heading", "FPS\t25", "", "Column", "Name\tTape\tASC_SOP\tASC_SAT", "", "Data",
            "A001C001\tA001\t(1 1 1)(0 0 0)(1 1 1)\t1", $"A001C002\tA001\t{cdlCells}", "");
        var e = Assert.Throws<InputException>(() => AleReader.Parse(ale, "bad.ale", Options));
        Assert.Equal("bad.ale", e.File);
        Assert.Equal(9, e.Line);
        Assert.Equal(reason, e.Reason);
    }

    [Fact]
    public void Structural_problems_name_their_line()
    {
        var noSop = Assert.Throws<InputException>(() => AleReader.Parse("Heading\nFPS\t25\n\nColumn\nName\tTape\n\nData\nA\tB\n", "x.ale", Options));
        Assert.Equal((5, "ALE has no ASC_SOP column, so no CDLs to import"), (noSop.Line!.Value, noSop.Reason));
        var notAle = Assert.Throws<InputException>(() => AleReader.Parse("TITLE: an EDL\n", "x.ale", Options));
        Assert.Equal(1, notAle.Line);
        var badTc = Assert.Throws<InputException>(() => AleReader.Parse(
            "Heading\nFPS\t25\nColumn\nName\tStart\tASC_SOP\nData\nA001C001\t10:00:00:25\t(1 1 1)(0 0 0)(1 1 1)\n", "x.ale", Options));
        Assert.Equal(6, badTc.Line);
        Assert.StartsWith("Start: '10:00:00:25'", badTc.Reason);
        var tooMany = Assert.Throws<InputException>(() => AleReader.Parse(
            "Heading\nColumn\nName\tASC_SOP\nData\nA001C001\t(1 1 1)(0 0 0)(1 1 1)\tstray\n", "x.ale", Options));
        Assert.Equal(5, tooMany.Line);
    }

    [Fact]
    public void The_camera_comes_from_the_option_a_column_or_the_roll()
    {
        string ale = "Heading\nColumn\nName\tTape\tASC_SOP\nData\nX1\tC007\t(1 1 1)(0 0 0)(1 1 1)\n";
        Assert.Equal("C", AleReader.Parse(ale, null, Options)[0].Slot.Camera);
        Assert.Equal("Crane", AleReader.Parse(ale, null, Options with { Camera = "Crane" })[0].Slot.Camera);
        var e = Assert.Throws<InputException>(() => AleReader.Parse("Heading\nColumn\nName\tASC_SOP\nData\nclip\t(1 1 1)(0 0 0)(1 1 1)\n", "n.ale", Options));
        Assert.Contains("--camera", e.Reason);
    }

    [Fact]
    public void Rounded_output_for_old_readers_keeps_five_significant_digits()
    {
        var look = Records.Of(Samples.Draft("A", "1", "1") with { Cdl = new(null, [1.0123456, 1, 1], [0.00123456, 0, 0], [1, 1, 1], 1.23456789) });
        string ale = AleWriter.Write([look], FrameRate.Fps24, significantDigits: 5);
        Assert.Contains("(1.0123 1 1)(0.0012346 0 0)(1 1 1)\t1.2346", ale);
    }
}
