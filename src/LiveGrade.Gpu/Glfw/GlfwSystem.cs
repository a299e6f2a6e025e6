using System.Collections.Concurrent;
using LiveGrade.Gpu.Context;

namespace LiveGrade.Gpu.Glfw;

/// <summary>
/// GLFW for the whole process: initialised once on a dedicated thread ("lg-glfw"), which is the only
/// thread that creates and destroys windows and polls events, as GLFW requires of its "main" thread.
/// Contexts themselves live on their own GL threads (<see cref="GlfwWindowContext"/>).
/// </summary>
public static class GlfwSystem
{
    private static readonly object Gate = new();
    private static BlockingCollection<Action>? _work;
    private static Thread? _thread;
    private static int _pollers;

    /// <summary>How long the GLFW thread waits for work before polling events, while someone asks it to poll.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(4);

    /// <summary>
    /// Starts GLFW. <paramref name="x11Display"/> (e.g. ":99" for an Xvfb) is set as DISPLAY first, when
    /// given. Throws <see cref="GpuUnavailableException"/> when there is no libglfw or no display.
    /// </summary>
    public static void Initialize(string? x11Display = null)
    {
        lock (Gate)
        {
            if (_thread is not null)
            {
                return;
            }
            var work = new BlockingCollection<Action>(64);
            var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                try
                {
                    if (x11Display is not null)
                    {
                        LibC.setenv("DISPLAY", x11Display, 1);
                    }
                    if (GlfwNative.glfwInit() != GlfwNative.True)
                    {
                        throw new GpuUnavailableException($"glfwInit failed: {GlfwNative.LastError()} (no X display?)");
                    }
                    ready.SetResult();
                }
                catch (DllNotFoundException)
                {
                    ready.SetException(new GpuUnavailableException("libglfw.so.3 is not installed (Debian: libglfw3)"));
                    return;
                }
                catch (Exception e)
                {
                    ready.SetException(e);
                    return;
                }
                // Work first; when none comes within PollInterval and an interactive window wants input,
                // poll events here (the callbacks run on this thread), so no other thread pays a hand-over
                // per frame for it.
                while (!work.IsCompleted)
                {
                    if (work.TryTake(out var item, Volatile.Read(ref _pollers) > 0 ? PollInterval : Timeout.InfiniteTimeSpan))
                    {
                        item();
                    }
                    if (Volatile.Read(ref _pollers) > 0)
                    {
                        GlfwNative.glfwPollEvents();
                    }
                }
            }) { Name = "lg-glfw", IsBackground = true };
            thread.Start();
            ready.Task.GetAwaiter().GetResult();
            (_work, _thread) = (work, thread);
        }
    }

    /// <summary>Runs <paramref name="work"/> on the GLFW thread and waits for its result.</summary>
    public static T Invoke<T>(Func<T> work)
    {
        var queue = _work ?? throw new InvalidOperationException("GlfwSystem.Initialize first");
        if (Environment.CurrentManagedThreadId == _thread!.ManagedThreadId)
        {
            return work();
        }
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Add(() =>
        {
            try
            {
                tcs.SetResult(work());
            }
            catch (Exception e)
            {
                tcs.SetException(e);
            }
        });
        return tcs.Task.GetAwaiter().GetResult();
    }

    /// <summary>
    /// Asks the GLFW thread to poll events by itself (every <see cref="PollInterval"/> while idle) until the returned
    /// object is disposed: for windows that take input, e.g. the panel. Counted, so several windows can ask.
    /// </summary>
    public static IDisposable KeepPolling()
    {
        Interlocked.Increment(ref _pollers);
        // Wake the thread if it is waiting without a timeout.
        Invoke(() => 0);
        return new PollLease();
    }

    private sealed class PollLease : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Interlocked.Decrement(ref _pollers);
            }
        }
    }

    /// <summary>Processes pending window-system events (call regularly from the UI's loop).</summary>
    public static void PollEvents() => Invoke(() =>
    {
        GlfwNative.glfwPollEvents();
        return 0;
    });
}
