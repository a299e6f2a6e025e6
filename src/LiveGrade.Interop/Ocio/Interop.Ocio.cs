using System.Runtime.InteropServices;

namespace LiveGrade.Interop.Ocio;

/// <summary>
/// P/Invoke declarations for native/ocio/lg_ocio.h, 1:1. Borrowed strings come back as pointers
/// (never freed here); use <see cref="OcioNative.Text"/> to read them.
/// </summary>
internal static partial class OcioNative
{
    private const string Lib = "lgocio";

    public const int Ok = 0;

    [LibraryImport(Lib)] public static partial nint LgOcio_LastError();
    [LibraryImport(Lib)] public static partial nint LgOcio_Version();

    [LibraryImport(Lib)] public static partial int LgOcio_ConfigCreateRaw(out OcioConfigHandle config);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LgOcio_ConfigCreateFromFile(string path, out OcioConfigHandle config);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LgOcio_ConfigCreateFromText(string yaml, string? searchPath, out OcioConfigHandle config);
    [LibraryImport(Lib)] public static partial void LgOcio_ConfigDestroy(nint config);
    [LibraryImport(Lib)] public static partial int LgOcio_ConfigColorSpaceCount(OcioConfigHandle config);
    [LibraryImport(Lib)] public static partial nint LgOcio_ConfigColorSpaceName(OcioConfigHandle config, int index);
    [LibraryImport(Lib)] public static partial int LgOcio_ConfigDisplayCount(OcioConfigHandle config);
    [LibraryImport(Lib)] public static partial nint LgOcio_ConfigDisplayName(OcioConfigHandle config, int index);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LgOcio_ConfigViewCount(OcioConfigHandle config, string display);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint LgOcio_ConfigViewName(OcioConfigHandle config, string display, int index);
    [LibraryImport(Lib)] public static partial int LgOcio_ConfigLookCount(OcioConfigHandle config);
    [LibraryImport(Lib)] public static partial nint LgOcio_ConfigLookName(OcioConfigHandle config, int index);

    [LibraryImport(Lib)] public static partial int LgOcio_BuiltinCount();
    [LibraryImport(Lib)] public static partial nint LgOcio_BuiltinStyle(int index);
    [LibraryImport(Lib)] public static partial nint LgOcio_BuiltinDescription(int index);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LgOcio_ProcessorCreateBuiltin(string style, int direction, out OcioProcessorHandle processor);
    [LibraryImport(Lib)]
    public static unsafe partial int LgOcio_ProcessorCreateCdl(double* slope, double* offset, double* power,
        double saturation, int style, int direction, out OcioProcessorHandle processor);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LgOcio_ProcessorCreateFile(string path, string? cccid, int interpolation, int direction,
        out OcioProcessorHandle processor);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LgOcio_ProcessorCreateColorSpaces(OcioConfigHandle config, string src, string dst,
        out OcioProcessorHandle processor);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LgOcio_ProcessorCreateDisplayView(OcioConfigHandle config, string src, string display,
        string view, int direction, out OcioProcessorHandle processor);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LgOcio_ProcessorCreateLooks(OcioConfigHandle config, string src, string looks, string dst,
        int direction, out OcioProcessorHandle processor);
    [LibraryImport(Lib)] public static partial void LgOcio_ProcessorDestroy(nint processor);
    [LibraryImport(Lib)]
    public static unsafe partial int LgOcio_ProcessorApply(OcioProcessorHandle processor, float* pixels, long pixelCount,
        int channels);
    [LibraryImport(Lib)] public static partial nint LgOcio_ProcessorCacheId(OcioProcessorHandle processor);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LgOcio_ShaderCreate(OcioProcessorHandle processor, int language, string functionName,
        string? resourcePrefix, out OcioShaderHandle shader);
    [LibraryImport(Lib)] public static partial void LgOcio_ShaderDestroy(nint shader);
    [LibraryImport(Lib)] public static partial nint LgOcio_ShaderText(OcioShaderHandle shader);
    [LibraryImport(Lib)] public static partial int LgOcio_ShaderTexture3DCount(OcioShaderHandle shader);
    [LibraryImport(Lib)]
    public static partial int LgOcio_ShaderTexture3D(OcioShaderHandle shader, int index, out nint textureName,
        out nint samplerName, out int edgeLen, out int linear, out nint values);
    [LibraryImport(Lib)] public static partial int LgOcio_ShaderTextureCount(OcioShaderHandle shader);
    [LibraryImport(Lib)]
    public static partial int LgOcio_ShaderTexture(OcioShaderHandle shader, int index, out nint textureName,
        out nint samplerName, out int width, out int height, out int channels, out int linear, out nint values);
    [LibraryImport(Lib)] public static partial int LgOcio_ShaderUniformCount(OcioShaderHandle shader);
    [LibraryImport(Lib)]
    public static partial int LgOcio_ShaderUniform(OcioShaderHandle shader, int index, out nint name, out int type,
        out double scalarValue);

    /// <summary>Reads a borrowed UTF-8 string; null pointers read as "".</summary>
    public static string Text(nint utf8) => Marshal.PtrToStringUTF8(utf8) ?? "";

    /// <summary>Throws <see cref="OcioException"/> with the shim's thread-local message when status is not OK.</summary>
    public static void Check(int status, string what)
    {
        if (status != Ok)
        {
            throw new OcioException($"{what}: {Text(LgOcio_LastError())}");
        }
    }
}

/// <summary>An error reported by OpenColorIO through the shim.</summary>
public sealed class OcioException(string message) : Exception(message);

/// <summary>Owns an <c>LgOcioConfig*</c>.</summary>
public sealed class OcioConfigHandle() : SafeHandle(0, ownsHandle: true)
{
    public override bool IsInvalid => handle == 0;
    protected override bool ReleaseHandle()
    {
        OcioNative.LgOcio_ConfigDestroy(handle);
        return true;
    }
}

/// <summary>Owns an <c>LgOcioProcessor*</c>.</summary>
public sealed class OcioProcessorHandle() : SafeHandle(0, ownsHandle: true)
{
    public override bool IsInvalid => handle == 0;
    protected override bool ReleaseHandle()
    {
        OcioNative.LgOcio_ProcessorDestroy(handle);
        return true;
    }
}

/// <summary>Owns an <c>LgOcioShader*</c>.</summary>
public sealed class OcioShaderHandle() : SafeHandle(0, ownsHandle: true)
{
    public override bool IsInvalid => handle == 0;
    protected override bool ReleaseHandle()
    {
        OcioNative.LgOcio_ShaderDestroy(handle);
        return true;
    }
}
