using LiveGrade.Core.Video;

namespace LiveGrade.Interop.DeckLink;

/// <summary>A display mode a device offers, with the pixel formats it accepts in it.</summary>
public sealed record DeckLinkDisplayMode(
    uint Code, string Name, int Width, int Height, long FrameDuration, long TimeScale, uint FieldDominance, uint Flags,
    IReadOnlyList<uint> PixelFormats)
{
    /// <summary>BMDFieldDominance 'prog' (progressive) or 'psf '.</summary>
    public bool IsProgressive => FieldDominance is 0x70726F67 or 0x70736620;

    /// <summary>Exact frame rate (time scale / frame duration, reduced): 25000/1000 → 25/1, 30000/1001 stays.</summary>
    public FrameRate Rate => RateOf(TimeScale, FrameDuration);

    /// <summary>The four-character code, e.g. "Hp25".</summary>
    public string CodeText => DeckLinkPixelFormat.FourCC(Code);

    public bool Supports(uint pixelFormat) => PixelFormats.Contains(pixelFormat);

    internal static FrameRate RateOf(long timeScale, long frameDuration)
    {
        if (timeScale <= 0 || frameDuration <= 0) return FrameRate.Fps25;
        long a = timeScale, b = frameDuration;
        while (b != 0) (a, b) = (b, a % b);
        return new FrameRate(checked((int)(timeScale / a)), checked((int)(frameDuration / a)));
    }
}

/// <summary>One DeckLink device (a card, or one sub-device of a card) as the driver enumerated it.</summary>
public sealed record DeckLinkDevice(
    int Index, string ModelName, string DisplayName, long PersistentId, bool HasInput, bool HasOutput,
    bool SupportsFormatDetection, bool SupportsHdrMetadata, long MinimumPrerollFrames, long VideoInputConnections,
    long VideoOutputConnections, IReadOnlyList<DeckLinkDisplayMode> InputModes, IReadOnlyList<DeckLinkDisplayMode> OutputModes)
{
    /// <summary>The input mode with this size and rate (progressive preferred), or null.</summary>
    public DeckLinkDisplayMode? FindInputMode(int width, int height, FrameRate rate) => Find(InputModes, width, height, rate);

    /// <summary>The output mode with this size and rate (progressive preferred), or null.</summary>
    public DeckLinkDisplayMode? FindOutputMode(int width, int height, FrameRate rate) => Find(OutputModes, width, height, rate);

    private static DeckLinkDisplayMode? Find(IReadOnlyList<DeckLinkDisplayMode> modes, int width, int height, FrameRate rate) =>
        modes.Where(m => m.Width == width && m.Height == height && m.Rate == rate)
             .OrderByDescending(m => m.IsProgressive)
             .FirstOrDefault();
}

/// <summary>
/// The DeckLink driver (libDeckLinkAPI.so), loaded at run time, and its devices. Open it once and share it;
/// captures and playouts keep the native driver alive while they run. Thread-safe for queries.
/// Without Blackmagic Desktop Video installed, <see cref="TryOpen"/> returns null with
/// "no DeckLink driver installed (...)".
/// </summary>
public sealed class DeckLinkDriver : IDisposable
{
    /// <summary>The environment variable that names another driver library (tests point it at the simulator).</summary>
    public const string LibraryVariable = "LIVEGRADE_DECKLINK_LIB";

    private DeckLinkDriver(DeckLinkDriverHandle handle)
    {
        Handle = handle;
        DeckLinkNative.Check(DeckLinkNative.LgDeckLink_DriverGetInfo(handle, out var info), "DeckLink driver");
        VersionCode = info.VersionCode;
        Version = DeckLinkNative.Text(info.VersionString);
        LibraryPath = DeckLinkNative.Text(info.LibraryPath);
        ApiGeneration = (DeckLinkApiGeneration)info.ApiGeneration;
        var devices = new List<DeckLinkDevice>(info.DeviceCount);
        for (var i = 0; i < info.DeviceCount; i++)
        {
            devices.Add(ReadDevice(handle, i));
        }
        Devices = devices;
    }

    internal DeckLinkDriverHandle Handle { get; }

    /// <summary>Installed driver version, (major &lt;&lt; 24) | (minor &lt;&lt; 16) | (patch &lt;&lt; 8).</summary>
    public long VersionCode { get; }

    /// <summary>"16.0", "14.2.1", ... as the driver reports it.</summary>
    public string Version { get; }

    public string LibraryPath { get; }
    public DeckLinkApiGeneration ApiGeneration { get; }
    public IReadOnlyList<DeckLinkDevice> Devices { get; }

    /// <summary>
    /// Loads the driver from <paramref name="libraryPath"/>, else from $LIVEGRADE_DECKLINK_LIB, else
    /// "libDeckLinkAPI.so" on the loader path. Throws <see cref="DeckLinkException"/> (IsNoDriver when it is not installed).
    /// </summary>
    public static DeckLinkDriver Open(string? libraryPath = null)
    {
        var path = ResolvePath(libraryPath);
        DeckLinkNative.Check(DeckLinkNative.LgDeckLink_DriverOpen(path, out var handle), "DeckLink");
        return new DeckLinkDriver(handle);
    }

    /// <summary>Like <see cref="Open"/>, but returns null with a one-line reason instead of throwing.</summary>
    public static DeckLinkDriver? TryOpen(string? libraryPath, out string? error)
    {
        try
        {
            error = null;
            return Open(libraryPath);
        }
        catch (DeckLinkException e)
        {
            error = e.Message.StartsWith("DeckLink: ", StringComparison.Ordinal) ? e.Message["DeckLink: ".Length..] : e.Message;
            return null;
        }
    }

    public void Dispose() => Handle.Dispose();

    /// <summary>The path the driver would be loaded from ($LIVEGRADE_DECKLINK_LIB read by .NET, since .NET keeps its own environment copy).</summary>
    public static string? ResolvePath(string? libraryPath)
    {
        if (!string.IsNullOrEmpty(libraryPath)) return libraryPath;
        var env = Environment.GetEnvironmentVariable(LibraryVariable);
        return string.IsNullOrEmpty(env) ? null : env;
    }

    private static DeckLinkDevice ReadDevice(DeckLinkDriverHandle handle, int index)
    {
        DeckLinkNative.Check(DeckLinkNative.LgDeckLink_DeviceGetInfo(handle, index, out var d), "DeckLink device");
        return new DeckLinkDevice(
            index, DeckLinkNative.Text(d.ModelName), DeckLinkNative.Text(d.DisplayName), d.PersistentId, d.HasInput != 0,
            d.HasOutput != 0, d.SupportsFormatDetection != 0, d.SupportsHdrMetadata != 0, d.MinimumPrerollFrames,
            d.VideoInputConnections, d.VideoOutputConnections, ReadModes(handle, index, 0, d.InputModeCount),
            ReadModes(handle, index, 1, d.OutputModeCount));
    }

    private static unsafe IReadOnlyList<DeckLinkDisplayMode> ReadModes(DeckLinkDriverHandle handle, int device, int direction, int count)
    {
        var modes = new List<DeckLinkDisplayMode>(count);
        for (var i = 0; i < count; i++)
        {
            DeckLinkNative.Check(DeckLinkNative.LgDeckLink_DeviceGetMode(handle, device, direction, i, out var m), "DeckLink mode");
            var formats = new uint[Math.Clamp(m.PixelFormatCount, 0, DeckLinkNative.MaxPixelFormats)];
            for (var k = 0; k < formats.Length; k++)
            {
                formats[k] = m.PixelFormats[k];
            }
            modes.Add(new DeckLinkDisplayMode(m.DisplayMode, DeckLinkNative.Text(m.Name), m.Width, m.Height, m.FrameDuration,
                m.TimeScale, m.FieldDominance, m.Flags, formats));
        }
        return modes;
    }
}
