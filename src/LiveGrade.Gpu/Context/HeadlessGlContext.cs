using System.Collections.Concurrent;
using LiveGrade.Gpu.Egl;
using Silk.NET.OpenGL;

namespace LiveGrade.Gpu.Context;

/// <summary>
/// A headless OpenGL 4.5 core context through EGL without any window system: Mesa's surfaceless platform
/// (llvmpipe in CI, or a Mesa GPU driver), else EGL_EXT_platform_device (NVIDIA's headless path).
/// The context lives on one dedicated, named GL thread for its whole life; every GL call, object creation
/// and deletion runs there through <see cref="Invoke{T}"/>. Other threads never touch GL.
/// </summary>
public sealed class HeadlessGlContext : IGlContext
{
    private readonly BlockingCollection<Action> _work = new(boundedCapacity: 64);
    private readonly Thread _thread;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private nint _display, _context;
    private GL? _gl;

    private HeadlessGlContext(string name)
    {
        _thread = new Thread(Run) { Name = name, IsBackground = true };
        _thread.Start();
        try
        {
            _ready.Task.GetAwaiter().GetResult();
        }
        catch
        {
            _work.CompleteAdding();
            _thread.Join();
            throw;
        }
    }

    /// <summary>The GL_RENDERER string, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)".</summary>
    public string Renderer { get; private set; } = "";

    /// <summary>The GL_VERSION string.</summary>
    public string Version { get; private set; } = "";

    /// <summary>Which EGL platform gave the display: "surfaceless" or "device".</summary>
    public string Platform { get; private set; } = "";

    public bool IsCurrentThread => Environment.CurrentManagedThreadId == _thread.ManagedThreadId;

    /// <summary>Creates the context and its GL thread; throws <see cref="GpuUnavailableException"/> if impossible.</summary>
    public static HeadlessGlContext Create(string threadName = "lg-gl") => new(threadName);

    /// <summary>Runs <paramref name="work"/> on the GL thread and waits for its result.</summary>
    public T Invoke<T>(Func<GL, T> work)
    {
        if (Environment.CurrentManagedThreadId == _thread.ManagedThreadId)
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

    private unsafe void Run()
    {
        try
        {
            CreateOnThisThread();
            _ready.SetResult();
        }
        catch (Exception e)
        {
            _ready.SetException(e is GpuUnavailableException ? e : new GpuUnavailableException($"EGL: {e.Message}"));
            return;
        }
        foreach (var item in _work.GetConsumingEnumerable())
        {
            item();
        }
        // Objects were deleted by their owners through Invoke; now the context itself, on its own thread.
        EglNative.eglMakeCurrent(_display, 0, 0, 0);
        EglNative.eglDestroyContext(_display, _context);
        EglNative.eglTerminate(_display);
        EglNative.eglReleaseThread();
    }

    private unsafe void CreateOnThisThread()
    {
        try
        {
            _display = EglNative.GetPlatformDisplayExt(EglNative.PlatformSurfacelessMesa, 0);
            Platform = "surfaceless";
            if (_display == 0 || EglNative.eglInitialize(_display, out _, out _) != EglNative.True)
            {
                _display = DeviceDisplay();
                Platform = "device";
                if (_display == 0 || EglNative.eglInitialize(_display, out _, out _) != EglNative.True)
                {
                    throw new GpuUnavailableException("no EGL display: neither Mesa's surfaceless platform nor an EGL device is available");
                }
            }
        }
        catch (DllNotFoundException)
        {
            throw new GpuUnavailableException("libEGL.so.1 is not installed (Debian: libegl1 and libegl-mesa0)");
        }
        if (EglNative.eglBindAPI(EglNative.OpenGLApi) != EglNative.True)
        {
            throw new GpuUnavailableException("EGL cannot bind the desktop OpenGL API");
        }
        int* attribs = stackalloc int[]
        {
            EglNative.ContextMajorVersion, 4, EglNative.ContextMinorVersion, 5,
            EglNative.ContextOpenGLProfileMask, EglNative.ContextOpenGLCoreProfileBit, EglNative.None,
        };
        _context = EglNative.eglCreateContext(_display, 0, 0, attribs);
        if (_context == 0)
        {
            throw new GpuUnavailableException($"EGL could not create a GL 4.5 core context (error 0x{EglNative.eglGetError():X})");
        }
        // Surfaceless: no draw or read surface; all rendering goes to framebuffer objects and images.
        if (EglNative.eglMakeCurrent(_display, 0, 0, _context) != EglNative.True)
        {
            throw new GpuUnavailableException($"eglMakeCurrent failed (error 0x{EglNative.eglGetError():X})");
        }
        _gl = GL.GetApi(name => EglNative.eglGetProcAddress(name));
        Renderer = _gl.GetStringS(StringName.Renderer) ?? "";
        Version = _gl.GetStringS(StringName.Version) ?? "";
    }

    private static nint DeviceDisplay()
    {
        Span<nint> devices = stackalloc nint[8];
        if (!EglNative.QueryDevices(devices, out int count) || count == 0)
        {
            return 0;
        }
        return EglNative.GetPlatformDisplayExt(EglNative.PlatformDeviceExt, devices[0]);
    }

    public void Dispose()
    {
        if (!_work.IsAddingCompleted)
        {
            _work.CompleteAdding();
            _thread.Join();
        }
        _work.Dispose();
    }
}
