using System.Diagnostics;
using System.Globalization;

namespace LiveGrade.Video.Tests.Rtp;

/// <summary>
/// Runs GStreamer's gst-launch-1.0 (Debian: gstreamer1.0-tools, -plugins-base, -plugins-good; scripts/bootstrap.sh
/// installs them for the tests) as the independent reference for RFC 4175: rtpvrawpay/rtpvrawdepay and
/// videoconvert. A missing gst-launch fails the test with the package to install.
/// </summary>
internal static class GStreamer
{
    public sealed record Result(int ExitCode, string Output);

    /// <summary>Starts a pipeline; each argument is one gst-launch token ("!", an element, a property, caps).</summary>
    public static Process Start(params string[] pipeline)
    {
        var psi = new ProcessStartInfo("gst-launch-1.0") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-q");
        foreach (var token in pipeline) psi.ArgumentList.Add(token);
        psi.Environment["GST_DEBUG"] = "1"; // errors only
        try
        {
            return Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("gst-launch-1.0 not found: install gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good (scripts/bootstrap.sh does)", e);
        }
    }

    /// <summary>Waits for a started pipeline to end; kills it after <paramref name="timeout"/>.</summary>
    public static Result Wait(Process p, TimeSpan timeout)
    {
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit((int)timeout.TotalMilliseconds))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            return new Result(-1, "timed out; " + stdout.Result + stderr.Result);
        }
        return new Result(p.ExitCode, stdout.Result + stderr.Result);
    }

    public static Result Run(TimeSpan timeout, params string[] pipeline)
    {
        using var p = Start(pipeline);
        return Wait(p, timeout);
    }

    /// <summary>Waits until some process has a UDP socket bound to <paramref name="port"/> (Linux /proc/net/udp).</summary>
    public static bool WaitForUdpPort(int port, TimeSpan timeout)
    {
        string hex = ":" + port.ToString("X4", CultureInfo.InvariantCulture) + " ";
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            if (File.ReadLines("/proc/net/udp").Any(l => l.Contains(hex, StringComparison.Ordinal)))
            {
                return true;
            }
            Thread.Sleep(20);
        }
        return false;
    }

    /// <summary>The RTP caps udpsrc needs for a raw video stream (what an SDP would say).</summary>
    public static string RtpCaps(string sampling, int depth, int width, int height) =>
        $"caps=application/x-rtp,media=(string)video,clock-rate=(int)90000,encoding-name=(string)RAW,sampling=(string){sampling}," +
        $"depth=(string){depth},width=(string){width},height=(string){height},colorimetry=(string)BT709-2,payload=(int)96";
}
