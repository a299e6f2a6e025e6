using System.Runtime.InteropServices;

namespace LiveGrade.Gpu.Glfw;

/// <summary>
/// The GLFW 3.3 entry points LiveGrade needs, declared by hand (Debian package libglfw3). Values from
/// glfw3.h. Window creation, destruction and event polling belong to one thread (<see cref="GlfwSystem"/>);
/// glfwMakeContextCurrent, glfwSwapBuffers and glfwGetProcAddress run on each context's own GL thread.
/// </summary>
internal static partial class GlfwNative
{
    private const string Lib = "libglfw.so.3";

    public const int True = 1;
    public const int False = 0;
    public const int Resizable = 0x00020003;
    public const int Visible = 0x00020004;
    public const int DoubleBuffer = 0x00021010;
    public const int ClientApi = 0x00022001;
    public const int ContextVersionMajor = 0x00022002;
    public const int ContextVersionMinor = 0x00022003;
    public const int OpenGLForwardCompat = 0x00022006;
    public const int OpenGLProfile = 0x00022008;
    public const int OpenGLApi = 0x00030001;
    public const int OpenGLCoreProfile = 0x00032001;

    [LibraryImport(Lib)] public static partial int glfwInit();
    [LibraryImport(Lib)] public static partial void glfwTerminate();
    [LibraryImport(Lib)] public static partial void glfwDefaultWindowHints();
    [LibraryImport(Lib)] public static partial void glfwWindowHint(int hint, int value);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint glfwCreateWindow(int width, int height, string title, nint monitor, nint share);
    [LibraryImport(Lib)] public static partial void glfwDestroyWindow(nint window);
    [LibraryImport(Lib)] public static partial void glfwMakeContextCurrent(nint window);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint glfwGetProcAddress(string name);
    [LibraryImport(Lib)] public static partial void glfwSwapBuffers(nint window);
    [LibraryImport(Lib)] public static partial void glfwSwapInterval(int interval);
    [LibraryImport(Lib)] public static partial void glfwPollEvents();
    [LibraryImport(Lib)] public static partial int glfwWindowShouldClose(nint window);
    [LibraryImport(Lib)] public static partial void glfwGetFramebufferSize(nint window, out int width, out int height);
    [LibraryImport(Lib)] public static partial int glfwGetError(out nint description);

    /// <summary>The last GLFW error as text ("" if none), clearing it.</summary>
    public static string LastError()
    {
        int code = glfwGetError(out nint text);
        return code == 0 ? "" : $"GLFW error 0x{code:X}: {Marshal.PtrToStringUTF8(text)}";
    }
}

/// <summary>
/// setenv from libc (.NET's Environment.SetEnvironmentVariable does not reach native getenv on Unix), and
/// setpriority for one thread's nice value (.NET's Thread.Priority does nothing on Linux).
/// </summary>
internal static partial class LibC
{
    public const int PrioProcess = 0; // <sys/resource.h>: with a thread id, Linux sets that thread's nice value

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int setenv(string name, string value, int overwrite);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setpriority(int which, uint who, int prio);
}
