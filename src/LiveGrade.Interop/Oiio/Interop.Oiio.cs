using System.Runtime.InteropServices;

namespace LiveGrade.Interop.Oiio;

/// <summary>P/Invoke declarations for native/oiio/lg_oiio.h, 1:1.</summary>
internal static partial class OiioNative
{
    private const string Lib = "lgoiio";

    [LibraryImport(Lib)] public static partial nint LgOiio_LastError();
    [LibraryImport(Lib)] public static partial nint LgOiio_Version();
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LgOiio_Open(string path, out OiioInputHandle input);
    [LibraryImport(Lib)]
    public static partial int LgOiio_Spec(OiioInputHandle input, out int width, out int height, out int channels,
        out int format, out int bitsPerSample);
    [LibraryImport(Lib)]
    public static unsafe partial int LgOiio_ReadRgba(OiioInputHandle input, float* dst, long dstCount);
    [LibraryImport(Lib)] public static partial void LgOiio_Close(nint input);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int LgOiio_Write(string path, float* pixels, int width, int height, int channels,
        int format);

    public static string LastError() => Marshal.PtrToStringUTF8(LgOiio_LastError()) ?? "";
}

/// <summary>Owns an <c>LgOiioInput*</c>.</summary>
public sealed class OiioInputHandle() : SafeHandle(0, ownsHandle: true)
{
    public override bool IsInvalid => handle == 0;
    protected override bool ReleaseHandle()
    {
        OiioNative.LgOiio_Close(handle);
        return true;
    }
}
