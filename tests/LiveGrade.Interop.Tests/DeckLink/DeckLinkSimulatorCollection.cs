using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using LiveGrade.Interop.DeckLink;

namespace LiveGrade.Interop.Tests.DeckLink;

/// <summary>
/// The simulated driver is one process-wide library with global state (like a real card), so every test that
/// uses it runs in this collection, one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DeckLinkSimulatorCollection
{
    public const string Name = "DeckLink simulator";
}

/// <summary>Shared pieces of the simulator tests.</summary>
public static class Sim
{
    public const uint Hp25 = 0x48703235;   // 1080p25
    public const uint Hp50 = 0x48703530;   // 1080p50
    public const uint Hp29 = 0x48703239;   // 1080p29.97
    public const uint Hi50 = 0x48693530;   // 1080i50
    public const uint K50 = 0x346B3530;    // 2160p50
    public const uint Ntsc = 0x6E747363;

    private static long _baselineObjects;
    private static long _baselineAccesses;

    /// <summary>The simulator, reset to its defaults; its live-object counts now are the test's baseline.</summary>
    public static DeckLinkSimulator Fresh()
    {
        var sim = DeckLinkSimulator.Load();
        sim.Reset();
        // 0 unless an earlier test failed half-way; that test reports its own failure.
        _baselineObjects = sim.LiveObjects;
        _baselineAccesses = sim.OpenBufferAccesses;
        return sim;
    }

    /// <summary>Everything the simulator created during the test was released and every buffer access ended.</summary>
    public static void AssertNoLeaks(DeckLinkSimulator sim)
    {
        // Objects are released on driver threads that may still be winding down for a few ms.
        var sw = Stopwatch.StartNew();
        while ((sim.LiveObjects != _baselineObjects || sim.OpenBufferAccesses != _baselineAccesses) && sw.ElapsedMilliseconds < 2000)
        {
            Thread.Sleep(10);
        }
        Assert.Equal(_baselineObjects, sim.LiveObjects);
        Assert.Equal(_baselineAccesses, sim.OpenBufferAccesses);
    }

    /// <summary>Stopwatch timestamp as the monotonic nanoseconds the driver's reference clock uses.</summary>
    public static long MonotonicNs() => (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));

    /// <summary>One v210 sample triple (Y', Cb, Cr) of pixel x on row y (fact sheet §7 word layout).</summary>
    public static (int Y, int Cb, int Cr) V210At(ReadOnlySpan<byte> frame, long rowBytes, int x, int y)
    {
        var group = frame.Slice(checked((int)(y * rowBytes)) + x / 6 * 16, 16);
        // Samples in memory order: Cb0 Y0 Cr0 | Y1 Cb2 Y2 | Cr2 Y3 Cb4 | Y4 Cr4 Y5.
        Span<int> s = stackalloc int[12];
        for (var w = 0; w < 4; w++)
        {
            var word = BinaryPrimitives.ReadUInt32LittleEndian(group.Slice(w * 4, 4));
            s[w * 3] = (int)(word & 0x3FF);
            s[w * 3 + 1] = (int)((word >> 10) & 0x3FF);
            s[w * 3 + 2] = (int)((word >> 20) & 0x3FF);
        }
        ReadOnlySpan<int> yIndex = [1, 3, 5, 7, 9, 11];
        ReadOnlySpan<int> cbIndex = [0, 4, 8];
        ReadOnlySpan<int> crIndex = [2, 6, 10];
        var i = x % 6;
        return (s[yIndex[i]], s[cbIndex[i / 2]], s[crIndex[i / 2]]);
    }

    /// <summary>Centre column of colour bar k (of 7) in a picture of width w, even so that it holds its own chroma.</summary>
    public static int BarCentre(int k, int w) => (2 * k + 1) * w / 14 / 2 * 2;

    /// <summary>SMPTE RP 219 / ITU-R BT.709 75% colour bars, 10-bit narrow range: white, yellow, cyan, green, magenta, red, blue.</summary>
    public static readonly (int Y, int Cb, int Cr)[] Bars10 =
        [(721, 512, 512), (674, 176, 543), (581, 589, 176), (534, 253, 207), (251, 771, 817), (204, 435, 848), (111, 848, 481)];

    /// <summary>The same bars at 8 bits (BT.709 75%).</summary>
    public static readonly (int Y, int Cb, int Cr)[] Bars8 =
        [(180, 128, 128), (168, 44, 136), (145, 147, 44), (133, 63, 52), (63, 193, 204), (51, 109, 212), (28, 212, 120)];
}

/// <summary>A capture receiver that does what LiveGrade's must do on the driver thread: enqueue and return.</summary>
/// It also tracks the frames a test has taken, so that a failing assertion cannot leak them into the next test.
public sealed class QueueReceiver : IDeckLinkCaptureReceiver
{
    public readonly ConcurrentQueue<(DeckLinkCapturedFrame Frame, long ArrivedTicks)> Frames = new();
    public readonly ConcurrentQueue<DeckLinkInputChange> Changes = new();
    private readonly HashSet<nint> _taken = [];

    public void OnFrame(in DeckLinkCapturedFrame frame) => Frames.Enqueue((frame, Stopwatch.GetTimestamp()));

    public void OnInputChanged(in DeckLinkInputChange change) => Changes.Enqueue(change);

    /// <summary>Takes the next frame, waiting up to <paramref name="timeoutMs"/>; the caller releases it.</summary>
    public (DeckLinkCapturedFrame Frame, long ArrivedTicks) Next(int timeoutMs = 3000)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            if (Frames.TryDequeue(out var f))
            {
                lock (_taken) _taken.Add(f.Frame.Handle);
                return f;
            }
            if (sw.ElapsedMilliseconds > timeoutMs) throw new TimeoutException($"no frame within {timeoutMs} ms");
            Thread.Sleep(2);
        }
    }

    /// <summary>Releases a frame taken with <see cref="Next"/>.</summary>
    public void Release(in DeckLinkCapturedFrame frame)
    {
        lock (_taken)
        {
            if (!_taken.Remove(frame.Handle)) throw new InvalidOperationException("frame released twice or never taken");
        }
        DeckLinkCapture.ReleaseFrame(frame.Handle);
    }

    /// <summary>Releases every queued frame and every taken one not yet released.</summary>
    public void Drain()
    {
        while (Frames.TryDequeue(out var f)) DeckLinkCapture.ReleaseFrame(f.Frame.Handle);
        lock (_taken)
        {
            foreach (var h in _taken) DeckLinkCapture.ReleaseFrame(h);
            _taken.Clear();
        }
    }
}
