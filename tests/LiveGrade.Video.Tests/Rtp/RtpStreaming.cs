using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LiveGrade.Core.Video;
using LiveGrade.Video.Rtp;

namespace LiveGrade.Video.Tests.Rtp;

/// <summary>Helpers for tests that stream over real sockets: a cadenced producer, a collector, frame matching.</summary>
internal static class RtpStreaming
{
    /// <summary>Distinct random frames (seeded).</summary>
    public static List<VideoFrame> RandomFrames(VideoMode mode, int count, int seed = 1)
    {
        var pool = new FramePool(mode, count);
        var frames = new List<VideoFrame>();
        for (int i = 0; i < count; i++)
        {
            var f = pool.TryRent()!;
            RtpTestFrames.FillRandom(f, seed * 1000 + i);
            frames.Add(f);
        }
        return frames;
    }

    /// <summary>Offers the frames to the sink at the mode's rate (as an output clock would) and waits until the sender has sent them.</summary>
    public static void Play(RtpSender sender, IReadOnlyList<VideoFrame> frames, TimeSpan? timeout = null)
    {
        long period = Stopwatch.Frequency * sender.Mode.Rate.Denominator / sender.Mode.Rate.Numerator;
        long start = Stopwatch.GetTimestamp();
        long sentBefore = sender.RtpCounters.Snapshot().Frames;
        for (int i = 0; i < frames.Count; i++)
        {
            long due = start + i * period;
            while (Stopwatch.GetTimestamp() < due)
            {
                long left = due - Stopwatch.GetTimestamp();
                if (left > Stopwatch.Frequency / 500) Thread.Sleep(1);
                else Thread.Yield();
            }
            frames[i].CaptureTimestamp = due; // the frame's nominal time, as a source stamps it
            Assert.True(sender.Send(frames[i]));
        }
        var until = Stopwatch.GetTimestamp() + (long)((timeout ?? TimeSpan.FromSeconds(20)).TotalSeconds * Stopwatch.Frequency);
        while (sender.RtpCounters.Snapshot().Frames + sender.Counters.Dropped < sentBefore + frames.Count && Stopwatch.GetTimestamp() < until)
        {
            Thread.Sleep(2);
        }
    }

    /// <summary>Takes frames from a source as they come and keeps copies (the source's frames go straight back to its pool).</summary>
    public sealed class Collector : IDisposable
    {
        private readonly IVideoSource _source;
        private readonly FramePool _pool;
        private readonly Thread _thread;
        private volatile bool _stop;
        private readonly List<VideoFrame> _frames = new();

        public Collector(IVideoSource source, int capacity)
        {
            _source = source;
            _pool = new FramePool(source.Mode, capacity);
            _thread = new Thread(Run) { Name = "test collector", IsBackground = true };
            _thread.Start();
        }

        public List<VideoFrame> Frames
        {
            get { lock (_frames) return _frames.ToList(); }
        }

        public int Count
        {
            get { lock (_frames) return _frames.Count; }
        }

        /// <summary>Waits until <paramref name="count"/> frames came, or <paramref name="timeout"/>.</summary>
        public bool WaitFor(int count, TimeSpan timeout)
        {
            var sw = Stopwatch.StartNew();
            while (Count < count && sw.Elapsed < timeout) Thread.Sleep(5);
            return Count >= count;
        }

        private void Run()
        {
            while (!_stop)
            {
                var f = _source.Frames.TryTake();
                if (f is null)
                {
                    Thread.Sleep(1);
                    continue;
                }
                var copy = _pool.TryRent();
                if (copy is not null)
                {
                    f.Data.CopyTo(copy.Data);
                    copy.Flags = f.Flags;
                    copy.Sequence = f.Sequence;
                    copy.Matrix = f.Matrix;
                    copy.Range = f.Range;
                    lock (_frames) _frames.Add(copy);
                }
                f.Release();
            }
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }
    }

    /// <summary>The index of the sent frame that <paramref name="received"/> shows (most matching rows of 27 sampled), or -1.</summary>
    public static int Identify(VideoFrame received, IReadOnlyList<VideoFrame> sent)
    {
        int best = -1, bestRows = 0;
        for (int i = 0; i < sent.Count; i++)
        {
            int rows = 0;
            for (int y = 0; y < received.Height; y += Math.Max(1, received.Height / 27))
            {
                if (RtpTestFrames.RowEquals(sent[i], y, received, y)) rows++;
            }
            if (rows > bestRows)
            {
                best = i;
                bestRows = rows;
            }
        }
        return bestRows >= 3 ? best : -1;
    }

    /// <summary>A free UDP port on loopback (bound and released; the kernel does not hand it out again at once).</summary>
    public static int FreePort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }
}
