using LiveGrade.Gpu.Glfw;

namespace LiveGrade.Gpu.Tests.Glfw;

public class ThreadNicenessTests
{
    [Fact]
    public void Lowers_the_named_thread_only_and_never_raises_one_back()
    {
        // What the panel does to a software GL driver's rasteriser threads: found by name among the process's
        // threads, lowered to nice 10 from another thread, the others (the outputs') left as they are.
        using var release = new ManualResetEventSlim();
        var t = new Thread(() => release.Wait()) { Name = "lg-nice-test", IsBackground = true };
        t.Start();
        try
        {
            int tid = Assert.Single(WaitForThread("lg-nice-test"));
            int own = ThreadNiceness.Nice(Environment.ProcessId) ?? 0; // the main thread's id is the process id
            Assert.True(ThreadNiceness.Lower(tid, 10, out var why), why);
            Assert.Equal(Math.Max(own, 10), ThreadNiceness.Nice(tid));
            Assert.Equal(own, ThreadNiceness.Nice(Environment.ProcessId)); // the main thread keeps its own
            // Already nicer than asked: left alone (lowering to 5 would be raising its priority, refused unprivileged).
            Assert.True(ThreadNiceness.Lower(tid, 5, out why), why);
            Assert.Equal(Math.Max(own, 10), ThreadNiceness.Nice(tid));
            Assert.Throws<ArgumentOutOfRangeException>(() => ThreadNiceness.Lower(tid, 0, out _));
        }
        finally
        {
            release.Set();
            t.Join();
        }
    }

    private static IReadOnlyList<int> WaitForThread(string name)
    {
        for (int i = 0; i < 100; i++)
        {
            var ids = ThreadNiceness.ThreadIds(name);
            if (ids.Count > 0) return ids;
            Thread.Sleep(10);
        }
        return [];
    }
}
