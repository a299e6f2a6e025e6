using System.Collections.Concurrent;
using LiveGrade.Gpu.Context;
using Silk.NET.OpenGL;

namespace LiveGrade.Gpu.Glfw;

/// <summary>
/// A window with an OpenGL 4.5 core context through GLFW (GLX on X11, so also under Xvfb with Mesa). The
/// window is created on the GLFW thread; its context is current on this object's own GL thread for its
/// whole life, and every GL call runs there through <see cref="Invoke{T}"/>. Passing <c>share</c> creates
/// the context in the same share group as another window's: textures, buffers and programs made in one are
/// usable in the other (framebuffer and vertex array objects are not shared, as GL defines). A window
/// context cannot share with <see cref="HeadlessGlContext"/>: GLFW takes only a GLFW window to share with.
/// </summary>
public sealed class GlfwWindowContext : IGlContext
{
    private readonly BlockingCollection<Action> _work = new(boundedCapacity: 64);
    private readonly Thread _thread;
    private GL? _gl;
    private uint _readFramebuffer;

    private GlfwWindowContext(nint window, int width, int height, string threadName)
    {
        Window = window;
        Width = width;
        Height = height;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _thread = new Thread(() => Run(ready)) { Name = threadName, IsBackground = true };
        _thread.Start();
        ready.Task.GetAwaiter().GetResult();
    }

    /// <summary>The GLFWwindow handle.</summary>
    public nint Window { get; }
    public int Width { get; }
    public int Height { get; }
    public string Renderer { get; private set; } = "";
    public string Version { get; private set; } = "";
    public bool IsCurrentThread => Environment.CurrentManagedThreadId == _thread.ManagedThreadId;

    /// <summary>Opens a window; throws <see cref="GpuUnavailableException"/> when no window can be made.</summary>
    public static GlfwWindowContext Create(int width, int height, string title, bool visible = true,
        GlfwWindowContext? share = null, string threadName = "lg-gl-window")
    {
        GlfwSystem.Initialize();
        nint window = GlfwSystem.Invoke(() =>
        {
            GlfwNative.glfwDefaultWindowHints();
            GlfwNative.glfwWindowHint(GlfwNative.ClientApi, GlfwNative.OpenGLApi);
            GlfwNative.glfwWindowHint(GlfwNative.ContextVersionMajor, 4);
            GlfwNative.glfwWindowHint(GlfwNative.ContextVersionMinor, 5);
            GlfwNative.glfwWindowHint(GlfwNative.OpenGLProfile, GlfwNative.OpenGLCoreProfile);
            GlfwNative.glfwWindowHint(GlfwNative.OpenGLForwardCompat, GlfwNative.True);
            GlfwNative.glfwWindowHint(GlfwNative.DoubleBuffer, GlfwNative.True);
            GlfwNative.glfwWindowHint(GlfwNative.Resizable, GlfwNative.False);
            GlfwNative.glfwWindowHint(GlfwNative.Visible, visible ? GlfwNative.True : GlfwNative.False);
            nint w = GlfwNative.glfwCreateWindow(width, height, title, 0, share?.Window ?? 0);
            return w != 0 ? w : throw new GpuUnavailableException($"GLFW could not open a GL 4.5 core window: {GlfwNative.LastError()}");
        });
        try
        {
            return new GlfwWindowContext(window, width, height, threadName);
        }
        catch
        {
            GlfwSystem.Invoke(() => { GlfwNative.glfwDestroyWindow(window); return 0; });
            throw;
        }
    }

    private void Run(TaskCompletionSource ready)
    {
        try
        {
            GlfwNative.glfwMakeContextCurrent(Window);
            _gl = GL.GetApi(name => GlfwNative.glfwGetProcAddress(name));
            Renderer = _gl.GetStringS(StringName.Renderer) ?? "";
            Version = _gl.GetStringS(StringName.Version) ?? "";
            GlfwNative.glfwSwapInterval(1);
            ready.SetResult();
        }
        catch (Exception e)
        {
            ready.SetException(e);
            return;
        }
        foreach (var item in _work.GetConsumingEnumerable())
        {
            item();
        }
        if (_readFramebuffer != 0)
        {
            _gl.DeleteFramebuffer(_readFramebuffer);
        }
        GlfwNative.glfwMakeContextCurrent(0);
    }

    public T Invoke<T>(Func<GL, T> work)
    {
        if (IsCurrentThread)
        {
            return work(_gl!);
        }
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                tcs.SetResult(work(_gl!));
            }
            catch (Exception e)
            {
                tcs.SetException(e);
            }
        });
        return tcs.Task.GetAwaiter().GetResult();
    }

    public void Invoke(Action<GL> work) => Invoke(gl =>
    {
        work(gl);
        return 0;
    });

    /// <summary>
    /// Draws an RGBA texture (e.g. a graded RGBA32F frame; values are display code values, clamped to 0..1
    /// by the 8-bit window buffer) into the back buffer, scaled to the window with linear filtering. GL thread.
    /// </summary>
    public void Draw(GL gl, uint texture, int width, int height)
    {
        if (_readFramebuffer == 0)
        {
            gl.CreateFramebuffers(1, out _readFramebuffer);
        }
        gl.NamedFramebufferTexture(_readFramebuffer, FramebufferAttachment.ColorAttachment0, texture, 0);
        gl.Viewport(0, 0, (uint)Width, (uint)Height);
        // Frame row 0 is the top of the picture; GL's window origin is the bottom: flip while blitting.
        gl.BlitNamedFramebuffer(_readFramebuffer, 0, 0, 0, width, height, 0, Height, Width, 0,
            ClearBufferMask.ColorBufferBit, BlitFramebufferFilter.Linear);
    }

    /// <summary>Reads the back buffer as RGBA 8-bit, top row first (a screenshot before <see cref="SwapBuffers"/>). GL thread.</summary>
    public unsafe byte[] ReadBackBuffer(GL gl)
    {
        var pixels = new byte[Width * Height * 4];
        gl.BindFramebuffer(FramebufferTarget.ReadFramebuffer, 0);
        gl.ReadBuffer(ReadBufferMode.Back);
        gl.PixelStore(PixelStoreParameter.PackAlignment, 1);
        fixed (byte* p = pixels)
        {
            gl.ReadPixels(0, 0, (uint)Width, (uint)Height, PixelFormat.Rgba, PixelType.UnsignedByte, p);
        }
        // GL returns the bottom row first.
        var flipped = new byte[pixels.Length];
        int row = Width * 4;
        for (int y = 0; y < Height; y++)
        {
            Array.Copy(pixels, (Height - 1 - y) * row, flipped, y * row, row);
        }
        return flipped;
    }

    /// <summary>True once the person asked the window to close (its close button). Any thread (GLFW: unsynchronised read).</summary>
    public bool ShouldClose => GlfwNative.glfwWindowShouldClose(Window) == GlfwNative.True;

    /// <summary>Shows the back buffer. GL thread.</summary>
    public void SwapBuffers() => GlfwNative.glfwSwapBuffers(Window);

    public void Dispose()
    {
        if (!_work.IsAddingCompleted)
        {
            _work.CompleteAdding();
            _thread.Join();
            GlfwSystem.Invoke(() =>
            {
                GlfwNative.glfwDestroyWindow(Window);
                return 0;
            });
        }
        _work.Dispose();
    }
}
