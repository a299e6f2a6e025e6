using LiveGrade.Interop.Oiio;

namespace LiveGrade.App.Tests.Commands;

public class DemoCommandTests
{
    [Fact]
    public void Demo_writes_the_camera_signal_and_the_graded_picture()
    {
        string dir = CliRunner.TempDir();
        var r = CliRunner.Run("demo", "--out", dir, "--width", "384", "--height", "216");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains(dir, r.Stdout);
        var camera = ImageFile.Read(Path.Combine(dir, "camera_logc3.exr"));
        var graded = ImageFile.Read(Path.Combine(dir, "graded_rec709.tif"));
        Assert.Equal((384, 216), (camera.Width, camera.Height));

        // The 18% grey step of the grey scale (step 10 of 21, rows 55%-75%) is LogC3 code 0.391 (ARRI).
        int x = 384 * 10 / 21 + 384 / 42, y = 216 * 65 / 100;
        int i = (y * 384 + x) * 4;
        Assert.Equal(0.391, camera.Pixels[i + 1], 0.002);
        // Graded for a Rec.709 monitor, grey is a mid-tone, not black or white, and the look keeps it near neutral.
        Assert.InRange(graded.Pixels[i + 1], 0.3, 0.6);
        Assert.InRange(graded.Pixels[i] - graded.Pixels[i + 2], -0.02, 0.08);
    }
}
