using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Looks;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Core.Video;
using LiveGrade.Core.Video.Packing;
using LiveGrade.Gpu.Context;
using LiveGrade.Gpu.Streaming;

namespace LiveGrade.App.Commands;

/// <summary>
/// `livegrade bench gpu --size WxH --format v210|rgba16f|... --lut FILE [--cdl ..] --frames N [--json]`:
/// streams N frames through the GPU frame pipeline (upload ring, unpack, look, pack, readback ring) on a
/// headless context and reports the mean time of each stage per frame (GPU stages from GL timestamp
/// queries, CPU copies from Stopwatch) and the wall-clock frame rate of the whole pipelined loop.
/// </summary>
public static class GpuBench
{
    /// <summary>Frames run before timing: shader compilation, first-touch page faults, JIT.</summary>
    private const int WarmupFrames = 3;

    public static Command Create()
    {
        var size = new Option<string>("--size") { Description = "frame size WxH", DefaultValueFactory = _ => "1920x1080" };
        var format = new Option<string>("--format") { Description = "pixel format in and out: v210, uyvy, r210, r10b, r12b, rgba16f", DefaultValueFactory = _ => "v210" };
        var lut = new Option<string>("--lut") { Description = "LUT file (any format `lut info` reads)", Required = true };
        var cdl = new Option<string?>("--cdl") { Description = "ASC CDL applied before the LUT: \"sR sG sB oR oG oB pR pG pB sat\"" };
        var frames = new Option<int>("--frames") { Description = "frames to time (after 3 warm-up frames)", DefaultValueFactory = _ => 100 };
        var json = new Option<bool>("--json") { Description = "print the figures as one JSON object" };
        var cmd = new Command("gpu", "Time the GPU frame pipeline (upload, unpack, look, pack, readback) on a headless context")
        {
            size, format, lut, cdl, frames, json,
        };
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            var (width, height) = BenchCommand.ParseSize(parse.GetValue(size)!);
            if (!PixelFormats.TryParse(parse.GetValue(format)!, out var pixelFormat) || !FrameConverter.Supports(pixelFormat))
            {
                throw new InputException($"--format must be one of v210, uyvy, r210, r10b, r12b, rgba16f, rgba32f; got '{parse.GetValue(format)}'");
            }
            if (PixelFormats.IsYCbCr422(pixelFormat) && (width & 1) != 0)
            {
                throw new InputException($"--size: {PixelFormats.Name(pixelFormat)} needs an even width, got {width}");
            }
            int frameCount = parse.GetValue(frames);
            if (frameCount is < 1 or > 1_000_000)
            {
                throw new InputException($"--frames must be 1..1000000, got {frameCount}");
            }
            var ops = new OpList();
            if (parse.GetValue(cdl) is { } cdlText)
            {
                ops.AddRange(CdlStep.Parse(cdlText, CdlStyle.NoClamp).ToOps().Ops);
            }
            ops.AddRange(LutFormats.Read(parse.GetValue(lut)!).ToOps().Ops);

            HeadlessGlContext context;
            try
            {
                context = HeadlessGlContext.Create("lg-gl-bench");
            }
            catch (GpuUnavailableException e)
            {
                throw new InputException($"bench gpu: no GPU context: {e.Message}");
            }
            using (context)
            {
                var mode = new VideoMode(width, height, FrameRate.Fps25, pixelFormat);
                var inPool = new FramePool(mode, 1);
                var outPool = new FramePool(mode, 4);
                var input = inPool.TryRent()!;
                FillRandom(input);
                GpuFramePipeline pipeline;
                try
                {
                    pipeline = new GpuFramePipeline(context, mode, outPool, ops);
                }
                catch (NotSupportedException e)
                {
                    throw new InputException($"bench gpu: {e.Message}");
                }
                using (pipeline)
                {
                    // The loop runs on the GL thread, as the engine's frame loop will: no dispatch per frame.
                    double wallMs = context.Invoke(_ =>
                    {
                        for (int i = 0; i < WarmupFrames; i++)
                        {
                            pipeline.Submit(input)?.Release();
                        }
                        var drained = new List<VideoFrame>();
                        pipeline.Drain(drained);
                        drained.ForEach(f => f.Release());
                        pipeline.ResetTimings();
                        long start = Stopwatch.GetTimestamp();
                        for (int i = 0; i < frameCount; i++)
                        {
                            pipeline.Submit(input)?.Release();
                        }
                        drained.Clear();
                        pipeline.Drain(drained);
                        drained.ForEach(f => f.Release());
                        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    });
                    input.Release();
                    Report(parse.GetValue(json), context, mode, ops, frameCount, pipeline, wallMs);
                }
            }
            return 0;
        }));
        return cmd;
    }

    private static void Report(bool json, HeadlessGlContext context, VideoMode mode, OpList ops, int frames, GpuFramePipeline p, double wallMs)
    {
        var t = p.Mean;
        double msPerFrame = wallMs / frames, fps = 1000 / msPerFrame;
        var inv = CultureInfo.InvariantCulture;
        if (json)
        {
            Console.Out.WriteLine(string.Format(inv,
                "{{\"uploadMs\": {0:0.####}, \"unpackMs\": {1:0.####}, \"gradeMs\": {2:0.####}, \"packMs\": {3:0.####}, \"readbackMs\": {4:0.####}, \"msPerFrame\": {5:0.####}, \"fps\": {6:0.##}, \"stalls\": {7}, \"gpuTimers\": {8}, \"renderer\": \"{9}\"}}",
                t.UploadMs, t.UnpackMs, t.GradeMs, t.PackMs, t.ReadbackMs, msPerFrame, fps, p.Stalls, p.HasGpuTimers ? "true" : "false",
                context.Renderer.Replace("\"", "'")));
            return;
        }
        Console.Out.WriteLine(string.Format(inv, "{0}x{1} {2} -> {2}, {3} ops, {4} frames on {5}", mode.Width, mode.Height,
            PixelFormats.Name(mode.Format), OpListOptimizer.Optimize(ops).Count, frames, context.Renderer));
        string timer = p.HasGpuTimers ? "GL timestamps" : "no GL timer queries: GPU stages not measured";
        Console.Out.WriteLine(string.Format(inv, "  upload   {0,8:0.###} ms  (CPU copy {1:0.###} + GPU transfer {2:0.###})", t.UploadMs, t.UploadCopyMs, t.UploadTransferMs));
        Console.Out.WriteLine(string.Format(inv, "  unpack   {0,8:0.###} ms  ({1})", t.UnpackMs, timer));
        Console.Out.WriteLine(string.Format(inv, "  grade    {0,8:0.###} ms", t.GradeMs));
        Console.Out.WriteLine(string.Format(inv, "  pack     {0,8:0.###} ms", t.PackMs));
        Console.Out.WriteLine(string.Format(inv, "  readback {0,8:0.###} ms  (GPU transfer {1:0.###} + CPU copy {2:0.###})", t.ReadbackMs, t.ReadbackTransferMs, t.ReadbackCopyMs));
        Console.Out.WriteLine(string.Format(inv, "  wall     {0,8:0.###} ms per frame, {1:0.##} fps pipelined ({2} stalls waiting for the GPU)", msPerFrame, fps, p.Stalls));
    }

    /// <summary>A seeded random picture in the frame's own format (same pixels every run).</summary>
    private static void FillRandom(VideoFrame frame)
    {
        var rng = new Random(1);
        var rgba = new float[4 * frame.Width * frame.Height];
        for (int i = 0; i < rgba.Length; i++)
        {
            rgba[i] = (i & 3) == 3 ? 1f : rng.NextSingle();
        }
        FrameConverter.Encode(rgba, frame);
    }
}
