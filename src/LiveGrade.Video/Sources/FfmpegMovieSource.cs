using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Core.Video;

namespace LiveGrade.Video.Sources;

/// <summary>
/// Plays a movie file through ffmpeg as a child process (decoding every codec ffmpeg knows without linking
/// it): ffmpeg writes planar float RGBA (gbrapf32le) to a pipe, one frame at a time, and this source
/// interleaves each frame into a pooled rgba32f frame at the mode's cadence. At the end of the file it
/// starts ffmpeg again (a loop). ffmpeg's RGB is the file's own encoding, decoded with the matrix the file
/// is tagged with; LiveGrade treats it as the camera signal the user names. If ffmpeg dies, the source
/// reports it, shows no signal, and restarts ffmpeg after a second.
/// </summary>
public sealed class FfmpegMovieSource : ClockedSource
{
    private readonly string _path;
    private readonly byte[] _planar;
    private Process? _ffmpeg;
    private Stream? _pipe;
    private long _restartAfter;

    private FfmpegMovieSource(string name, string path, VideoMode mode)
        : base(name, mode)
    {
        _path = path;
        _planar = new byte[checked(mode.Width * mode.Height * 16)];
    }

    /// <summary>Probes the movie with ffprobe for its size (and rate, unless <paramref name="rate"/> is given).</summary>
    public static FfmpegMovieSource Open(string name, string path, FrameRate? rate)
    {
        if (!File.Exists(path)) throw new InputException("no such movie file", path);
        var (w, h, fileRate) = Probe(path);
        return new FfmpegMovieSource(name, path, new VideoMode(w, h, rate ?? fileRate, PixelFormat.Rgba32F));
    }

    private static (int W, int H, FrameRate Rate) Probe(string path)
    {
        var psi = new ProcessStartInfo("ffprobe")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height,r_frame_rate", "-of", "csv=p=0", path },
        };
        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (Exception e)
        {
            throw new InputException($"cannot run ffprobe ({e.Message}); install ffmpeg", path);
        }
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit(10000);
        var parts = output.Trim().Split(',');
        if (p.ExitCode != 0 || parts.Length < 3
            || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var w) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var h)
            || w <= 0 || h <= 0 || w > 16384 || h > 16384)
        {
            throw new InputException($"not a movie ffmpeg can read: {error.ReplaceLineEndings(" ").Trim()}", path);
        }
        var rate = FrameRate.TryParse(parts[2], out var r) ? r : FrameRate.Fps25;
        return (w, h, rate);
    }

    protected override void Render(VideoFrame frame, long index, bool fresh)
    {
        if (!ReadFrame())
        {
            TestPatterns.Floats(frame).Clear();
            frame.Flags |= FrameFlags.NoSignal;
            return;
        }
        // gbrapf32le planes are G, B, R, A; LiveGrade frames are interleaved R, G, B, A.
        var planes = MemoryMarshal.Cast<byte, float>(_planar.AsSpan());
        int n = Mode.Width * Mode.Height;
        var g = planes[..n];
        var b = planes.Slice(n, n);
        var r = planes.Slice(2 * n, n);
        var dst = TestPatterns.Floats(frame);
        for (int i = 0; i < n; i++)
        {
            dst[i * 4] = r[i];
            dst[i * 4 + 1] = g[i];
            dst[i * 4 + 2] = b[i];
            dst[i * 4 + 3] = 1f;
        }
        frame.Range = SignalRange.Full;
    }

    private bool ReadFrame()
    {
        for (int attempt = 0; attempt < 2; attempt++)
        {
            if (_pipe is null && !StartFfmpeg()) return false;
            try
            {
                _pipe!.ReadExactly(_planar);
                return true;
            }
            catch (EndOfStreamException)
            {
                StopFfmpeg(); // end of file: loop from the start
            }
            catch (IOException e)
            {
                SetError($"{_path}: ffmpeg pipe: {e.Message}");
                StopFfmpeg();
                _restartAfter = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
                return false;
            }
        }
        return false;
    }

    private bool StartFfmpeg()
    {
        if (Stopwatch.GetTimestamp() < _restartAfter) return false;
        var psi = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            ArgumentList = { "-v", "error", "-nostdin", "-i", _path, "-f", "rawvideo", "-pix_fmt", "gbrapf32le", "-" },
        };
        try
        {
            _ffmpeg = Process.Start(psi);
            _pipe = _ffmpeg?.StandardOutput.BaseStream;
            return _pipe is not null;
        }
        catch (Exception e)
        {
            SetError($"{_path}: cannot start ffmpeg: {e.Message}");
            _restartAfter = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
            return false;
        }
    }

    private void StopFfmpeg()
    {
        try
        {
            if (_ffmpeg is { HasExited: false }) _ffmpeg.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _ffmpeg?.Dispose();
        _ffmpeg = null;
        _pipe = null;
    }

    protected override void OnStopped() => StopFfmpeg();
}
