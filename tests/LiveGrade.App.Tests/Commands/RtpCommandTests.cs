using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LiveGrade.Core.Video;
using LiveGrade.Video.Rtp;

namespace LiveGrade.App.Tests.Commands;

public class RtpCommandTests
{
    private static int FreePort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }

    [Fact]
    public async Task SendWritesTheSdpAndReceiveGetsTheStreamFromIt()
    {
        var dir = CliRunner.TempDir();
        string sdp = Path.Combine(dir, "bars.sdp");
        int port = FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "livegrade.dll"), "rtp", "send", "bars", "--dest", $"127.0.0.1:{port}",
                     "--sdp", sdp, "--seconds", "10", "--size", "640x360", "--rate", "25", "--format", "uyvy" })
        {
            psi.ArgumentList.Add(a);
        }
        using var sender = Process.Start(psi)!;
        var sendOut = sender.StandardOutput.ReadToEndAsync();
        var sendErr = sender.StandardError.ReadToEndAsync();
        var sw = Stopwatch.StartNew();
        while (!File.Exists(sdp) && sw.Elapsed < TimeSpan.FromSeconds(60) && !sender.HasExited) Thread.Sleep(50);
        Thread.Sleep(200); // written in one call, but be sure it is closed
        if (!File.Exists(sdp)) Assert.Fail("the sender wrote no SDP: " + await sendErr);

        var stream = SdpFile.Read(sdp);
        Assert.Equal(new VideoMode(640, 360, FrameRate.Fps25, PixelFormat.Uyvy8), stream.Mode);
        Assert.Equal(port, stream.Port);

        var r = CliRunner.Run("rtp", "receive", $"sdp:{sdp}", "--seconds", "4", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var json = JsonDocument.Parse(r.Stdout.Split('\n').First(l => l.StartsWith('{'))).RootElement;
        Assert.True(json.GetProperty("framesReceived").GetInt64() > 0, r.Stdout);
        Assert.Equal(0, json.GetProperty("malformed").GetInt64());
        Assert.Equal(0, json.GetProperty("foreign").GetInt64());

        using var exitWait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await sender.WaitForExitAsync(exitWait.Token);
        string sent = await sendOut;
        Assert.True(sender.ExitCode == 0, await sendErr);
        Assert.Contains("sent ", sent);
        Assert.Contains("packets/s", sent);
    }

    [Fact]
    public void AMalformedSdpIsOneLineWithFileAndLine()
    {
        var dir = CliRunner.TempDir();
        string sdp = Path.Combine(dir, "bad.sdp");
        File.WriteAllText(sdp, "v=0\nm=video 5004 RTP/AVP 96\nc=IN IP4 127.0.0.1\na=rtpmap:96 raw/90000\na=fmtp:96 sampling=YCbCr-4:2:2; width=1920; height=1080; depth=10; colorimetry=BT709\n");
        var r = CliRunner.Run("rtp", "receive", $"sdp:{sdp}", "--seconds", "1");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: {sdp}:5: a=fmtp lacks exactframerate", r.Stderr.Trim());
    }

    [Theory]
    [InlineData("--dest", "127.0.0.1", "HOST:PORT")]
    [InlineData("--dest", "127.0.0.1:70000", "HOST:PORT")]
    [InlineData("--format", "rgba16f", "--format")]
    [InlineData("--ttl", "300", "--ttl")]
    public void BadArgumentsAreInputErrors(string option, string value, string says)
    {
        var args = new List<string> { "rtp", "send", "bars", "--seconds", "1" };
        if (option != "--dest") args.AddRange(["--dest", "127.0.0.1:5004"]);
        args.AddRange([option, value]);
        var r = CliRunner.Run([.. args]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Stderr);
        Assert.Contains(says, r.Stderr);
    }
}
