using LiveGrade.Core.Video;

namespace LiveGrade.Core.Tests.Video;

public class FrameQueueTests
{
    private static readonly VideoMode Small = new(48, 2, FrameRate.Fps25, PixelFormat.V210);

    [Fact]
    public void RowBytesFollowTheDeckLinkRules()
    {
        // shared/reference/decklink §7: v210 1920 → 5120, 1280 → 3456, 3840 → 10240.
        Assert.Equal(5120, PixelFormats.RowBytes(PixelFormat.V210, 1920));
        Assert.Equal(3456, PixelFormats.RowBytes(PixelFormat.V210, 1280));
        Assert.Equal(10240, PixelFormats.RowBytes(PixelFormat.V210, 3840));
        Assert.Equal(3840, PixelFormats.RowBytes(PixelFormat.Uyvy8, 1920));
        Assert.Equal(7680, PixelFormats.RowBytes(PixelFormat.Rgb10, 1920));
        Assert.Equal(8640, PixelFormats.RowBytes(PixelFormat.Rgb12, 1920));
    }

    [Fact]
    public void PoolNeverAllocatesAndReportsExhaustion()
    {
        var pool = new FramePool(Small, 2);
        var a = pool.TryRent()!;
        var b = pool.TryRent()!;
        Assert.Null(pool.TryRent());
        Assert.Equal(1, pool.Exhausted);
        a.Release();
        var c = pool.TryRent();
        Assert.Same(a, c);
        Assert.Equal(2, c!.Sequence);
        b.Release();
        c.Release();
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void ReferencesKeepAFrameOutOfThePool()
    {
        var pool = new FramePool(Small, 1);
        var f = pool.TryRent()!;
        f.AddRef();
        f.Release();
        Assert.Null(pool.TryRent());
        f.Release();
        Assert.NotNull(pool.TryRent());
        var g = new FramePool(Small, 1).TryRent()!;
        g.Release();
        Assert.Throws<InvalidOperationException>(g.Release);
        Assert.Throws<InvalidOperationException>(() => g.AddRef());
    }

    [Fact]
    public void FullQueueDropsTheOldestAndCountsIt()
    {
        var pool = new FramePool(Small, 8);
        var counters = new FrameCounters();
        using var queue = new FrameQueue(3, counters);
        for (var i = 0; i < 5; i++)
        {
            queue.Add(pool.TryRent()!);
        }
        Assert.Equal(2, counters.Dropped);
        Assert.Equal(3, pool.InUse); // the two dropped frames went back to the pool
        var oldest = queue.TryTake()!;
        Assert.Equal(2, oldest.Sequence);
        oldest.Release();
        var newest = queue.TryTakeLatest()!;
        Assert.Equal(4, newest.Sequence);
        Assert.Equal(3, counters.Dropped); // frame 3 was skipped
        newest.Release();
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public async Task ConcurrentProducerAndConsumerLoseNothing()
    {
        var pool = new FramePool(Small, 6);
        var counters = new FrameCounters();
        using var queue = new FrameQueue(3, counters);
        long taken = 0, made = 0;
        var producer = Task.Run(() =>
        {
            for (var i = 0; i < 20000; i++)
            {
                if (pool.TryRent() is { } f)
                {
                    queue.Add(f);
                    made++;
                }
            }
        });
        var consumer = Task.Run(() =>
        {
            while (!producer.IsCompleted || queue.Count > 0)
            {
                if (queue.TryTake() is { } f)
                {
                    taken++;
                    f.Release();
                }
            }
        });
        await Task.WhenAll(producer, consumer);
        Assert.Equal(made, taken + counters.Dropped);
        Assert.Equal(0, pool.InUse);
    }
}
