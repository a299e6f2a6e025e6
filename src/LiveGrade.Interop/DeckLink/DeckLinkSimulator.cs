using System.Runtime.InteropServices;

namespace LiveGrade.Interop.DeckLink;

/// <summary>Counters of the simulated driver for one device (mirror of LgDeckLinkSimStats, native/decklink-sim).</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct DeckLinkSimulatorStats(
    ulong InputFramesDelivered, ulong InputNoSignalFrames, ulong InputFormatChangeEvents, ulong InputDroppedNoBuffer,
    ulong OutputScheduled, ulong OutputDisplayed, ulong OutputCompleted, ulong OutputLate, ulong OutputDropped,
    ulong OutputFlushed, ulong OutputUnderruns, ulong OutputBadFrames, ulong OutputIllegalFrames, ulong OutputFramesWithTimecode,
    int InputGeneration, int OutputGeneration, uint InputMode, uint InputPixelFormat, uint OutputMode, uint OutputPixelFormat,
    int OutputWidth, int OutputHeight, long OutputRowBytes, uint OutputTimecodeFormat, int InputEnabled, int OutputEnabled,
    int OutputRP188Enabled);

/// <summary>
/// The simulated DeckLink driver built from native/decklink-sim (a stand-in libDeckLinkAPI.so with two
/// devices, a test pattern, running RP188 timecode, format changes and signal loss on request, and
/// checks of what it is sent). The shim loads it through the same dlopen() path as the real driver
/// (<see cref="DeckLinkDriver.Open"/> with <see cref="Path"/>); this class reaches its extra
/// LgDeckLinkSim_* controls in the same loaded library. For tests and demonstrations without a card.
/// </summary>
public sealed unsafe class DeckLinkSimulator
{
    private readonly delegate* unmanaged[Cdecl]<void> _reset;
    private readonly delegate* unmanaged[Cdecl]<long, void> _setApiVersion;
    private readonly delegate* unmanaged[Cdecl]<int, uint, int, int> _setInputSignal;
    private readonly delegate* unmanaged[Cdecl]<int, uint, uint, long, double, double, double, double, int> _setInputColor;
    private readonly delegate* unmanaged[Cdecl]<int, DeckLinkSimulatorStats*, int> _getStats;
    private readonly delegate* unmanaged[Cdecl]<int, uint*, uint*, int, int> _getOutputRecords;
    private readonly delegate* unmanaged[Cdecl]<long> _liveObjects;
    private readonly delegate* unmanaged[Cdecl]<long> _openBufferAccesses;
    private readonly delegate* unmanaged[Cdecl]<int> _statsSize;

    private DeckLinkSimulator(string path, nint library)
    {
        Path = path;
        _reset = (delegate* unmanaged[Cdecl]<void>)NativeLibrary.GetExport(library, "LgDeckLinkSim_Reset");
        _setApiVersion = (delegate* unmanaged[Cdecl]<long, void>)NativeLibrary.GetExport(library, "LgDeckLinkSim_SetApiVersion");
        _setInputSignal = (delegate* unmanaged[Cdecl]<int, uint, int, int>)NativeLibrary.GetExport(library, "LgDeckLinkSim_SetInputSignal");
        _setInputColor = (delegate* unmanaged[Cdecl]<int, uint, uint, long, double, double, double, double, int>)
            NativeLibrary.GetExport(library, "LgDeckLinkSim_SetInputColor");
        _getStats = (delegate* unmanaged[Cdecl]<int, DeckLinkSimulatorStats*, int>)NativeLibrary.GetExport(library, "LgDeckLinkSim_GetStats");
        _getOutputRecords = (delegate* unmanaged[Cdecl]<int, uint*, uint*, int, int>)
            NativeLibrary.GetExport(library, "LgDeckLinkSim_GetOutputRecords");
        _liveObjects = (delegate* unmanaged[Cdecl]<long>)NativeLibrary.GetExport(library, "LgDeckLinkSim_LiveObjects");
        _openBufferAccesses = (delegate* unmanaged[Cdecl]<long>)NativeLibrary.GetExport(library, "LgDeckLinkSim_OpenBufferAccesses");
        _statsSize = (delegate* unmanaged[Cdecl]<int>)NativeLibrary.GetExport(library, "LgDeckLinkSim_StatsSize");
    }

    /// <summary>Where the build puts the simulator beside the assemblies: decklink-sim/libDeckLinkAPI.so.</summary>
    public static string DefaultPath => System.IO.Path.Combine(AppContext.BaseDirectory, "decklink-sim", "libDeckLinkAPI.so");

    /// <summary>The library file; pass it to <see cref="DeckLinkDriver.Open"/>.</summary>
    public string Path { get; }

    /// <summary>Loads the simulator (once per process; later loads return the same library) and binds its controls.</summary>
    public static DeckLinkSimulator Load(string? path = null)
    {
        path = System.IO.Path.GetFullPath(path ?? DefaultPath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"the simulated DeckLink driver is not built ({path}); run ./test.sh or scripts/bootstrap.sh", path);
        }
        return new DeckLinkSimulator(path, NativeLibrary.Load(path));
    }

    /// <summary>Defaults: version 16.0, both inputs 1080p25 YCbCr 10-bit Rec.709 SDR with signal, counters cleared.</summary>
    public void Reset() => _reset();

    /// <summary>The driver version it reports, e.g. (14, 2, 1) to exercise the 14.2.1-era interfaces.</summary>
    public void SetApiVersion(int major, int minor, int patch) => _setApiVersion(((long)major << 24) | ((long)minor << 16) | ((long)patch << 8));

    /// <summary>What arrives at a device's input: a display mode (a different one is a format change) and whether there is a signal.</summary>
    public void SetInputSignal(int device, uint displayMode, bool present)
    {
        if (_setInputSignal(device, displayMode, present ? 1 : 0) != 0)
        {
            throw new ArgumentException($"simulator: no device {device} or unknown mode {DeckLinkPixelFormat.FourCC(displayMode)}");
        }
    }

    /// <summary>The signal's colour description: detected flags, BMDColorspace, EOTF (0 SDR, 2 PQ, 3 HLG) and HDR levels (cd/m²).</summary>
    public void SetInputColor(int device, uint detectedFlags, uint colorspace, long eotf, double maxCll = 0, double maxFall = 0,
        double maxMasteringLuminance = 0, double minMasteringLuminance = 0)
    {
        if (_setInputColor(device, detectedFlags, colorspace, eotf, maxCll, maxFall, maxMasteringLuminance, minMasteringLuminance) != 0)
        {
            throw new ArgumentException($"simulator: no device {device}");
        }
    }

    public DeckLinkSimulatorStats Stats(int device)
    {
        DeckLinkSimulatorStats stats;
        if (_getStats(device, &stats) != 0) throw new ArgumentException($"simulator: no device {device}");
        return stats;
    }

    /// <summary>
    /// The most recent frames the simulated output displayed, oldest first: RP188 timecode as 0xHHMMSSFF
    /// (0xFFFFFFFF when none) and the first 32-bit word of the picture.
    /// </summary>
    public (uint Timecode, uint FirstWord)[] OutputRecords(int device, int max = 1024)
    {
        var tcs = new uint[max];
        var words = new uint[max];
        int n;
        fixed (uint* t = tcs)
        fixed (uint* w = words)
        {
            n = _getOutputRecords(device, t, w, max);
        }
        if (n < 0) throw new ArgumentException($"simulator: no device {device}");
        var result = new (uint, uint)[n];
        for (var i = 0; i < n; i++) result[i] = (tcs[i], words[i]);
        return result;
    }

    /// <summary>COM objects of the simulator still alive (frames, modes, devices, iterators...): 0 when nothing leaks.</summary>
    public long LiveObjects => _liveObjects();

    /// <summary>Video buffer StartAccess calls without their EndAccess.</summary>
    public long OpenBufferAccesses => _openBufferAccesses();

    /// <summary>sizeof(LgDeckLinkSimStats) in the native library (to check <see cref="DeckLinkSimulatorStats"/>'s layout).</summary>
    public int NativeStatsSize => _statsSize();
}
