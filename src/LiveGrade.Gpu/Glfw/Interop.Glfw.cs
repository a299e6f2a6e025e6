using System.Runtime.InteropServices;

namespace LiveGrade.Gpu.Glfw;

/// <summary>
/// The GLFW 3.3 entry points LiveGrade needs, declared by hand (as <see cref="Egl.EglNative"/> is). Values are
/// from glfw3.h (GLFW 3.3). The library is Debian's libglfw3 (X11); the ImGui shim links the same library,
/// so both sides see one GLFW. Threading: GLFW asks for its window and event functions on one thread; LiveGrade
/// makes every GLFW call of a window on that window's own thread (see <see cref="GlfwWindow"/>).
/// </summary>
internal static partial class GlfwNative
{
    private const string Lib = "libglfw.so.3";

    public const int True = 1;
    public const int False = 0;

    // Window hints (glfw3.h).
    public const int Resizable = 0x00020003;
    public const int Visible = 0x00020004;
    public const int Focused = 0x00020001;
    public const int Decorated = 0x00020005;
    public const int ContextVersionMajor = 0x00022002;
    public const int ContextVersionMinor = 0x00022003;
    public const int OpenGLForwardCompat = 0x00022006;
    public const int OpenGLProfile = 0x00022008;
    public const int OpenGLCoreProfile = 0x00032001;
    public const int ClientApi = 0x00022001;
    public const int OpenGLApi = 0x00030001;
    public const int Samples = 0x0002100D;
    public const int ScaleToMonitor = 0x0002200C;

    // Error codes (glfwGetError).
    public const int NoError = 0;
    public const int PlatformError = 0x00010008;

    [LibraryImport(Lib)] public static partial int glfwInit();
    [LibraryImport(Lib)] public static partial void glfwTerminate();
    [LibraryImport(Lib)] public static partial nint glfwGetVersionString();
    [LibraryImport(Lib)] public static partial int glfwGetError(out nint description);
    [LibraryImport(Lib)] public static partial void glfwDefaultWindowHints();
    [LibraryImport(Lib)] public static partial void glfwWindowHint(int hint, int value);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint glfwCreateWindow(int width, int height, string title, nint monitor, nint share);
    [LibraryImport(Lib)] public static partial void glfwDestroyWindow(nint window);
    [LibraryImport(Lib)] public static partial void glfwMakeContextCurrent(nint window);
    [LibraryImport(Lib)] public static partial nint glfwGetCurrentContext();
    [LibraryImport(Lib)] public static partial void glfwSwapBuffers(nint window);
    [LibraryImport(Lib)] public static partial void glfwSwapInterval(int interval);
    [LibraryImport(Lib)] public static partial void glfwPollEvents();
    [LibraryImport(Lib)] public static partial int glfwWindowShouldClose(nint window);
    [LibraryImport(Lib)] public static partial void glfwSetWindowShouldClose(nint window, int value);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint glfwGetProcAddress(string name);
    [LibraryImport(Lib)] public static partial void glfwGetFramebufferSize(nint window, out int width, out int height);
    [LibraryImport(Lib)] public static partial void glfwGetWindowSize(nint window, out int width, out int height);
    [LibraryImport(Lib)] public static partial void glfwGetWindowPos(nint window, out int x, out int y);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void glfwSetWindowTitle(nint window, string title);
    [LibraryImport(Lib)] public static partial int glfwGetWindowAttrib(nint window, int attrib);

    /// <summary>The X11 window id (GLFW native access; present in Debian's X11 build).</summary>
    [LibraryImport(Lib)] public static partial nuint glfwGetX11Window(nint window);

    /// <summary>GLFW's last error on this thread as one line, or null when there is none.</summary>
    public static string? LastError()
    {
        int code = glfwGetError(out nint description);
        if (code == NoError) return null;
        var text = description == 0 ? "" : Marshal.PtrToStringUTF8(description) ?? "";
        return $"GLFW error 0x{code:X}: {text}";
    }
}
