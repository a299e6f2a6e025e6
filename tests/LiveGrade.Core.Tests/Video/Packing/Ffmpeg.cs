using System.Diagnostics;

namespace LiveGrade.Core.Tests.Video.Packing;

/// <summary>Runs the ffmpeg command line (Debian's ffmpeg, an independent reference) on raw files.</summary>
public static class Ffmpeg
{
    /// <summary>Writes <paramref name="input"/>, runs ffmpeg with {IN} and {OUT} replaced, returns the output bytes.</summary>
    public static byte[] Convert(byte[] input, params string[] args)
    {
        string dir = Path.Combine(Path.GetTempPath(), "livegrade-ffmpeg", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string inPath = Path.Combine(dir, "in.raw"), outPath = Path.Combine(dir, "out.raw");
            File.WriteAllBytes(inPath, input);
            var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in (string[])["-v", "error", "-nostdin", "-y", .. args])
            {
                psi.ArgumentList.Add(a.Replace("{IN}", inPath).Replace("{OUT}", outPath));
            }
            using var p = Process.Start(psi) ?? throw new InvalidOperationException("ffmpeg did not start (Debian package ffmpeg)");
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"ffmpeg {string.Join(' ', args)} failed: {err}");
            }
            return File.ReadAllBytes(outPath);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Little-endian 16-bit planes one after the other (ffmpeg's yuv422p10le / gbrp10le layout).</summary>
    public static byte[] Planar16(params ushort[][] planes)
    {
        var bytes = new byte[planes.Sum(p => p.Length) * 2];
        int at = 0;
        foreach (var p in planes)
        {
            Buffer.BlockCopy(p, 0, bytes, at, p.Length * 2);
            at += p.Length * 2;
        }
        return bytes;
    }

    public static ushort[] Plane16(byte[] bytes, int offsetSamples, int count)
    {
        var p = new ushort[count];
        Buffer.BlockCopy(bytes, offsetSamples * 2, p, 0, count * 2);
        return p;
    }
}
