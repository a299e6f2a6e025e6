using System.Text.Json;
using System.Text.Json.Serialization;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Engine.Show;

/// <summary>
/// A show: inputs (cameras), outputs (monitors), routes, presets and control ports, as a human-readable
/// JSON file (comments and trailing commas allowed) that `./livegrade run SHOW` starts. Relative paths
/// (LUTs, image sequences) are relative to the show file's folder. Every field but the lists has a
/// default, so a minimal show is a few lines; see <c>shows/demo.show.json</c>.
/// </summary>
public sealed record ShowFile
{
    public string Name { get; init; } = "LiveGrade show";

    /// <summary>Picture size and rate of generated sources and of every output ("1920x1080", "25").</summary>
    public string Size { get; init; } = "1920x1080";
    public string Rate { get; init; } = "25";

    /// <summary>Where CDLs are graded: "ACEScct" (default) or "camera" (in each camera's own log encoding).</summary>
    public string WorkingSpace { get; init; } = "ACEScct";

    /// <summary>Milliseconds without a frame before an input shows the "no signal" slate.</summary>
    public int NoSignalTimeoutMs { get; init; } = 500;

    /// <summary>
    /// gpu (exact looks as compute shaders on a headless GL context), cpu (looks baked to 33³ LUTs), or auto:
    /// the GPU when a hardware GL driver answers, else the CPU (a software GL such as llvmpipe is slower).
    /// </summary>
    public string Renderer { get; init; } = "auto";

    public List<InputDefinition> Inputs { get; init; } = [];
    public List<OutputDefinition> Outputs { get; init; } = [];
    public List<PresetDefinition> Presets { get; init; } = [];

    /// <summary>Blackmagic Videohub protocol server: port (0 = off), bind address (loopback unless asked).</summary>
    public PortDefinition Videohub { get; init; } = new() { Port = 0 };

    /// <summary>HTTP + WebSocket control API: port (0 = off), bind address, token (required beyond loopback).</summary>
    public PortDefinition Api { get; init; } = new() { Port = 0 };

    /// <summary>The folder relative paths are resolved against (set by <see cref="Load"/>).</summary>
    [JsonIgnore]
    public string BaseDirectory { get; init; } = Directory.GetCurrentDirectory();

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads and checks a show file; any problem is an <see cref="InputException"/> naming the file and line.</summary>
    public static ShowFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read the show file: {e.Message}", path);
        }
        return Parse(text, path) with { BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(path))! };
    }

    /// <summary>Parses show JSON held in memory (<paramref name="file"/> only names it in errors).</summary>
    public static ShowFile Parse(string json, string file = "<show>")
    {
        ShowFile? show;
        try
        {
            show = JsonSerializer.Deserialize<ShowFile>(json, Options);
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } l ? (int)l + 1 : (int?)null;
            var reason = e.Message.Split(" Path:")[0].Split(" LineNumber:")[0];
            throw new InputException(reason.TrimEnd('.'), file, line);
        }
        if (show is null) throw new InputException("the show file is empty", file);
        show.Validate(file);
        return show;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    private void Validate(string file)
    {
        void Fail(string reason) => throw new InputException(reason, file);
        if (Inputs.Count == 0) Fail("a show needs at least one input");
        if (Outputs.Count == 0) Fail("a show needs at least one output");
        var inputNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var i in Inputs)
        {
            if (string.IsNullOrWhiteSpace(i.Name)) Fail("every input needs a name");
            if (!inputNames.Add(i.Name)) Fail($"two inputs are named '{i.Name}'");
            if (string.IsNullOrWhiteSpace(i.Source)) Fail($"input '{i.Name}' has no source");
        }
        var outputNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var o in Outputs)
        {
            if (string.IsNullOrWhiteSpace(o.Name)) Fail("every output needs a name");
            if (!outputNames.Add(o.Name)) Fail($"two outputs are named '{o.Name}'");
            if (o.Multiviewer is { } mv)
            {
                foreach (var t in mv.Tiles)
                {
                    if (!inputNames.Contains(t.Input)) Fail($"multiviewer '{o.Name}' shows unknown input '{t.Input}'");
                }
            }
            else if (o.Route is null || !inputNames.Contains(o.Route))
            {
                Fail($"output '{o.Name}' is routed to unknown input '{o.Route}'");
            }
            if (o.Overlays is null) Fail($"output '{o.Name}': overlays must be an object, not null");
            if (Control.OverlayRules.FromDefinition(o.Overlays!, out var overlayProblem) is null) Fail($"output '{o.Name}': overlays.{overlayProblem}");
            string scheme = o.Sink.Split(':', 2)[0].ToLowerInvariant();
            if (scheme is not ("null" or "" or "window" or "decklink" or "rtp")) Fail($"output '{o.Name}': sink '{o.Sink}' is not null, window[:WxH], decklink:N or rtp:HOST:PORT");
            if (scheme is "decklink" or "rtp"
                && (!Core.Video.PixelFormats.TryParse(o.Format, out var f) || f is Core.Video.PixelFormat.Rgba16F or Core.Video.PixelFormat.Rgba32F))
            {
                Fail($"output '{o.Name}': format '{o.Format}' is not v210, uyvy, r210, R10b, R12B or bgra");
            }
        }
        foreach (var p in Presets)
        {
            foreach (var (output, input) in p.Routes)
            {
                if (!outputNames.Contains(output)) Fail($"preset '{p.Name}' routes unknown output '{output}'");
                if (!inputNames.Contains(input)) Fail($"preset '{p.Name}' routes to unknown input '{input}'");
            }
        }
        if (NoSignalTimeoutMs is < 40 or > 60000) Fail("noSignalTimeoutMs must be 40..60000");
        if (Renderer is not ("auto" or "gpu" or "cpu")) Fail($"renderer must be auto, gpu or cpu, not '{Renderer}'");
    }
}

/// <summary>A camera: where its pictures come from, how they are encoded, and its starting look.</summary>
public sealed record InputDefinition
{
    public string Name { get; init; } = "";

    /// <summary>Source syntax: bars, ramp, zoneplate, synthetic:SPACE, file:PATH, sdp:FILE.sdp, decklink:N.</summary>
    public string Source { get; init; } = "";

    /// <summary>The camera's log encoding and gamut (a space name or alias); defaults to the synthetic camera's, else Rec.709.</summary>
    public string? Camera { get; init; }

    public CdlDefinition? Cdl { get; init; }

    /// <summary>Look LUTs applied after the CDL, in the working space (paths relative to the show file).</summary>
    public List<string> Luts { get; init; } = [];
}

/// <summary>ASC CDL values: slope, offset, power (three each) and saturation.</summary>
public sealed record CdlDefinition
{
    public double[] Slope { get; init; } = [1, 1, 1];
    public double[] Offset { get; init; } = [0, 0, 0];
    public double[] Power { get; init; } = [1, 1, 1];
    public double Sat { get; init; } = 1;
}

/// <summary>A monitor feed: what it shows and how, and where it goes.</summary>
public sealed record OutputDefinition
{
    public string Name { get; init; } = "";

    /// <summary>The input shown (ignored for a multiviewer).</summary>
    public string? Route { get; init; }

    /// <summary>graded (the whole look), clean (camera to display, no grade), lut (the look without the CDL).</summary>
    public string View { get; init; } = "graded";

    /// <summary>rec1886 (SDR), pq1000 (HDR PQ, 1000 nit), hlg (HDR HLG, 1000 nit), or none (working space as is).</summary>
    public string Display { get; init; } = "rec1886";

    /// <summary>The monitor's own calibration LUT, as its probe software writes it (.cube/.3dl), after the display encoding.</summary>
    public string? Calibration { get; init; }

    /// <summary>legal (SMPTE narrow range on integer outputs) or full.</summary>
    public string Range { get; init; } = "legal";

    /// <summary>Overlays drawn on this output.</summary>
    public OverlayDefinition Overlays { get; init; } = new();

    /// <summary>
    /// Where frames go: null (nothing; counters only), window[:WxH] (a monitor window on this machine's display),
    /// decklink:N (a DeckLink output, scheduled playout) or
    /// rtp:HOST:PORT (SMPTE ST 2110-20 video; the SDP is written to <see cref="Sdp"/>).
    /// </summary>
    public string Sink { get; init; } = "null";

    /// <summary>The wire layout of a decklink or rtp sink: v210 (10-bit 4:2:2, the default), uyvy, r210, R10b, R12B or bgra.</summary>
    public string Format { get; init; } = "v210";

    /// <summary>Where an rtp sink writes its SDP (relative to the working folder); default OUTPUT-NAME.sdp.</summary>
    public string? Sdp { get; init; }

    /// <summary>Makes this output a multiviewer of the given tiles.</summary>
    public MultiviewerDefinition? Multiviewer { get; init; }
}

/// <summary>An output's monitoring overlays, drawn on the display signal (checked by <see cref="Control.OverlayRules"/>).</summary>
public sealed record OverlayDefinition
{
    public bool FalseColor { get; init; }

    /// <summary>Zebra thresholds in percent of the display signal (0 = off).</summary>
    public double Zebra { get; init; }

    /// <summary>A second zebra, striped the other way: "N" (N IRE and above) or "LO-HI" (a band, e.g. "70-80" for skin); null or "off" = none.</summary>
    public string? Zebra2 { get; init; }

    /// <summary>A luma waveform in the lower third of the picture.</summary>
    public bool Waveform { get; init; }

    /// <summary>Frame lines for this aspect ratio (e.g. 2.39), 0 = none.</summary>
    public double FrameLines { get; init; }

    /// <summary>Action safe (93%) and title safe (90%) of the framed area (SMPTE ST 2046-1), and a centre cross.</summary>
    public bool ActionSafe { get; init; }
    public bool TitleSafe { get; init; }
    public bool CentreCross { get; init; }

    /// <summary>Scope insets, one a corner: waveform, parade, vectorscope or histogram.</summary>
    public ScopeCornersDefinition? Scopes { get; init; }

    /// <summary>Split, wipe or side by side against the clean feed, the look without its CDL, a second look or a still.</summary>
    public CompareDefinition? Compare { get; init; }
}

/// <summary>A scope name (waveform, parade, vectorscope, histogram or none) per corner; a corner left out has none.</summary>
public sealed record ScopeCornersDefinition
{
    public string? TopLeft { get; init; }
    public string? TopRight { get; init; }
    public string? BottomLeft { get; init; }
    public string? BottomRight { get; init; }

    /// <summary>Where each corner's scope reads: "output" (default: the output's picture) or "camera" (the input before any look).</summary>
    public ScopeTapsDefinition? Taps { get; init; }
}

/// <summary>A tap per corner: output (after the look and display transform) or camera (the camera's own signal); left out = output.</summary>
public sealed record ScopeTapsDefinition
{
    public string? TopLeft { get; init; }
    public string? TopRight { get; init; }
    public string? BottomLeft { get; init; }
    public string? BottomRight { get; init; }
}

/// <summary>
/// Compare the output's picture (A) with B: mode off, split (a vertical divider), wipe (a divider at
/// <see cref="Angle"/> degrees, 0 vertical with the output's own view on the left, 90 horizontal with it on
/// top) or side-by-side (both at half size, A left); <see cref="Position"/> 0..1 moves the divider across the
/// picture, 0 all B, 1 all the output's own view, 0.5 through the centre (for a split, the share of the width that
/// keeps the output's view). <see cref="Against"/> says what B is: clean (the camera through the display transform
/// alone, the default), lut (the look without its CDL), look (<see cref="Look"/>) or still (<see cref="Still"/>).
/// </summary>
public sealed record CompareDefinition
{
    public string Mode { get; init; } = "off";
    public double Position { get; init; } = 0.5;
    public double Angle { get; init; }
    public string Against { get; init; } = "clean";

    /// <summary>The second look (against look): a name, a CDL and LUTs, as a camera's look.</summary>
    public CompareLookDefinition? Look { get; init; }

    /// <summary>The reference still (against still): an image file (EXR, TIFF, DPX, PNG...) holding a display-referred picture; relative to the show's folder.</summary>
    public string? Still { get; init; }
}

/// <summary>A second look to compare with: a name for people, a CDL and look LUTs (paths relative to the show's folder).</summary>
public sealed record CompareLookDefinition
{
    public string Name { get; init; } = "";
    public CdlDefinition Cdl { get; init; } = new();
    public List<string> Luts { get; init; } = [];
}

public sealed record MultiviewerDefinition
{
    /// <summary>"2x2", "3x3" or "CxR".</summary>
    public string Layout { get; init; } = "2x2";
    public List<TileDefinition> Tiles { get; init; } = [];
}

public sealed record TileDefinition
{
    public string Input { get; init; } = "";
    public string View { get; init; } = "graded";
}

/// <summary>A salvo: many routes switched at once.</summary>
public sealed record PresetDefinition
{
    public string Name { get; init; } = "";

    /// <summary>output name → input name.</summary>
    public Dictionary<string, string> Routes { get; init; } = [];
}

public sealed record PortDefinition
{
    public int Port { get; init; }
    public string Bind { get; init; } = "127.0.0.1";
    public string? Token { get; init; }
}
