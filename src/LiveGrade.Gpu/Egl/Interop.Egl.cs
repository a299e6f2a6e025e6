using System.Runtime.InteropServices;

namespace LiveGrade.Gpu.Egl;

/// <summary>
/// The few EGL 1.5 entry points LiveGrade needs, declared by hand because Silk.NET.EGL is not available
/// here. Values are from the Khronos EGL registry (egl.h, eglext.h).
/// </summary>
internal static partial class EglNative
{
    private const string Lib = "libEGL.so.1";

    public const int True = 1;
    public const int None = 0x3038;
    public const int Success = 0x3000;
    public const int OpenGLApi = 0x30A2;
    public const int ContextMajorVersion = 0x3098;
    public const int ContextMinorVersion = 0x30FB;
    public const int ContextOpenGLProfileMask = 0x30FD;
    public const int ContextOpenGLCoreProfileBit = 0x1;
    public const int PlatformSurfacelessMesa = 0x31DD; // EGL_MESA_platform_surfaceless
    public const int PlatformDeviceExt = 0x313F;       // EGL_EXT_platform_device (NVIDIA headless)
    public const int Extensions = 0x3055;
    public const int Vendor = 0x3053;

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint eglGetProcAddress(string name);
    [LibraryImport(Lib)] public static partial int eglInitialize(nint display, out int major, out int minor);
    [LibraryImport(Lib)] public static partial int eglTerminate(nint display);
    [LibraryImport(Lib)] public static partial int eglBindAPI(int api);
    [LibraryImport(Lib)] public static unsafe partial nint eglCreateContext(nint display, nint config, nint shareContext, int* attribs);
    [LibraryImport(Lib)] public static partial int eglDestroyContext(nint display, nint context);
    [LibraryImport(Lib)] public static partial int eglMakeCurrent(nint display, nint draw, nint read, nint context);
    [LibraryImport(Lib)] public static partial int eglGetError();
    [LibraryImport(Lib)] public static partial nint eglQueryString(nint display, int name);
    [LibraryImport(Lib)] public static partial int eglReleaseThread();

    // Extension entry points come through eglGetProcAddress.
    public static unsafe nint GetPlatformDisplayExt(int platform, nint nativeDisplay)
    {
        nint fn = eglGetProcAddress("eglGetPlatformDisplayEXT");
        if (fn == 0)
        {
            return 0;
        }
        return ((delegate* unmanaged<int, nint, int*, nint>)fn)(platform, nativeDisplay, null);
    }

    public static unsafe bool QueryDevices(Span<nint> devices, out int count)
    {
        count = 0;
        nint fn = eglGetProcAddress("eglQueryDevicesEXT");
        if (fn == 0)
        {
            return false;
        }
        int n;
        fixed (nint* p = devices)
        {
            if (((delegate* unmanaged<int, nint*, int*, int>)fn)(devices.Length, p, &n) != True)
            {
                return false;
            }
        }
        count = n;
        return true;
    }

    public static string Text(nint p) => Marshal.PtrToStringUTF8(p) ?? "";
}
