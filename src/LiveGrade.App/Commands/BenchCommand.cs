using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Looks;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Processing.Simd;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Engine.Pipeline;

namespace LiveGrade.App.Commands;

/// <summary>
/// `livegrade bench cpu --size WxH --lut FILE [--cdl "10 numbers"] --frames N [--threads N] [--isa scalar|128|256|512] [--exact-power] [--json]`:
/// times the fused CPU look on one synthetic RGBA float frame, so it can be compared with a peer
/// (benchmarks/ffmpeg-lut3d.sh runs ffmpeg's lut3d on the same kind of frame).
/// </summary>
public static class BenchCommand
{
    /// <summary>Frames run before timing: JIT tiering, page faults on the frame and LUT, pool thread start-up.</summary>
    private const int WarmupFrames = 2;

    /// <summary>Largest edge accepted; 16384^2 RGBA float is already 4 GiB.</summary>
    private const int MaxEdge = 16384;

    public static Command Create(string[] rawArgs)
    {
        var cmd = new Command("bench", "Measure how fast looks, scopes and RTP streams run");
        cmd.Add(Cpu());
        cmd.Add(GpuBench.Create());
        cmd.Add(ScopeBench.Create(rawArgs));
        cmd.Add(OverlayBench.Create());
        cmd.Add(RtpBench.Create());
        return cmd;
    }

    private static Command Cpu()
    {
        var size = new Option<string>("--size") { Description = "frame size WxH", DefaultValueFactory = _ => "1920x1080" };
        var lut = new Option<string>("--lut") { Description = "LUT file (any format `lut info` reads)", Required = true };
        var cdl = new Option<string?>("--cdl") { Description = "ASC CDL applied before the LUT: \"sR sG sB oR oG oB pR pG pB sat\"" };
        var frames = new Option<int>("--frames") { Description = "frames to time (after 2 warm-up frames)", DefaultValueFactory = _ => 50 };
        var threads = new Option<int?>("--threads") { Description = "worker threads (default: every core; 1 runs on the calling thread)" };
        var json = new Option<bool>("--json") { Description = "print {\"msPerFrame\": x, \"mpixPerSec\": y, \"threads\": n, \"cpuMsPerFrame\": c}" };
        var isa = new Option<string?>("--isa") { Description = "instruction set: scalar|128|256|512 (default: the widest this CPU accelerates)" };
        var exactPower = new Option<bool>("--exact-power")
        {
            Description = "the CDL's power in double precision (within 1 ulp of powf) instead of the default single-precision vector power",
        };
        var encode = new Option<string?>("--encode")
        {
            Description = "display encoding after the LUT as the live engine's CPU renderer runs it (a float-indexed curve): rec1886|pq1000|hlg",
        };
        var cmd = new Command("cpu", "Time the fused CPU look (CDL, then the LUT) on a random RGBA float frame")
        {
            size, lut, cdl, frames, threads, json, isa, exactPower, encode,
        };
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            var (width, height) = ParseSize(parse.GetValue(size)!);
            int frameCount = parse.GetValue(frames);
            if (frameCount is < 1 or > 1_000_000)
            {
                throw new InputException($"--frames must be 1..1000000, got {frameCount}");
            }
            int threadCount = parse.GetValue(threads) ?? Environment.ProcessorCount;
            if (threadCount is < 1 or > 1024)
            {
                throw new InputException($"--threads must be 1..1024, got {threadCount}");
            }

            var chosenIsa = SimdIsaSupport.Best;
            if (parse.GetValue(isa) is { } isaText)
            {
                if (!SimdIsaSupport.TryParse(isaText, out chosenIsa))
                {
                    throw new InputException($"--isa must be scalar, 128, 256 or 512, got '{isaText}'");
                }
                if (!SimdIsaSupport.IsSupported(chosenIsa))
                {
                    throw new InputException($"--isa {isaText} is not available on this CPU (best: {SimdIsaSupport.Name(SimdIsaSupport.Best)})");
                }
            }

            var ops = new OpList();
            if (parse.GetValue(cdl) is { } cdlText)
            {
                ops.AddRange(CdlStep.Parse(cdlText, CdlStyle.NoClamp).ToOps().Ops);
            }
            ops.AddRange(LutFormats.Read(parse.GetValue(lut)!).ToOps().Ops);
            // With --encode, the engine's compiled look: lattice to display-linear light, then the encoding curve.
            bool exact = parse.GetValue(exactPower);
            var processor = parse.GetValue(encode) is not { } encodeText
                ? new CpuProcessor(ops, isa: chosenIsa, exactCdlPower: exact)
                : new CpuProcessor(OpListOptimizer.Optimize(ops).Ops.Select(o => o.CreateCpuRenderer())
                    .Append(new FloatIndexedCurve(LookCompiler.DisplayEncoding(encodeText is "rec1886" or "pq1000" or "hlg"
                        ? encodeText
                        : throw new InputException($"--encode must be rec1886, pq1000 or hlg, got '{encodeText}'")))), chosenIsa, exact);

            // The look works in place, so each frame starts from a fresh copy of the source: applied to
            // its own output, the LUT would pull the pixels toward a few attractors and the lookups would
            // hit cache far more than on real pictures. The copy is not timed.
            float[] source = RandomFrame(width, height);
            float[] frame = new float[source.Length];
            // One delegate for the whole run, so the timed loop allocates nothing of its own; ApplyParallel
            // hands bands to a persistent worker set and allocates nothing per frame either.
            Action run = threadCount == 1 ? () => processor.Apply(frame) : () => processor.ApplyParallel(frame, threadCount);
            for (int i = 0; i < WarmupFrames; i++)
            {
                source.CopyTo(frame, 0);
                run();
            }
            // Wall-clock time per frame, and the process's CPU time over the same spans (every thread's, the
            // workers included): on a shared machine the wall clock also counts the time other jobs held the
            // cores, the CPU time only the work done.
            long ticks = 0;
            TimeSpan cpu = TimeSpan.Zero;
            for (int i = 0; i < frameCount; i++)
            {
                source.CopyTo(frame, 0);
                var cpuStart = Environment.CpuUsage.TotalTime;
                long start = Stopwatch.GetTimestamp();
                run();
                ticks += Stopwatch.GetTimestamp() - start;
                cpu += Environment.CpuUsage.TotalTime - cpuStart;
            }

            double msPerFrame = ticks * 1000.0 / Stopwatch.Frequency / frameCount;
            double cpuMsPerFrame = cpu.TotalMilliseconds / frameCount;
            double mpixPerSec = (double)width * height / 1e6 / (msPerFrame / 1000.0);
            var inv = CultureInfo.InvariantCulture;
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(string.Format(inv, "{{\"msPerFrame\": {0:0.###}, \"mpixPerSec\": {1:0.###}, \"threads\": {2}, \"cpuMsPerFrame\": {3:0.###}}}",
                    msPerFrame, mpixPerSec, threadCount, cpuMsPerFrame));
            }
            else
            {
                Console.Out.WriteLine(string.Format(inv, "{0}x{1}, {2}, {3} threads, {4} frames, isa {5}{6}", width, height, processor.Describe(), threadCount, frameCount,
                    SimdIsaSupport.Name(processor.Isa), exact ? ", exact CDL power" : ""));
                Console.Out.WriteLine(string.Format(inv, "{0:0.###} ms/frame, {1:0.###} Mpix/s, CPU time {2:0.###} ms/frame", msPerFrame, mpixPerSec, cpuMsPerFrame));
            }
            return 0;
        }));
        return cmd;
    }

    internal static (int Width, int Height) ParseSize(string text)
    {
        var parts = text.Split('x', 'X');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int w)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int h))
        {
            throw new InputException($"--size needs WxH (e.g. 1920x1080), got '{text}'");
        }
        if (w is < 1 or > MaxEdge || h is < 1 or > MaxEdge || (long)w * h * 4 > Array.MaxLength)
        {
            throw new InputException($"--size must be 1..{MaxEdge} on each side, got {w}x{h}");
        }
        return (w, h);
    }

    /// <summary>
    /// Uniform [0, 1) RGB with alpha 1, seeded so every run sees the same pixels; random rather than a
    /// ramp so LUT lookups scatter over the cube as they do on real pictures, not stream through cache.
    /// </summary>
    private static float[] RandomFrame(int width, int height)
    {
        var rng = new Random(1);
        var frame = new float[width * height * 4];
        for (int i = 0; i < frame.Length; i += 4)
        {
            frame[i] = rng.NextSingle();
            frame[i + 1] = rng.NextSingle();
            frame[i + 2] = rng.NextSingle();
            frame[i + 3] = 1f;
        }
        return frame;
    }
}
