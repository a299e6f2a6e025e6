using System.Runtime.InteropServices;
using LiveGrade.Gpu.Context;
using Silk.NET.OpenGL;

namespace LiveGrade.Gpu.Glfw;

/// <summary>
/// A window on the desktop with its own OpenGL 3.3+ core context (GLX on X11), for the panel and for output
/// windows. Thread affinity: the thread that calls <see cref="Create"/> owns the window; every other member
/// (events, swaps, GL calls through <see cref="Gl"/>, <see cref="Dispose"/>) must be called on that thread,
/// where the context stays current. GLFW is initialised once per process and left initialised: several
/// windows may come and go, and glfwTerminate would pull windows from under other threads.
/// </summary>
public sealed class GlfwWindow : IDisposable
{
    private static readonly object InitLock = new();
    private static bool _initialised;
    private readonly int _ownerThread;
    private nint _window;

    private GlfwWindow(nint window, GL gl)
    {
        _window = window;
        Gl = gl;
        _ownerThread = Environment.CurrentManagedThreadId;
        Renderer = gl.GetStringS(StringName.Renderer) ?? "";
        Version = gl.GetStringS(StringName.Version) ?? "";
    }

    /// <summary>The GLFWwindow* (for the ImGui shim's GLFW backend).</summary>
    public nint Handle => _window;

    /// <summary>GL entry points of this window's context (valid on the owner thread).</summary>
    public GL Gl { get; }

    /// <summary>GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)".</summary>
    public string Renderer { get; }

    /// <summary>GL_VERSION.</summary>
    public string Version { get; }

    /// <summary>The X11 window id (what xdotool and xwd name), or 0 where the window system is not X11.</summary>
    public ulong X11Window => _window == 0 ? 0 : GlfwNative.glfwGetX11Window(_window);

    /// <summary>True when $DISPLAY or $WAYLAND_DISPLAY names a display: the precondition for any window.</summary>
    public static bool DisplayNamed =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));

    /// <summary>GLFW's version string, or null when libglfw.so.3 is missing.</summary>
    public static string? LibraryVersion
    {
        get
        {
            try
            {
                return Marshal.PtrToStringUTF8(GlfwNative.glfwGetVersionString());
            }
            catch (DllNotFoundException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Opens a window of <paramref name="width"/> x <paramref name="height"/> pixels with a GL 3.3 core context
    /// current on the calling thread, which then owns it. Throws <see cref="GpuUnavailableException"/> with one
    /// line when there is no display, no GLFW, or no GL context.
    /// </summary>
    public static GlfwWindow Create(string title, int width, int height, bool visible = true)
    {
        if (!DisplayNamed) throw new GpuUnavailableException("no display: neither $DISPLAY nor $WAYLAND_DISPLAY is set");
        try
        {
            lock (InitLock)
            {
                if (!_initialised)
                {
                    if (GlfwNative.glfwInit() != GlfwNative.True)
                    {
                        throw new GpuUnavailableException($"GLFW could not start ({GlfwNative.LastError() ?? "no reason given"})");
                    }
                    _initialised = true;
                }
            }
            GlfwNative.glfwDefaultWindowHints();
            GlfwNative.glfwWindowHint(GlfwNative.ClientApi, GlfwNative.OpenGLApi);
            GlfwNative.glfwWindowHint(GlfwNative.ContextVersionMajor, 3);
            GlfwNative.glfwWindowHint(GlfwNative.ContextVersionMinor, 3);
            GlfwNative.glfwWindowHint(GlfwNative.OpenGLProfile, GlfwNative.OpenGLCoreProfile);
            GlfwNative.glfwWindowHint(GlfwNative.OpenGLForwardCompat, GlfwNative.True);
            GlfwNative.glfwWindowHint(GlfwNative.Visible, visible ? GlfwNative.True : GlfwNative.False);
            var window = GlfwNative.glfwCreateWindow(width, height, title, 0, 0);
            if (window == 0)
            {
                throw new GpuUnavailableException($"GLFW could not open a window with a GL 3.3 core context ({GlfwNative.LastError() ?? "no reason given"})");
            }
            GlfwNative.glfwMakeContextCurrent(window);
            var gl = GL.GetApi(name => GlfwNative.glfwGetProcAddress(name));
            return new GlfwWindow(window, gl);
        }
        catch (DllNotFoundException)
        {
            throw new GpuUnavailableException("libglfw.so.3 is not installed (Debian: libglfw3)");
        }
    }

    public bool ShouldClose => GlfwNative.glfwWindowShouldClose(_window) == GlfwNative.True;

    /// <summary>Asks the window to close (the owner's loop sees <see cref="ShouldClose"/>); callable from any thread.</summary>
    public void RequestClose() => GlfwNative.glfwSetWindowShouldClose(_window, GlfwNative.True);

    /// <summary>Handles pending window-system events (input reaches the callbacks installed on this window).</summary>
    public void PollEvents()
    {
        CheckThread();
        GlfwNative.glfwPollEvents();
    }

    /// <summary>0: swap at once; 1: wait for the display's vertical blank (where the window system has one).</summary>
    public void SetSwapInterval(int interval)
    {
        CheckThread();
        GlfwNative.glfwSwapInterval(interval);
    }

    public void SwapBuffers()
    {
        CheckThread();
        GlfwNative.glfwSwapBuffers(_window);
    }

    public (int Width, int Height) FramebufferSize
    {
        get
        {
            GlfwNative.glfwGetFramebufferSize(_window, out int w, out int h);
            return (w, h);
        }
    }

    public (int X, int Y) Position
    {
        get
        {
            GlfwNative.glfwGetWindowPos(_window, out int x, out int y);
            return (x, y);
        }
    }

    public void SetTitle(string title)
    {
        CheckThread();
        GlfwNative.glfwSetWindowTitle(_window, title);
    }

    private void CheckThread()
    {
        if (Environment.CurrentManagedThreadId != _ownerThread)
        {
            throw new InvalidOperationException("a GLFW window is used only on the thread that created it");
        }
    }

    /// <summary>Destroys the window and its context (owner thread; GL objects must be deleted before).</summary>
    public void Dispose()
    {
        if (_window == 0) return;
        CheckThread();
        GlfwNative.glfwMakeContextCurrent(0);
        GlfwNative.glfwDestroyWindow(_window);
        _window = 0;
    }
}
