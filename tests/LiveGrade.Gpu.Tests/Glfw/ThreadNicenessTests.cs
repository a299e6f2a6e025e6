using LiveGrade.Gpu.Glfw;

namespace LiveGrade.Gpu.Tests.Glfw;

public class ThreadNicenessTests
{
    /// <summary>A thread's nice value as the kernel reports it (/proc/self/task/TID/stat, field 19).</summary>
    private static int NiceOf(int tid)
    {
        var stat = File.ReadAllText($"/proc/self/task/{tid}/stat");
        // Fields after the command name (which is in parentheses and may hold spaces): state is field 3.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[19 - 3]);
    }

    [Fact]
    public void Lowers_only_the_calling_thread_and_threads_it_creates_inherit_it()
    {
        // What the panel relies on: its threads at nice 10 while the outputs' stay at 0, and a software GL
        // driver's rasteriser threads, made by the thread that creates the context, at 10 too.
        int own = NiceOf(Tid());
        int lowered = -1, child = -1, sibling = -1;
        bool ok = false;
        string? why = null;
        var t = new Thread(() =>
        {
            ok = ThreadNiceness.LowerCurrentThread(10, out why);
            lowered = NiceOf(Tid());
            var c = new Thread(() => child = NiceOf(Tid()));
            c.Start();
            c.Join();
        });
        t.Start();
        t.Join();
        var s = new Thread(() => sibling = NiceOf(Tid()));
        s.Start();
        s.Join();
        Assert.True(ok, why);
        Assert.Equal(Math.Max(own, 10), lowered);
        Assert.Equal(lowered, child);
        Assert.Equal(own, sibling); // the process's other threads keep theirs
        Assert.Equal(own, NiceOf(Tid()));
        Assert.Throws<ArgumentOutOfRangeException>(() => ThreadNiceness.LowerCurrentThread(0, out _));
    }

    private static int Tid() => int.Parse(new DirectoryInfo("/proc/thread-self").ResolveLinkTarget(false)!.Name);
}
