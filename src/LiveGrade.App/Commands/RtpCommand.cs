using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Core.Video;
using LiveGrade.Video;
using LiveGrade.Video.Rtp;

namespace LiveGrade.App.Commands;

/// <summary>
/// `livegrade rtp send SOURCE --dest HOST:PORT [--sdp FILE] [--seconds N] ...` sends any source as an
/// ST 2110-20 stream and writes its SDP; `livegrade rtp receive sdp:FILE.sdp [--seconds N]` receives one
/// and prints its counters. Both report packet rates and the CPU time of their own network thread.
/// </summary>
public static class RtpCommand
{
    public static Command Create()
    {
        var cmd = new Command("rtp", "Send and receive SMPTE ST 2110-20 / RFC 4175 video over RTP");
        cmd.Add(Send());
        cmd.Add(Receive());
        return cmd;
    }

    private static Command Send()
    {
        var source = new Argument<string>("source") { Description = $"what to send: {SourceFactory.Syntax}" };
        var dest = new Option<string>("--dest") { Description = "destination HOST:PORT, unicast or multicast (e.g. 239.1.1.1:5004)", Required = true };
        var sdp = new Option<string?>("--sdp") { Description = "where to write the SDP file (default: rtp-HOST-PORT.sdp)" };
        var seconds = new Option<double>("--seconds") { Description = "how long to send (0: until Ctrl+C)", DefaultValueFactory = _ => 10 };
        var format = new Option<string>("--format") { Description = "v210 (YCbCr 4:2:2 10-bit), uyvy (8-bit), r210 (RGB 10-bit) or bgra (RGB 8-bit)", DefaultValueFactory = _ => "v210" };
        var size = new Option<string>("--size") { Description = "size of generated sources WxH", DefaultValueFactory = _ => "1920x1080" };
        var rate = new Option<string>("--rate") { Description = "rate of generated sources", DefaultValueFactory = _ => "50" };
        var ttl = new Option<int>("--ttl") { Description = "multicast time-to-live", DefaultValueFactory = _ => 1 };
        var iface = new Option<string?>("--interface") { Description = "local IPv4 address to send from (the multicast interface)" };
        var json = new Option<bool>("--json") { Description = "print the final figures as one JSON object" };
        var batching = new Option<string>("--batching")
        {
            Description = "how packets go to the kernel: gso (UDP GSO, falling back by itself), mmsg (sendmmsg) or none (one send each)",
            DefaultValueFactory = _ => "gso",
        };
        var cmd = new Command("send", "Send a source as an ST 2110-20 stream and write its SDP file")
        {
            source, dest, sdp, seconds, format, size, rate, ttl, iface, json, batching,
        };
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            var destination = ParseEndpoint(parse.GetValue(dest)!, "--dest");
            double duration = CheckSeconds(parse.GetValue(seconds));
            if (!PixelFormats.TryParse(parse.GetValue(format)!, out var pixelFormat) || !RtpVideoFormat.TryFor(pixelFormat, out _))
            {
                throw new InputException($"--format '{parse.GetValue(format)}' is not v210, uyvy, r210 or bgra");
            }
            int ttlValue = parse.GetValue(ttl);
            if (ttlValue is < 0 or > 255) throw new InputException($"--ttl must be 0..255, got {ttlValue}");
            var local = ParseAddress(parse.GetValue(iface), "--interface");
            var (w, h) = ParseSize(parse.GetValue(size)!);
            if (!FrameRate.TryParse(parse.GetValue(rate)!, out var fps)) throw new InputException($"--rate '{parse.GetValue(rate)}' is not a frame rate");
            string sdpPath = parse.GetValue(sdp) ?? $"rtp-{destination.Address}-{destination.Port}.sdp";
            var sendBatching = parse.GetValue(batching)!.ToLowerInvariant() switch
            {
                "gso" => RtpSendBatching.Gso,
                "mmsg" => RtpSendBatching.Mmsg,
                "none" => RtpSendBatching.None,
                var other => throw new InputException($"--batching '{other}' is not gso, mmsg or none"),
            };

            using var src = SourceFactory.Create(parse.GetValue(source)!, new VideoMode(w, h, fps, PixelFormat.Rgba32F));
            // A stream source (sdp:) already brings wire frames: they are sent as they are (a relay).
            var wireMode = src.Mode.Format == PixelFormat.Rgba32F ? src.Mode with { Format = pixelFormat } : src.Mode;
            if (!RtpVideoFormat.TryFor(wireMode.Format, out var wire) || wireMode.Width % wire.PgroupPixels != 0)
            {
                throw new InputException($"{wireMode} cannot be sent as RTP (v210, uyvy, r210 or bgra, width a whole number of pixel groups)");
            }
            var stream = RtpStreamDescription.ForSending(wireMode, destination, ttlValue);
            using var sender = new RtpSender(stream, src.Name, new RtpSenderOptions { SdpPath = sdpPath, Interface = local, Batching = sendBatching });
            try
            {
                sender.Start();
            }
            catch (SocketException e)
            {
                throw new InputException($"cannot send to {destination}: {e.Message}");
            }
            Console.Out.WriteLine($"rtp send: {src.Name} {wireMode} -> {destination}{(stream.IsMulticast ? $" (multicast, TTL {ttlValue})" : "")}; " +
                $"{sender.PacketsPerFrame} packets a frame, bursts of {sender.BurstPackets}; SDP: {Path.GetFullPath(sdpPath)}");

            var pool = new FramePool(wireMode, 4);
            var encoder = new RgbaEncoder(wireMode);
            using var stop = new CtrlC();
            var clock = Stopwatch.StartNew();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            long lastPackets = 0;
            var lastReport = TimeSpan.Zero;
            long dropped = 0;
            src.Start();
            while (!stop.Requested && (duration == 0 || clock.Elapsed.TotalSeconds < duration))
            {
                if (src.State == SourceState.Failed) throw new InputException($"source failed: {src.LastError}");
                if (src.Frames.WaitForFrame(100) && src.Frames.TryTake() is { } frame)
                {
                    try
                    {
                        var out1 = pool.TryRent();
                        if (out1 is null)
                        {
                            dropped++;
                            continue;
                        }
                        if (frame.Format == wireMode.Format) frame.Data.CopyTo(out1.Data);
                        else encoder.Encode(frame, out1);
                        out1.CaptureTimestamp = frame.CaptureTimestamp;
                        out1.Timecode = frame.Timecode;
                        sender.Send(out1);
                        out1.Release();
                    }
                    finally
                    {
                        frame.Release();
                    }
                }
                if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(1) && !parse.GetValue(json))
                {
                    var c = sender.RtpCounters.Snapshot();
                    double dt = (clock.Elapsed - lastReport).TotalSeconds;
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {clock.Elapsed.TotalSeconds,5:0.0} s: {c.Frames} frames, {(c.Packets - lastPackets) / dt:0} packets/s, send thread {Percent(sender.ThreadCpuTime, clock.Elapsed)} of a core"));
                    lastPackets = c.Packets;
                    lastReport = clock.Elapsed;
                }
            }
            src.Stop();
            Thread.Sleep(100); // the frame in flight
            sender.Stop();
            var elapsed = clock.Elapsed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            var s = sender.RtpCounters.Snapshot();
            var inv = CultureInfo.InvariantCulture;
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(string.Create(inv,
                    $"{{\"frames\": {s.Frames}, \"lateFrames\": {s.LateFrames}, \"droppedFrames\": {sender.Counters.Dropped + dropped + src.Counters.Dropped}, \"packets\": {s.Packets}, " +
                    $"\"latePackets\": {s.LatePackets}, \"sendErrors\": {s.SendErrors}, \"packetsPerSecond\": {s.Packets / elapsed.TotalSeconds:0}, " +
                    $"\"megabitsPerSecond\": {s.Bytes * 8 / 1e6 / elapsed.TotalSeconds:0.0}, \"sendThreadCpu\": {sender.ThreadCpuTime.TotalSeconds / elapsed.TotalSeconds:0.000}, " +
                    $"\"processCpu\": {cpu.TotalSeconds / elapsed.TotalSeconds:0.000}, \"seconds\": {elapsed.TotalSeconds:0.00}}}"));
            }
            else
            {
                Console.Out.WriteLine(string.Create(inv,
                    $"sent {s.Frames} frames ({s.LateFrames} late, {sender.Counters.Dropped + dropped + src.Counters.Dropped} dropped) and {s.Packets} packets ({s.LatePackets} late, {s.SendErrors} send errors) in {elapsed.TotalSeconds:0.0} s: " +
                    $"{s.Packets / elapsed.TotalSeconds:0} packets/s, {s.Bytes * 8 / 1e6 / elapsed.TotalSeconds:0.0} Mbit/s; send thread {Percent(sender.ThreadCpuTime, elapsed)} of a core, whole process {Percent(cpu, elapsed)}"));
            }
            return 0;
        }));
        return cmd;
    }

    private static Command Receive()
    {
        var source = new Argument<string>("source") { Description = "the stream: sdp:FILE.sdp" };
        var seconds = new Option<double>("--seconds") { Description = "how long to receive (0: until Ctrl+C)", DefaultValueFactory = _ => 10 };
        var iface = new Option<string?>("--interface") { Description = "local IPv4 address of the interface to join the multicast group on" };
        var json = new Option<bool>("--json") { Description = "print the final counters as one JSON object" };
        var batching = new Option<string>("--batching")
        {
            Description = "how datagrams are read: gro (recvmmsg with UDP GRO, falling back by itself), mmsg (recvmmsg) or none (one recv each)",
            DefaultValueFactory = _ => "gro",
        };
        var cmd = new Command("receive", "Receive an ST 2110-20 stream described by an SDP file and print its counters") { source, seconds, iface, json, batching };
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            string spec = parse.GetValue(source)!;
            double duration = CheckSeconds(parse.GetValue(seconds));
            var options = new RtpReceiverOptions
            {
                Interface = ParseAddress(parse.GetValue(iface), "--interface"),
                Batching = parse.GetValue(batching)!.ToLowerInvariant() switch
                {
                    "gro" => RtpReceiveBatching.Gro,
                    "mmsg" => RtpReceiveBatching.Mmsg,
                    "none" => RtpReceiveBatching.None,
                    var other => throw new InputException($"--batching '{other}' is not gro, mmsg or none"),
                },
            };
            if (!RtpReceiver.TryCreate(spec, out var created, options) || created is null)
            {
                throw new InputException($"'{spec}' is not an RTP source (sdp:FILE.sdp)");
            }
            using var receiver = created;
            var st = receiver.Stream;
            Console.Out.WriteLine($"rtp receive: {receiver.Name} {receiver.Mode} from {st.Address}:{st.Port}{(st.IsMulticast ? " (multicast)" : "")}");
            receiver.Start();
            if (receiver.State == SourceState.Failed) throw new InputException(receiver.LastError ?? "cannot receive");
            using var stop = new CtrlC();
            var clock = Stopwatch.StartNew();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var lastReport = TimeSpan.Zero;
            long lastPackets = 0;
            while (!stop.Requested && (duration == 0 || clock.Elapsed.TotalSeconds < duration))
            {
                if (receiver.Frames.WaitForFrame(100))
                {
                    while (receiver.Frames.TryTake() is { } f) f.Release();
                }
                if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(1) && !parse.GetValue(json))
                {
                    var c = receiver.RtpCounters.Snapshot();
                    double dt = (clock.Elapsed - lastReport).TotalSeconds;
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {clock.Elapsed.TotalSeconds,5:0.0} s: {receiver.State}, {c.FramesComplete + c.FramesIncomplete} frames ({c.FramesIncomplete} incomplete), " +
                        $"{(c.Packets - lastPackets) / dt:0} packets/s, {c.Lost} lost, receive thread {Percent(receiver.ThreadCpuTime, clock.Elapsed)} of a core"));
                    lastPackets = c.Packets;
                    lastReport = clock.Elapsed;
                }
            }
            var elapsed = clock.Elapsed;
            receiver.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            var r = receiver.RtpCounters.Snapshot();
            var inv = CultureInfo.InvariantCulture;
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(string.Create(inv,
                    $"{{\"framesReceived\": {r.FramesComplete + r.FramesIncomplete}, \"framesComplete\": {r.FramesComplete}, \"framesIncomplete\": {r.FramesIncomplete}, " +
                    $"\"linesConcealed\": {r.LinesConcealed}, \"framesDropped\": {r.FramesDropped}, \"packets\": {r.Packets}, \"lost\": {r.Lost}, " +
                    $"\"reordered\": {r.Reordered}, \"duplicates\": {r.Duplicates}, \"late\": {r.Late}, \"malformed\": {r.Malformed}, \"foreign\": {r.Foreign}, " +
                    $"\"restarts\": {r.Restarts}, \"packetsPerSecond\": {r.Packets / elapsed.TotalSeconds:0}, " +
                    $"\"receiveThreadCpu\": {receiver.ThreadCpuTime.TotalSeconds / elapsed.TotalSeconds:0.000}, \"processCpu\": {cpu.TotalSeconds / elapsed.TotalSeconds:0.000}, " +
                    $"\"kernelBufferBytes\": {receiver.ReceiveBufferBytes}, \"seconds\": {elapsed.TotalSeconds:0.00}}}"));
            }
            else
            {
                Console.Out.WriteLine(string.Create(inv,
                    $"received {r.FramesComplete + r.FramesIncomplete} frames ({r.FramesComplete} complete, {r.FramesIncomplete} incomplete with {r.LinesConcealed} lines concealed), " +
                    $"{r.FramesDropped} dropped; packets {r.Packets} ({r.Packets / elapsed.TotalSeconds:0}/s): {r.Lost} lost, {r.Reordered} reordered, {r.Duplicates} duplicate, " +
                    $"{r.Late} late, {r.Malformed} malformed, {r.Foreign} foreign; {r.Restarts} restarts; receive thread {Percent(receiver.ThreadCpuTime, elapsed)} of a core, whole process {Percent(cpu, elapsed)}"));
                if (receiver.LastError is { } e) Console.Out.WriteLine($"last problem: {e}");
            }
            return 0;
        }));
        return cmd;
    }

    private static string Percent(TimeSpan cpu, TimeSpan wall) =>
        (cpu.TotalSeconds / Math.Max(1e-9, wall.TotalSeconds) * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static double CheckSeconds(double s) =>
        s is >= 0 and <= 86400 ? s : throw new InputException($"--seconds must be 0..86400, got {s.ToString(CultureInfo.InvariantCulture)}");

    private static IPEndPoint ParseEndpoint(string text, string option) => RtpEndpoint.Parse(text, option);

    private static IPAddress? ParseAddress(string? text, string option)
    {
        if (text is null) return null;
        return IPAddress.TryParse(text, out var a) && a.AddressFamily == AddressFamily.InterNetwork
            ? a : throw new InputException($"{option} needs a local IPv4 address, got '{text}'");
    }

    private static (int, int) ParseSize(string text)
    {
        var parts = text.Split('x', 'X');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int w)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int h) || w is < 16 or > 8192 || h is < 16 or > 8192)
        {
            throw new InputException($"--size '{text}' is not WxH (16..8192)");
        }
        return (w, h);
    }

    /// <summary>Ctrl+C ends the run cleanly (counters printed) instead of killing the process.</summary>
    private sealed class CtrlC : IDisposable
    {
        private volatile bool _requested;

        public CtrlC() => Console.CancelKeyPress += OnCancel;

        public bool Requested => _requested;

        private void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            _requested = true;
        }

        public void Dispose() => Console.CancelKeyPress -= OnCancel;
    }

    /// <summary>
    /// RGBA float (display-referred, 0 = black, 1 = white, as the generated sources make it) to the wire
    /// layouts at narrow range: Y' = 64 + 876 E'Y, C = 512 + 896 E'C at 10 bits (BT.709-6 table 4 / BT.2020),
    /// 16/219/128/224 at 8 bits, with the 4:2:2 chroma of each pixel pair taken at the even pixel (co-sited).
    /// Codes are clamped to 4..1019 (1..254), outside the reserved timing codes. A stand-in for the CPU frame
    /// converter of the colour pipeline; a frame equal to the previous one (a still pattern) is not encoded again.
    /// </summary>
    private sealed class RgbaEncoder(VideoMode wire)
    {
        private readonly float[] _last = new float[wire.Width * wire.Height * 4];
        private readonly byte[] _encoded = new byte[wire.FrameBytes];
        private bool _have;

        public void Encode(VideoFrame source, VideoFrame target)
        {
            if (source.Format != PixelFormat.Rgba32F || source.Width != wire.Width || source.Height != wire.Height)
            {
                throw new InputException($"cannot send {source.Mode} frames as {wire}");
            }
            var rgba = MemoryMarshal.Cast<byte, float>(source.Data)[.._last.Length];
            if (!_have || !rgba.SequenceEqual(_last))
            {
                rgba.CopyTo(_last);
                EncodeFrame(rgba, target);
                target.Data.CopyTo(_encoded);
                _have = true;
                return;
            }
            _encoded.CopyTo(target.Data);
        }

        private static void EncodeFrame(ReadOnlySpan<float> rgba, VideoFrame f)
        {
            double kr = f.Matrix == YCbCrMatrix.Rec2020 ? 0.2627 : 0.2126, kb = f.Matrix == YCbCrMatrix.Rec2020 ? 0.0593 : 0.0722, kg = 1 - kr - kb;
            bool tenBit = f.Format is PixelFormat.V210 or PixelFormat.Rgb10;
            double scale = tenBit ? 4 : 1;
            int lo = tenBit ? 4 : 1, hi = tenBit ? 1019 : 254;
            int Code(double offset, double range, double v) => Math.Clamp((int)Math.Round((offset + range * v) * scale), lo, hi);
            int w = f.Width;
            var samples = new int[w * 3];
            for (int y = 0; y < f.Height; y++)
            {
                var px = rgba.Slice(y * w * 4, w * 4);
                var row = f.Row(y);
                if (f.Format is PixelFormat.V210 or PixelFormat.Uyvy8)
                {
                    for (int x = 0; x < w; x += 2)
                    {
                        double r = px[x * 4], g = px[x * 4 + 1], b = px[x * 4 + 2];
                        double y0 = kr * r + kg * g + kb * b;
                        double r1 = px[x * 4 + 4], g1 = px[x * 4 + 5], b1 = px[x * 4 + 6];
                        double y1 = kr * r1 + kg * g1 + kb * b1;
                        samples[x * 2] = Code(128, 224, (b - y0) / (2 * (1 - kb)));
                        samples[x * 2 + 1] = Code(16, 219, y0);
                        samples[x * 2 + 2] = Code(128, 224, (r - y0) / (2 * (1 - kr)));
                        samples[x * 2 + 3] = Code(16, 219, y1);
                    }
                    if (f.Format == PixelFormat.Uyvy8)
                    {
                        for (int i = 0; i < w * 2; i++) row[i] = (byte)samples[i];
                    }
                    else
                    {
                        row.Clear();
                        var words = MemoryMarshal.Cast<byte, uint>(row); // v210 words are little-endian, as is every machine LiveGrade runs on
                        for (int k = 0; k < w * 2; k++)
                        {
                            words[k / 3] |= (uint)samples[k] << (k % 3 * 10);
                        }
                    }
                }
                else
                {
                    for (int x = 0; x < w; x++)
                    {
                        int r = Code(16, 219, px[x * 4]), g = Code(16, 219, px[x * 4 + 1]), b = Code(16, 219, px[x * 4 + 2]);
                        if (f.Format == PixelFormat.Rgb10)
                        {
                            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(row.Slice(x * 4), (uint)(r << 20 | g << 10 | b));
                        }
                        else
                        {
                            row[x * 4] = (byte)b;
                            row[x * 4 + 1] = (byte)g;
                            row[x * 4 + 2] = (byte)r;
                            row[x * 4 + 3] = 255;
                        }
                    }
                }
            }
        }
    }
}
