using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using LiveGrade.Color.Charts;
using LiveGrade.Color.Overlays.Compare;
using LiveGrade.Color.Overlays.Zebra;
using LiveGrade.Color.Spaces;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Pipeline;
using LiveGrade.Engine.Show;

namespace LiveGrade.App.Commands;

/// <summary>
/// `livegrade bench overlays [--show FILE] [--size WxH] [--frames N] [--json]`: what each overlay of a live
/// output costs per frame on the output's thread, against the output's look on the same thread in the same
/// run. The look is the show's first output's (its camera's graded look, baked for the CPU as the engine
/// bakes it), the picture the synthetic camera chart in that camera's encoding. Each overlay runs alone
/// through <see cref="OutputOverlays"/> on a fresh copy of the graded frame (the copy is not timed); the
/// compare modes grade the clean feed's side with the clean look on the same one thread. Figures are medians.
/// </summary>
public static class OverlayBench
{
    /// <summary>Frames run before timing: JIT tiering, first-touch of the buffers, building the overlays.</summary>
    private const int WarmupFrames = 2;

    public static Command Create()
    {
        var showOption = new Option<string?>("--show") { Description = "show file whose first output's look is timed (default: the built-in demo show)" };
        var size = new Option<string>("--size") { Description = "frame size WxH", DefaultValueFactory = _ => "1920x1080" };
        var frames = new Option<int>("--frames") { Description = "frames to time per stage (after 2 warm-up frames)", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "print the figures as one JSON object" };
        var cmd = new Command("overlays", "Time each live-output overlay (scope insets, zebras, guides, split/wipe/side by side against clean or a still) against the output's look, on one thread")
        {
            showOption, size, frames, json,
        };
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            var (width, height) = BenchCommand.ParseSize(parse.GetValue(size)!);
            int frameCount = parse.GetValue(frames);
            if (frameCount is < 1 or > 10_000) throw new InputException($"--frames must be 1..10000, got {frameCount}");
            string path = parse.GetValue(showOption) ?? Path.Combine(AppContext.BaseDirectory, "shows", "demo.show.json");
            var show = ShowFile.Load(path);
            var output = show.Outputs.FirstOrDefault(o => o.Multiviewer is null) ?? throw new InputException("the show has no output that is not a multiviewer", path);
            int camera = show.Inputs.FindIndex(i => string.Equals(i.Name, output.Route, StringComparison.OrdinalIgnoreCase));
            var input = show.Inputs[camera];
            var space = input.Camera is { } c ? ColorSpaceRegistry.Get(c)
                : input.Source.StartsWith("synthetic:", StringComparison.OrdinalIgnoreCase) ? ColorSpaceRegistry.Get(input.Source["synthetic:".Length..])
                : ColorSpaceRegistry.Get("rec709");
            var state = StateTransitions.Initial(show);
            var compiler = new LookCompiler(show.WorkingSpace, show.BaseDirectory);
            var key = new LookKey(camera, 0, output.View, output.Display, 0);
            var graded = new CompiledLook(key, compiler.BuildParts(space, state.Cameras[camera], output.View, output.Display, null));
            var cleanKey = key with { View = "clean" };
            var clean = new CompiledLook(cleanKey, compiler.BuildParts(space, state.Cameras[camera], "clean", output.Display, null));

            float[] source = SyntheticChart.RenderEncoded(width, height, space);
            float[] display = (float[])source.Clone();
            graded.Apply(display, 1);
            float[] frame = new float[source.Length];

            var results = new List<(string Name, double Ms)>();
            double lookMs = Time(frameCount, () => source.CopyTo(frame, 0), () => graded.Apply(frame, 1));
            results.Add(("look", lookMs));

            var none = OverlayState.None;
            var stages = new (string Name, OverlayState Settings)[]
            {
                ("waveformInset", none with { Scopes = ScopeInsets.None with { BottomLeft = InsetScope.Waveform } }),
                ("paradeInset", none with { Scopes = ScopeInsets.None with { TopLeft = InsetScope.Parade } }),
                ("vectorscopeInset", none with { Scopes = ScopeInsets.None with { BottomRight = InsetScope.Vectorscope } }),
                ("histogramInset", none with { Scopes = ScopeInsets.None with { TopRight = InsetScope.Histogram } }),
                ("allFourInsets", none with { Scopes = new ScopeInsets(InsetScope.Parade, InsetScope.Histogram, InsetScope.Waveform, InsetScope.Vectorscope) }),
                ("zebraTwoLevels", new OverlayState(false, 95, 0, false) { Zebra2 = new ZebraLevel(70, 80) }),
                ("safeAreasAndCross", none with { ActionSafe = true, TitleSafe = true, CentreCross = true }),
                ("split", none with { Compare = new CompareState(CompareMode.Split, 0.5, 0) }),
                ("wipe30", none with { Compare = new CompareState(CompareMode.Wipe, 0.5, 30) }),
                ("sideBySide", none with { Compare = new CompareState(CompareMode.SideBySide, 0.5, 0) }),
                ("splitAgainstStill", none with { Compare = new CompareState(CompareMode.Split, 0.5, 0) { Against = CompareAgainst.Still, Still = "still" } }),
                ("sideBySideAgainstStill", none with { Compare = new CompareState(CompareMode.SideBySide, 0.5, 0) { Against = CompareAgainst.Still, Still = "still" } }),
                ("waveformInsetCameraTap", none with { Scopes = ScopeInsets.None with { BottomLeft = InsetScope.Waveform, BottomLeftTap = InsetTap.Camera } }),
                // For reference: the overlays the engine drew before (the demo DIT output's).
                ("falseColour", new OverlayState(true, 0, 0, false)),
                ("lowerThirdWaveform", new OverlayState(false, 0, 0, true)),
            };
            // The insets' two halves apart: the reference analyser's counts over the whole frame, and the picture.
            var matrix = output.Display is "pq1000" or "hlg" ? Color.Scopes.YCbCrMatrix.Rec2020 : Color.Scopes.YCbCrMatrix.Rec709;
            var signal = output.Display switch { "pq1000" => Color.Scopes.ScopeSignal.Pq, "hlg" => Color.Scopes.ScopeSignal.Hlg, _ => Color.Scopes.ScopeSignal.Sdr };
            foreach (var type in new[] { InsetScope.Waveform, InsetScope.Parade, InsetScope.Vectorscope, InsetScope.Histogram })
            {
                var inset = new ScopeInset(type, 3, matrix, signal, width, height);
                string name = type.ToString().ToLowerInvariant();
                results.Add(($"{name}AnalysisReference", Time(frameCount, () => { }, () => inset.AnalyzeWithReference(display, width, height))));
                results.Add(($"{name}Analysis", Time(frameCount, () => { }, () => inset.Analyze(display, width, height))));
                results.Add(($"{name}Draw", Time(frameCount, () => display.CopyTo(frame, 0), () => inset.Draw(frame, width))));
            }
            foreach (var (name, settings) in stages)
            {
                // The still: the graded picture itself (already at the output's size, as the engine's cache hands it out).
                var overlays = new OutputOverlays(new FixedCompareLook(clean, maxThreads: 1), new FixedStill(display));
                double ms = Time(frameCount, () => display.CopyTo(frame, 0),
                    () => overlays.Apply(settings, key, frame, width, height, source, width, height));
                results.Add((name, ms));
            }

            // Not an overlay but the other per-frame picture work of the demo's outputs: a 2x2 multiviewer scales
            // each input to a tile (half size less the tile's border and label strip).
            int tileW = width / 2 - 6, tileH = height / 2 - 6 - height / 20;
            var tile = new float[tileW * tileH * 4];
            results.Add(("multiviewerTileScale", Time(frameCount, () => { }, () => Scaler.Fit(source, width, height, tile, tileW, tileH))));

            var inv = CultureInfo.InvariantCulture;
            if (parse.GetValue(json))
            {
                var sb = new StringBuilder("{");
                sb.Append(inv, $"\"width\": {width}, \"height\": {height}, \"frames\": {frameCount}, \"threads\": 1");
                foreach (var (name, ms) in results) sb.Append(inv, $", \"{name}Ms\": {ms:0.###}");
                foreach (var (name, ms) in results.Skip(1)) sb.Append(inv, $", \"{name}PerLook\": {ms / lookMs:0.###}");
                Console.Out.WriteLine(sb.Append('}').ToString());
            }
            else
            {
                Console.Out.WriteLine(string.Format(inv, "{0}x{1}, one thread, {2} frames a stage; look: {3} {4} -> {5} ({6})",
                    width, height, frameCount, input.Name, output.View, output.Display, graded.Describe()));
                foreach (var (name, ms) in results)
                {
                    Console.Out.WriteLine(string.Format(inv, "  {0,-28} {1,9:0.00} ms/frame  {2,6:0.00}x the look", name, ms, ms / lookMs));
                }
            }
            return 0;
        }));
        return cmd;
    }

    /// <summary>A still already read and scaled (what the engine's cache hands out every frame once it has it).</summary>
    private sealed class FixedStill(float[] picture) : IReferenceStills
    {
        public float[]? TryGet(string still, int width, int height) => picture;
    }

    /// <summary>
    /// Median milliseconds of <paramref name="run"/> over the frames, each after an untimed <paramref name="reset"/>
    /// (the median, not the mean: on a shared machine a few frames wait for the processor and would dominate it).
    /// </summary>
    private static double Time(int frames, Action reset, Action run)
    {
        for (int i = 0; i < WarmupFrames; i++)
        {
            reset();
            run();
        }
        var ms = new double[frames];
        for (int i = 0; i < frames; i++)
        {
            reset();
            long start = Stopwatch.GetTimestamp();
            run();
            ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(ms);
        return frames % 2 == 1 ? ms[frames / 2] : (ms[frames / 2 - 1] + ms[frames / 2]) / 2;
    }
}
