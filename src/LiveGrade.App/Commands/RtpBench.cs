using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Core.Video;
using LiveGrade.Video;
using LiveGrade.Video.Rtp;

namespace LiveGrade.App.Commands;

/// <summary>
/// `livegrade bench rtp [--seconds N] [--size WxH] [--rate R] [--format v210|uyvy|r210|bgra] [--paths gso,mmsg,none] [--json]`:
/// one ST 2110-20 stream over loopback from LiveGrade's <see cref="RtpSender"/> to its <see cref="RtpReceiver"/>
/// in this process, paced in real time, once per kernel path (gso: UDP GSO sends and recvmmsg with UDP GRO;
/// mmsg: sendmmsg and recvmmsg; none: one system call per datagram each way), each for N seconds after one
/// second of warm-up. For each it prints packets a second sent and received and the CPU time of the send and
/// the receive thread (CLOCK_THREAD_CPUTIME_ID, <see cref="RtpSender.ThreadCpuTime"/>), then the ratios against
/// the per-datagram path. The receive thread's CPU clock is sampled every 100 ms, so its figure is good to
/// about 0.1 s of CPU over the run.
/// </summary>
public static class RtpBench
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "seconds to measure each path (after 1 s of warm-up)", DefaultValueFactory = _ => 5 };
        var size = new Option<string>("--size") { Description = "frame size WxH", DefaultValueFactory = _ => "1920x1080" };
        var rate = new Option<string>("--rate") { Description = "frame rate", DefaultValueFactory = _ => "50" };
        var format = new Option<string>("--format") { Description = "v210 (10-bit 4:2:2), uyvy, r210 or bgra", DefaultValueFactory = _ => "v210" };
        var paths = new Option<string>("--paths") { Description = "kernel paths to compare, in order: gso, mmsg, none", DefaultValueFactory = _ => "gso,mmsg,none" };
        var json = new Option<bool>("--json") { Description = "print the figures as one JSON array" };
        var cmd = new Command("rtp", "Send and receive an ST 2110-20 stream over loopback on each kernel path; packets/s and CPU per stream")
        {
            seconds, size, rate, format, paths, json,
        };
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            double duration = parse.GetValue(seconds);
            if (duration is < 1 or > 3600)
            {
                throw new InputException($"--seconds must be 1..3600, got {duration.ToString(CultureInfo.InvariantCulture)}");
            }
            var (w, h) = BenchCommand.ParseSize(parse.GetValue(size)!);
            if (!FrameRate.TryParse(parse.GetValue(rate)!, out var fps))
            {
                throw new InputException($"--rate '{parse.GetValue(rate)}' is not a frame rate");
            }
            if (!PixelFormats.TryParse(parse.GetValue(format)!, out var pixelFormat) || !RtpVideoFormat.TryFor(pixelFormat, out var wire))
            {
                throw new InputException($"--format '{parse.GetValue(format)}' is not v210, uyvy, r210 or bgra");
            }
            if (w % wire.PgroupPixels != 0)
            {
                throw new InputException($"--size {w}x{h}: {parse.GetValue(format)} needs a width that is a multiple of {wire.PgroupPixels}");
            }
            var chosen = ParsePaths(parse.GetValue(paths)!);
            var mode = new VideoMode(w, h, fps, pixelFormat);
            bool asJson = parse.GetValue(json);
            if (!asJson)
            {
                Console.Out.WriteLine($"bench rtp: {mode} over loopback, {duration.ToString(CultureInfo.InvariantCulture)} s a path after {Warmup.TotalSeconds:0} s of warm-up; " +
                    $"{Environment.ProcessorCount} cores");
            }
            var results = chosen.Select(p => Run(mode, p, duration, asJson)).ToList();
            Console.Out.Write(asJson ? Json(results) : Table(results));
            return 0;
        }));
        return cmd;
    }

    private static List<(string Name, RtpSendBatching Send, RtpReceiveBatching Receive)> ParsePaths(string text)
    {
        var list = new List<(string, RtpSendBatching, RtpReceiveBatching)>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            list.Add(name.ToLowerInvariant() switch
            {
                "gso" => ("gso", RtpSendBatching.Gso, RtpReceiveBatching.Gro),
                "mmsg" => ("mmsg", RtpSendBatching.Mmsg, RtpReceiveBatching.Mmsg),
                "none" => ("none", RtpSendBatching.None, RtpReceiveBatching.None),
                _ => throw new InputException($"--paths: '{name}' is not gso, mmsg or none"),
            });
        }
        return list.Count > 0 ? list : throw new InputException("--paths names no path");
    }

    private sealed record Result(
        string Name, string SendPath, string ReceivePath, double Seconds, double TargetPacketsPerSecond,
        long Sent, long SendErrors, long LatePackets, long Received, long Lost, long KernelDrops,
        long FramesComplete, long FramesIncomplete, double SendCpu, double ReceiveCpu, double ProcessCpu)
    {
        public double SentPerSecond => Sent / Seconds;
        public double ReceivedPerSecond => Received / Seconds;
        public double StreamCpu => SendCpu + ReceiveCpu;
        public double SendMicrosPerPacket => Sent > 0 ? SendCpu * Seconds * 1e6 / Sent : 0;
        public double ReceiveMicrosPerPacket => Received > 0 ? ReceiveCpu * Seconds * 1e6 / Received : 0;
    }

    private static Result Run(VideoMode mode, (string Name, RtpSendBatching Send, RtpReceiveBatching Receive) path, double seconds, bool quiet)
    {
        var stream = RtpStreamDescription.ForSending(mode, new IPEndPoint(IPAddress.Loopback, FreePort()));
        var log = new List<string>();
        void Log(string line)
        {
            lock (log) log.Add(line);
        }
        using var receiver = new RtpReceiver(stream, "bench", new RtpReceiverOptions { Batching = path.Receive, Log = Log });
        using var sender = new RtpSender(stream, "bench", new RtpSenderOptions { Batching = path.Send, Log = Log });
        receiver.Start();
        if (receiver.State == SourceState.Failed)
        {
            throw new InputException(receiver.LastError ?? "cannot receive on loopback");
        }
        sender.Start();

        // Four frames of one pattern, sent in turn (a frame goes back to the pool when the sender is done with it).
        var pool = new FramePool(mode, 4);
        var frames = Enumerable.Range(0, 4).Select(_ => pool.TryRent()!).ToList();
        foreach (var f in frames)
        {
            for (int i = 0; i < f.Data.Length; i++) f.Data[i] = (byte)(i * 37 >> 3 & 0x3F);
            f.Release();
        }

        long period = Stopwatch.Frequency * mode.Rate.Denominator / mode.Rate.Numerator;
        long start = Stopwatch.GetTimestamp();
        long measureFrom = start + (long)(Warmup.TotalSeconds * Stopwatch.Frequency);
        long end = measureFrom + (long)(seconds * Stopwatch.Frequency);
        var proc = Process.GetCurrentProcess();
        (long At, RtpSenderCountersSnapshot Tx, RtpReceiverCountersSnapshot Rx, TimeSpan SendCpu, TimeSpan ReceiveCpu, TimeSpan ProcessCpu, long Drops) Sample()
        {
            proc.Refresh();
            return (Stopwatch.GetTimestamp(), sender.RtpCounters.Snapshot(), receiver.RtpCounters.Snapshot(), sender.ThreadCpuTime, receiver.ThreadCpuTime,
                proc.TotalProcessorTime, receiver.KernelDrops ?? 0);
        }
        var first = default((long, RtpSenderCountersSnapshot, RtpReceiverCountersSnapshot, TimeSpan, TimeSpan, TimeSpan, long));
        bool measuring = false;
        for (long i = 0; ; i++)
        {
            long due = start + i * period;
            if (due >= end)
            {
                break;
            }
            while (Stopwatch.GetTimestamp() < due)
            {
                long left = due - Stopwatch.GetTimestamp();
                if (left > Stopwatch.Frequency / 500) Thread.Sleep(1);
                else Thread.Yield();
            }
            if (!measuring && due >= measureFrom)
            {
                first = Sample();
                measuring = true;
            }
            if (pool.TryRent() is { } frame)
            {
                frame.CaptureTimestamp = due;
                sender.Send(frame);
                frame.Release();
            }
            while (receiver.Frames.TryTake() is { } got)
            {
                got.Release();
            }
        }
        while (Stopwatch.GetTimestamp() < end) Thread.Yield();
        var last = Sample();
        sender.Stop();
        receiver.Stop();
        var (t0, tx0, rx0, s0, r0, p0, d0) = first;
        var (t1, tx1, rx1, s1, r1, p1, d1) = last;
        double dt = (double)(t1 - t0) / Stopwatch.Frequency;
        var result = new Result(path.Name, sender.Batching.ToString(), receiver.Batching.ToString(), dt,
            (double)sender.PacketsPerFrame * mode.Rate.Numerator / mode.Rate.Denominator,
            tx1.Packets - tx0.Packets, tx1.SendErrors - tx0.SendErrors, tx1.LatePackets - tx0.LatePackets,
            rx1.Packets - rx0.Packets, rx1.Lost - rx0.Lost, d1 - d0,
            rx1.FramesComplete - rx0.FramesComplete, rx1.FramesIncomplete - rx0.FramesIncomplete,
            (s1 - s0).TotalSeconds / dt, (r1 - r0).TotalSeconds / dt, (p1 - p0).TotalSeconds / dt);
        if (!quiet)
        {
            lock (log)
            {
                foreach (var line in log) Console.Out.WriteLine("  " + line);
            }
        }
        return result;
    }

    private static string Table(List<Result> results)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"  {"path",-5} {"send/receive",-10} {"target/s",9} {"sent/s",9} {"recv/s",9} {"lost",6} {"kdrops",6} {"late",6} {"frames ok",9} {"send cpu",9} {"µs/pkt",7} {"recv cpu",9} {"µs/pkt",7} {"stream",7} {"process",8}");
        foreach (var r in results)
        {
            sb.AppendLine(inv, $"  {r.Name,-5} {r.SendPath + "/" + r.ReceivePath,-10} {r.TargetPacketsPerSecond,9:0} {r.SentPerSecond,9:0} {r.ReceivedPerSecond,9:0} {r.Lost,6} {r.KernelDrops,6} {r.LatePackets,6} " +
                $"{r.FramesComplete + "/" + (r.FramesComplete + r.FramesIncomplete),9} {r.SendCpu * 100,8:0.0}% {r.SendMicrosPerPacket,7:0.00} {r.ReceiveCpu * 100,8:0.0}% {r.ReceiveMicrosPerPacket,7:0.00} {r.StreamCpu * 100,6:0.0}% {r.ProcessCpu * 100,7:0.0}%");
        }
        var baseline = results.FirstOrDefault(r => r.Name == "none");
        if (baseline is not null)
        {
            foreach (var r in results.Where(r => r != baseline))
            {
                sb.AppendLine(inv, $"  {r.Name} against none: packets/s sent {Ratio(r.SentPerSecond, baseline.SentPerSecond)}, received {Ratio(r.ReceivedPerSecond, baseline.ReceivedPerSecond)}; " +
                    $"CPU a packet: send {Ratio(r.SendMicrosPerPacket, baseline.SendMicrosPerPacket)}, receive {Ratio(r.ReceiveMicrosPerPacket, baseline.ReceiveMicrosPerPacket)}; " +
                    $"CPU of the stream (both threads) {Ratio(r.StreamCpu, baseline.StreamCpu)}");
            }
        }
        sb.AppendLine("  (lost: sequence gaps at the receiver; kdrops: the kernel's drops at the receive socket, a dropped GRO read counted once; " +
            "late: packets sent over 500 µs after their paced time; frames ok: complete of published)");
        return sb.ToString();
    }

    private static string Ratio(double a, double b) => b > 0 ? (a / b).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "n/a";

    private static string Json(List<Result> results)
    {
        var inv = CultureInfo.InvariantCulture;
        var items = results.Select(r => string.Create(inv,
            $"{{\"path\": \"{r.Name}\", \"send\": \"{r.SendPath}\", \"receive\": \"{r.ReceivePath}\", \"seconds\": {r.Seconds:0.000}, \"targetPacketsPerSecond\": {r.TargetPacketsPerSecond:0}, " +
            $"\"sentPerSecond\": {r.SentPerSecond:0}, \"receivedPerSecond\": {r.ReceivedPerSecond:0}, \"sendErrors\": {r.SendErrors}, \"latePackets\": {r.LatePackets}, " +
            $"\"lost\": {r.Lost}, \"kernelDrops\": {r.KernelDrops}, \"framesComplete\": {r.FramesComplete}, \"framesIncomplete\": {r.FramesIncomplete}, " +
            $"\"sendThreadCpu\": {r.SendCpu:0.0000}, \"receiveThreadCpu\": {r.ReceiveCpu:0.0000}, \"sendMicrosPerPacket\": {r.SendMicrosPerPacket:0.000}, " +
            $"\"receiveMicrosPerPacket\": {r.ReceiveMicrosPerPacket:0.000}, \"processCpu\": {r.ProcessCpu:0.0000}}}"));
        return "[" + string.Join(",\n ", items) + "]\n";
    }

    private static int FreePort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }
}
