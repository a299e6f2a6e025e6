using LiveGrade.Interop.Oiio;

namespace LiveGrade.App.Tests.Commands;

public class RecordCommandTests
{
    [Fact]
    public void Record_writes_bars_as_a_dpx_sequence()
    {
        string dir = CliRunner.TempDir();
        var r = CliRunner.Run("record", "bars", "-o", dir, "--frames", "3", "--format", "dpx", "--size", "320x180");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(3, Directory.GetFiles(dir, "frame.*.dpx").Length);
        var img = ImageFile.Read(Path.Combine(dir, "frame.000002.dpx"));
        // The first 75% bar (white) sits right of the 40 px side panel: code 0.75 * 1023 = 767 in a full-range DPX.
        int i = (50 * 320 + 60) * 4;
        Assert.Equal(767.0 / 1023, img.Pixels[i], 1e-6);
        Assert.Equal(0.4 * 1023, Math.Round(img.Pixels[(50 * 320 + 10) * 4] * 1023), 0);
    }

    [Fact]
    public void Record_refuses_an_unknown_source_in_one_line()
    {
        var r = CliRunner.Run("record", "nonsense", "-o", CliRunner.TempDir(), "--frames", "1");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: source 'nonsense'", r.Stderr.Trim());
    }
}
