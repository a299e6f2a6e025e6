using LiveGrade.Color.Spaces;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Core.Video;
using LiveGrade.Video.Sources;

namespace LiveGrade.Video;

/// <summary>
/// The one source syntax used everywhere (command line, show files, API): <c>bars</c>, <c>ramp</c>,
/// <c>zoneplate</c>, <c>synthetic:SPACE</c> (the synthetic camera in a named camera space, e.g.
/// <c>synthetic:logc3</c>), <c>file:PATH</c> (image sequence pattern, folder, still, or movie),
/// <c>sdp:PATH.sdp</c> (an RTP stream), <c>decklink:N</c> (input N of the DeckLink cards, from 0).
/// </summary>
public static class SourceFactory
{
    /// <summary>The kinds, for help texts.</summary>
    public const string Syntax = "bars | ramp | zoneplate | synthetic:SPACE | file:PATH | sdp:FILE.sdp | decklink:N";

    private static readonly string[] MovieExtensions = [".mov", ".mp4", ".mxf", ".mkv", ".avi", ".m4v", ".webm", ".y4m"];

    /// <summary>
    /// Hook for sources in other parts of the program (RTP, DeckLink) to add their scheme without this
    /// class knowing their types: scheme (e.g. "sdp") → factory of (name, argument, mode).
    /// </summary>
    private static readonly Dictionary<string, Func<string, string, VideoMode, IVideoSource>> Schemes = new(StringComparer.OrdinalIgnoreCase);

    public static void RegisterScheme(string scheme, Func<string, string, VideoMode, IVideoSource> create)
    {
        lock (Schemes) Schemes[scheme] = create;
    }

    /// <summary>Hooks that describe what hardware sources exist (one line each), e.g. the DeckLink inputs found.</summary>
    private static readonly List<Func<IEnumerable<string>>> Describers = [];

    public static void RegisterDescriber(Func<IEnumerable<string>> describe)
    {
        lock (Describers) Describers.Add(describe);
    }

    /// <summary>Lines about the capture hardware on this machine (never throws: a failing probe says so in its line).</summary>
    public static IEnumerable<string> DescribeAvailable()
    {
        Func<IEnumerable<string>>[] describers;
        lock (Describers) describers = [.. Describers];
        var lines = new List<string>();
        foreach (var d in describers.Prepend(DeckLink.DeckLinkSource.Describe))
        {
            try
            {
                lines.AddRange(d());
            }
            catch (Exception e)
            {
                lines.Add($"  (a capture probe failed: {e.Message.ReplaceLineEndings(" ")})");
            }
        }
        if (lines.Count == 0) lines.Add("capture hardware: none probed in this build");
        return lines;
    }

    /// <summary>
    /// Creates (does not start) the source <paramref name="spec"/> names. Generated sources use
    /// <paramref name="mode"/>'s size and rate; files and streams bring their own size.
    /// </summary>
    public static IVideoSource Create(string spec, VideoMode mode, string? name = null)
    {
        spec = spec.Trim();
        var colon = spec.IndexOf(':');
        var scheme = colon < 0 ? spec : spec[..colon];
        var argument = colon < 0 ? "" : spec[(colon + 1)..];
        name ??= spec;
        var floatMode = mode with { Format = PixelFormat.Rgba32F };
        switch (scheme.ToLowerInvariant())
        {
            case "bars":
                return new PatternSource(name, floatMode, TestPatterns.Bars);
            case "ramp":
                return new PatternSource(name, floatMode, TestPatterns.Ramp);
            case "zoneplate":
                return new PatternSource(name, floatMode, TestPatterns.ZonePlate);
            case "synthetic":
                var space = ColorSpaceRegistry.Find(argument.Length == 0 ? "logc3" : argument)
                    ?? throw new InputException($"source '{spec}': unknown camera space '{argument}' (see ./livegrade spaces)");
                return new SyntheticCameraSource(name, floatMode, space);
            case "file":
                if (argument.Length == 0) throw new InputException($"source '{spec}': file: needs a path");
                return MovieExtensions.Contains(Path.GetExtension(argument).ToLowerInvariant())
                    ? FfmpegMovieSource.Open(name, argument, mode.Rate)
                    : ImageSequenceSource.Open(name, argument, mode.Rate);
            case "sdp":
                // The stream brings its own size, rate and layout (v210, uyvy, r210 or bgra frames).
                if (argument.Length == 0) throw new InputException($"source '{spec}': sdp: needs a file, e.g. sdp:camera1.sdp");
                return Rtp.RtpReceiver.FromSdp(argument, name);
            case "decklink":
                // The card brings its own layout (v210 by default); the driver is loaded when the source starts.
                return DeckLink.DeckLinkSource.Create(name, argument, mode);
        }
        Func<string, string, VideoMode, IVideoSource>? factory;
        lock (Schemes) Schemes.TryGetValue(scheme, out factory);
        if (factory is not null) return factory(name, argument, mode);
        throw new InputException($"source '{spec}' is not one of: {Syntax}");
    }
}
