using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using LiveGrade.Color.Charts;
using LiveGrade.Color.Looks;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Histogram;
using LiveGrade.Color.Scopes.Rendering;
using LiveGrade.Color.Scopes.Vectorscope;
using LiveGrade.Color.Scopes.Waveform;
using LiveGrade.Color.Spaces;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Gpu.Context;
using LiveGrade.Gpu.Processing;
using LiveGrade.Gpu.Scopes;
using LiveGrade.Video.Sources;
using Silk.NET.OpenGL;

namespace LiveGrade.App.Commands;

/// <summary>
/// `livegrade bench scopes --size WxH [--picture P] [--convert ..] [--cdl ..] [--look FILE].. [--display SRC:DST]
/// --frames N [--json]`: on one headless GL context, grades a frame texture with the look (one
/// <see cref="GpuLookProcessor.Dispatch"/>, the look and the display transform as one shader, as an output
/// runs them) and then runs every scope on the graded texture, each as its analysis pass (the counts) and
/// its drawing pass (the picture from the counts still on the GPU): luma waveform, RGB parade, vectorscope,
/// histogram. Each stage is timed on the GPU with GL timestamp queries (glQueryCounter) written between
/// the dispatches, so the figures are GPU execution, not submission. Without timer queries each stage is
/// timed by the CPU around a glFinish (said in the output). Nothing is read back per frame.
/// </summary>
public static class ScopeBench
{
    /// <summary>Frames run before timing: shader compilation, graticule uploads, first-touch allocations.</summary>
    private const int WarmupFrames = 2;

    /// <summary>Stage names in dispatch order; the JSON keys are these plus "Ms".</summary>
    private static readonly string[] Stages =
    [
        "grade",
        "waveformAnalysis", "waveformDraw",
        "paradeAnalysis", "paradeDraw",
        "vectorscopeAnalysis", "vectorscopeDraw",
        "histogramAnalysis", "histogramDraw",
    ];

    public static Command Create(string[] rawArgs)
    {
        var size = new Option<string>("--size") { Description = "frame size WxH", DefaultValueFactory = _ => "3840x2160" };
        var picture = new Option<string>("--picture")
        {
            Description = "the frame: synthetic:SPACE (the camera chart encoded in SPACE), bars, ramp, zoneplate or random",
            DefaultValueFactory = _ => "synthetic:logc3",
        };
        var display = new Option<string?>("--display") { Description = "display transform after the look, as SRC:DST colour spaces (e.g. acescct:rec709)" };
        var frames = new Option<int>("--frames") { Description = "frames to time (after 2 warm-up frames)", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "print the figures as one JSON object" };
        var look = new LookArguments(rawArgs);
        var cmd = new Command("scopes",
            "Time the GPU scopes (waveform, parade, vectorscope, histogram: analysis and drawing) against the grade on the same frame")
        {
            size, picture, display, frames, json,
        };
        look.AddTo(cmd);
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            var (width, height) = BenchCommand.ParseSize(parse.GetValue(size)!);
            int frameCount = parse.GetValue(frames);
            if (frameCount is < 1 or > 100_000)
            {
                throw new InputException($"--frames must be 1..100000, got {frameCount}");
            }
            var chain = look.Chain(parse);
            string? displayText = parse.GetValue(display);
            if (chain.Steps.Count == 0 && displayText is null)
            {
                throw new InputException("bench scopes: give the grade to time against: --convert, --cdl, --look, --ocio and/or --display");
            }
            var ops = chain.ToOps();
            if (displayText is not null)
            {
                ops.AddRange(ConvertStep.Parse(displayText).ToOps().Ops);
            }
            string pictureText = parse.GetValue(picture)!;
            float[] pixels = MakePicture(pictureText, width, height);

            HeadlessGlContext context;
            try
            {
                context = HeadlessGlContext.Create("lg-gl-bench");
            }
            catch (GpuUnavailableException e)
            {
                throw new InputException($"bench scopes: no GPU context: {e.Message}");
            }
            using (context)
            {
                GpuLookProcessor grade;
                try
                {
                    grade = new GpuLookProcessor(context, ops);
                }
                catch (NotSupportedException e)
                {
                    throw new InputException($"bench scopes: {e.Message}");
                }
                using (grade)
                {
                    var run = new Run(width, height);
                    try
                    {
                        var result = context.Invoke(gl => run.Time(gl, grade, pixels, frameCount));
                        Report(parse.GetValue(json), context, width, height, pictureText, OpListOptimizer.Optimize(ops).Count, frameCount, result);
                    }
                    finally
                    {
                        context.Invoke(run.Delete);
                    }
                }
            }
            return 0;
        }));
        return cmd;
    }

    /// <summary>The frame the bench grades and scopes (RGBA float, rows top to bottom).</summary>
    private static float[] MakePicture(string text, int width, int height)
    {
        var rgba = new float[4 * width * height];
        switch (text)
        {
            case "bars":
                TestPatterns.Bars(rgba, width, height);
                return rgba;
            case "ramp":
                TestPatterns.Ramp(rgba, width, height);
                return rgba;
            case "zoneplate":
                TestPatterns.ZonePlate(rgba, width, height);
                return rgba;
            case "random":
            {
                // Seeded: the same pixels every run. Scattered values spread the scopes' atomic adds.
                var rng = new Random(1);
                for (int i = 0; i < rgba.Length; i++)
                {
                    rgba[i] = (i & 3) == 3 ? 1f : rng.NextSingle();
                }
                return rgba;
            }
        }
        if (text.StartsWith("synthetic:", StringComparison.Ordinal))
        {
            var space = ColorSpaceRegistry.Get(text["synthetic:".Length..]);
            if (space.IsDisplay)
            {
                throw new InputException($"--picture: '{space.Name}' is a display, the synthetic camera needs a camera or working space");
            }
            return SyntheticChart.RenderEncoded(width, height, space);
        }
        throw new InputException($"--picture must be synthetic:SPACE, bars, ramp, zoneplate or random; got '{text}'");
    }

    /// <summary>Mean milliseconds per stage (in <see cref="Stages"/> order), and how they were measured.</summary>
    private sealed record Timings(double[] MeanMs, double[] MinMs, bool GpuTimers);

    /// <summary>The GL objects of one run; created, used and deleted on the GL thread.</summary>
    private sealed class Run(int width, int height)
    {
        private readonly GpuFrameTexture _source = new();
        private readonly GpuFrameTexture _graded = new();
        private WaveformGpuPass? _waveform, _parade;
        private VectorscopeGpuPass? _vectorscope;
        private HistogramGpuPass? _histogram;
        private readonly ScopeTraceGpuPass?[] _traces = new ScopeTraceGpuPass?[4];
        private uint[] _queries = [];

        public Timings Time(GL gl, GpuLookProcessor grade, float[] pixels, int frames)
        {
            _source.Upload(gl, pixels, width, height);
            _graded.Ensure(gl, width, height);
            _waveform = new WaveformGpuPass(gl);
            _parade = new WaveformGpuPass(gl);
            _vectorscope = new VectorscopeGpuPass(gl);
            _histogram = new HistogramGpuPass(gl);
            for (int i = 0; i < _traces.Length; i++)
            {
                _traces[i] = new ScopeTraceGpuPass(gl);
            }

            // The scopes as the `scope` verb and the panel draw them: 709 weights, SDR graticule in IRE,
            // waveform columns divided down to at most 1024 (320 per parade panel), 512x512 vectorscope bins.
            var m = YCbCrMatrix.Rec709;
            var request = new ScopeRequest { Matrix = m };
            var waveform = new WaveformCounts(new WaveformParams(WaveformParams.ColumnsFor(width, 1024), false, m)) { ImageWidth = width, ImageHeight = height };
            var parade = new WaveformCounts(new WaveformParams(WaveformParams.ColumnsFor(width, 320), true, m)) { ImageWidth = width, ImageHeight = height };
            var vectorscope = new VectorscopeCounts(new VectorscopeParams(512, m)) { ImageWidth = width, ImageHeight = height };
            var histogram = new HistogramCounts(m) { ImageWidth = width, ImageHeight = height };
            var waveformLayout = WaveformRenderer.Layout(waveform.Params, request with { Type = ScopeType.Waveform });
            var paradeLayout = WaveformRenderer.Layout(parade.Params, request with { Type = ScopeType.Parade });
            var vectorscopeLayout = VectorscopeRenderer.Layout(vectorscope.Params, request with { Type = ScopeType.Vectorscope });
            var histogramLayout = HistogramRenderer.Layout(request with { Type = ScopeType.Histogram });
            // The trace scales depend on the frame size only, so they are fixed for the run (no readback).
            var waveformScale = WaveformRenderer.Scale(waveform, 1f);
            var paradeScale = WaveformRenderer.Scale(parade, 1f);
            var vectorscopeScale = VectorscopeRenderer.Scale(vectorscope, 1f);
            var histogramScale = HistogramRenderer.Scale(histogram, 1f);

            gl.GetQuery(GLEnum.Timestamp, GLEnum.QueryCounterBits, out int bits);
            bool timers = bits > 0;
            int stamps = Stages.Length + 1;
            if (timers)
            {
                _queries = new uint[stamps];
                gl.GenQueries((uint)stamps, _queries);
            }
            var cpuStamps = new long[stamps];
            void Stamp(int i)
            {
                if (timers)
                {
                    gl.QueryCounter(_queries[i], QueryCounterTarget.Timestamp);
                }
                else
                {
                    gl.Finish(); // no timer queries: the CPU waits for each stage
                    cpuStamps[i] = Stopwatch.GetTimestamp();
                }
            }

            var sum = new double[Stages.Length];
            var min = Enumerable.Repeat(double.MaxValue, Stages.Length).ToArray();
            Span<ulong> ns = stackalloc ulong[stamps];
            for (int frame = -WarmupFrames; frame < frames; frame++)
            {
                // Each frame grades the same camera picture: the look writes in place, so restore it first (untimed).
                gl.CopyImageSubData(_source.Texture, CopyImageSubDataTarget.Texture2D, 0, 0, 0, 0,
                    _graded.Texture, CopyImageSubDataTarget.Texture2D, 0, 0, 0, 0, (uint)width, (uint)height, 1);
                gl.MemoryBarrier(MemoryBarrierMask.ShaderImageAccessBarrierBit | MemoryBarrierMask.TextureUpdateBarrierBit);
                Stamp(0);
                grade.Dispatch(gl, _graded.Texture, width, height);
                Stamp(1);
                _waveform.Dispatch(gl, _graded.Texture, width, height, waveform.Params);
                Stamp(2);
                _traces[0]!.Dispatch(gl, waveformLayout, _waveform.CountsBuffer, waveformScale);
                Stamp(3);
                _parade.Dispatch(gl, _graded.Texture, width, height, parade.Params);
                Stamp(4);
                _traces[1]!.Dispatch(gl, paradeLayout, _parade.CountsBuffer, paradeScale);
                Stamp(5);
                _vectorscope.Dispatch(gl, _graded.Texture, width, height, vectorscope.Params);
                Stamp(6);
                _traces[2]!.Dispatch(gl, vectorscopeLayout, _vectorscope.CountsBuffer, vectorscopeScale);
                Stamp(7);
                _histogram.Dispatch(gl, _graded.Texture, width, height, histogram.Matrix);
                Stamp(8);
                _traces[3]!.Dispatch(gl, histogramLayout, _histogram.CountsBuffer, histogramScale);
                Stamp(9);
                gl.Finish();
                var err = gl.GetError();
                if (err != GLEnum.NoError)
                {
                    throw new InvalidOperationException($"GL error {err} in the scopes bench");
                }
                if (frame < 0)
                {
                    continue;
                }
                for (int i = 0; i < stamps; i++)
                {
                    if (timers)
                    {
                        gl.GetQueryObject(_queries[i], QueryObjectParameterName.Result, out ulong v);
                        ns[i] = v;
                    }
                    else
                    {
                        ns[i] = (ulong)(cpuStamps[i] * (1e9 / Stopwatch.Frequency));
                    }
                }
                for (int s = 0; s < Stages.Length; s++)
                {
                    double ms = (ns[s + 1] - ns[s]) / 1e6;
                    sum[s] += ms;
                    min[s] = Math.Min(min[s], ms);
                }
            }
            return new Timings(sum.Select(v => v / frames).ToArray(), min, timers);
        }

        public void Delete(GL gl)
        {
            _waveform?.Delete(gl);
            _parade?.Delete(gl);
            _vectorscope?.Delete(gl);
            _histogram?.Delete(gl);
            foreach (var t in _traces)
            {
                t?.Delete(gl);
            }
            if (_queries.Length > 0)
            {
                gl.DeleteQueries((uint)_queries.Length, _queries);
            }
            _source.Delete(gl);
            _graded.Delete(gl);
        }
    }

    private static void Report(bool json, HeadlessGlContext context, int width, int height, string picture, int opCount, int frames, Timings t)
    {
        var inv = CultureInfo.InvariantCulture;
        double grade = t.MeanMs[0];
        double scopes = t.MeanMs.Skip(1).Sum();
        double ScopeMs(int analysis) => t.MeanMs[analysis] + t.MeanMs[analysis + 1];
        if (json)
        {
            var sb = new StringBuilder("{");
            sb.Append(inv, $"\"width\": {width}, \"height\": {height}, \"frames\": {frames}, ");
            for (int s = 0; s < Stages.Length; s++)
            {
                sb.Append(inv, $"\"{Stages[s]}Ms\": {t.MeanMs[s]:0.####}, ");
            }
            sb.Append(inv, $"\"scopesMs\": {scopes:0.####}, \"scopesOverGrade\": {scopes / grade:0.####}, ");
            sb.Append(inv, $"\"gpuTimers\": {(t.GpuTimers ? "true" : "false")}, \"renderer\": \"{context.Renderer.Replace("\"", "'")}\"}}");
            Console.Out.WriteLine(sb.ToString());
            return;
        }
        Console.Out.WriteLine(string.Format(inv, "{0}x{1} {2}, grade of {3} ops, {4} frames on {5} ({6})", width, height, picture, opCount, frames,
            context.Renderer, t.GpuTimers ? "GL timestamps" : "no GL timer queries: CPU time around glFinish"));
        Console.Out.WriteLine("  stage                  mean ms    min ms");
        for (int s = 0; s < Stages.Length; s++)
        {
            Console.Out.WriteLine(string.Format(inv, "  {0,-20} {1,9:0.###} {2,9:0.###}", Stages[s], t.MeanMs[s], t.MinMs[s]));
        }
        Console.Out.WriteLine(string.Format(inv, "  waveform {0:0.###} ms, parade {1:0.###} ms, vectorscope {2:0.###} ms, histogram {3:0.###} ms (analysis + draw)",
            ScopeMs(1), ScopeMs(3), ScopeMs(5), ScopeMs(7)));
        Console.Out.WriteLine(string.Format(inv, "  all four scopes {0:0.###} ms against the grade {1:0.###} ms: {2:0.##}x the grade ({3})", scopes, grade,
            scopes / grade, scopes < grade ? "less than the grade" : "NOT less than the grade"));
    }
}
