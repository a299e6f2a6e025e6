namespace LiveGrade.Interop.Ocio;

/// <summary>Direction of an OCIO transform.</summary>
public enum OcioDirection
{
    Forward = 0,
    Inverse = 1,
}

/// <summary>OCIO's two CDL styles: ASC v1.2 (clamps to 0..1) and no clamping.</summary>
public enum OcioCdlStyle
{
    Asc = 0,
    NoClamp = 1,
}

/// <summary>Interpolation for OCIO file transforms (values match OCIO's Interpolation enum).</summary>
public enum OcioInterpolation
{
    Default = 0,
    Nearest = 1,
    Linear = 2,
    Tetrahedral = 3,
    Best = 4,
}

/// <summary>Library-wide queries.</summary>
public static class OcioLibrary
{
    /// <summary>The OpenColorIO version the shim is linked against, e.g. "2.1.2".</summary>
    public static string Version => OcioNative.Text(OcioNative.LgOcio_Version());

    /// <summary>Every builtin transform style this OCIO knows, with its description.</summary>
    public static IReadOnlyList<(string Style, string Description)> Builtins()
    {
        int n = OcioNative.LgOcio_BuiltinCount();
        var list = new List<(string, string)>(n);
        for (int i = 0; i < n; i++)
        {
            list.Add((OcioNative.Text(OcioNative.LgOcio_BuiltinStyle(i)),
                      OcioNative.Text(OcioNative.LgOcio_BuiltinDescription(i))));
        }
        return list;
    }
}

/// <summary>An OCIO config. Dispose to release it.</summary>
public sealed class OcioConfig : IDisposable
{
    private readonly OcioConfigHandle _handle;

    private OcioConfig(OcioConfigHandle handle) => _handle = handle;

    internal OcioConfigHandle Handle => _handle;

    /// <summary>A raw config, enough for builtin, CDL and file transforms.</summary>
    public static OcioConfig CreateRaw()
    {
        OcioNative.Check(OcioNative.LgOcio_ConfigCreateRaw(out var h), "raw config");
        return new OcioConfig(h);
    }

    /// <summary>Reads a .ocio config file.</summary>
    public static OcioConfig FromFile(string path)
    {
        OcioNative.Check(OcioNative.LgOcio_ConfigCreateFromFile(path, out var h), path);
        return new OcioConfig(h);
    }

    /// <summary>Parses a config from YAML text; searchPath resolves relative file references.</summary>
    public static OcioConfig FromText(string yaml, string? searchPath = null)
    {
        OcioNative.Check(OcioNative.LgOcio_ConfigCreateFromText(yaml, searchPath, out var h), "config text");
        return new OcioConfig(h);
    }

    public IReadOnlyList<string> ColorSpaces => Names(OcioNative.LgOcio_ConfigColorSpaceCount(_handle),
        i => OcioNative.LgOcio_ConfigColorSpaceName(_handle, i));

    public IReadOnlyList<string> Displays => Names(OcioNative.LgOcio_ConfigDisplayCount(_handle),
        i => OcioNative.LgOcio_ConfigDisplayName(_handle, i));

    public IReadOnlyList<string> Views(string display) => Names(OcioNative.LgOcio_ConfigViewCount(_handle, display),
        i => OcioNative.LgOcio_ConfigViewName(_handle, display, i));

    public IReadOnlyList<string> Looks => Names(OcioNative.LgOcio_ConfigLookCount(_handle),
        i => OcioNative.LgOcio_ConfigLookName(_handle, i));

    private static List<string> Names(int count, Func<int, nint> get)
    {
        var list = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            list.Add(OcioNative.Text(get(i)));
        }
        return list;
    }

    public void Dispose() => _handle.Dispose();
}

/// <summary>
/// An OCIO processor with its F32 CPU processor (lossless optimisation only, so results are OCIO's
/// reference maths rather than its fast approximations). Thread-safe to apply; dispose when done.
/// </summary>
public sealed class OcioProcessor : IDisposable
{
    private readonly OcioProcessorHandle _handle;

    private OcioProcessor(OcioProcessorHandle handle) => _handle = handle;

    internal OcioProcessorHandle Handle => _handle;

    /// <summary>A builtin transform by its style name.</summary>
    public static OcioProcessor FromBuiltin(string style, OcioDirection direction = OcioDirection.Forward)
    {
        OcioNative.Check(OcioNative.LgOcio_ProcessorCreateBuiltin(style, (int)direction, out var h), style);
        return new OcioProcessor(h);
    }

    /// <summary>An ASC CDL.</summary>
    public static unsafe OcioProcessor FromCdl(ReadOnlySpan<double> slope, ReadOnlySpan<double> offset,
        ReadOnlySpan<double> power, double saturation, OcioCdlStyle style, OcioDirection direction = OcioDirection.Forward)
    {
        if (slope.Length != 3 || offset.Length != 3 || power.Length != 3)
        {
            throw new ArgumentException("slope, offset and power need three values each");
        }
        fixed (double* s = slope, o = offset, p = power)
        {
            OcioNative.Check(OcioNative.LgOcio_ProcessorCreateCdl(s, o, p, saturation, (int)style, (int)direction,
                out var h), "CDL");
            return new OcioProcessor(h);
        }
    }

    /// <summary>A file transform: a LUT or a .cdl/.cc/.ccc file.</summary>
    public static OcioProcessor FromFile(string path, string? cccId = null,
        OcioInterpolation interpolation = OcioInterpolation.Default, OcioDirection direction = OcioDirection.Forward)
    {
        OcioNative.Check(OcioNative.LgOcio_ProcessorCreateFile(path, cccId, (int)interpolation, (int)direction,
            out var h), path);
        return new OcioProcessor(h);
    }

    /// <summary>Colour space to colour space within a config.</summary>
    public static OcioProcessor FromColorSpaces(OcioConfig config, string src, string dst)
    {
        OcioNative.Check(OcioNative.LgOcio_ProcessorCreateColorSpaces(config.Handle, src, dst, out var h),
            $"{src} -> {dst}");
        return new OcioProcessor(h);
    }

    /// <summary>A scene colour space to a display and view of a config.</summary>
    public static OcioProcessor FromDisplayView(OcioConfig config, string src, string display, string view,
        OcioDirection direction = OcioDirection.Forward)
    {
        OcioNative.Check(OcioNative.LgOcio_ProcessorCreateDisplayView(config.Handle, src, display, view,
            (int)direction, out var h), $"{src} -> {display}/{view}");
        return new OcioProcessor(h);
    }

    /// <summary>Looks applied from src to dst.</summary>
    public static OcioProcessor FromLooks(OcioConfig config, string src, string looks, string dst,
        OcioDirection direction = OcioDirection.Forward)
    {
        OcioNative.Check(OcioNative.LgOcio_ProcessorCreateLooks(config.Handle, src, looks, dst, (int)direction,
            out var h), $"looks {looks}");
        return new OcioProcessor(h);
    }

    /// <summary>Identifies what the processor computes.</summary>
    public string CacheId => OcioNative.Text(OcioNative.LgOcio_ProcessorCacheId(_handle));

    /// <summary>Applies in place to packed pixels of <paramref name="channels"/> floats (3 or 4).</summary>
    public unsafe void Apply(Span<float> pixels, int channels)
    {
        if (channels is not (3 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(channels));
        }
        if (pixels.Length % channels != 0)
        {
            throw new ArgumentException("buffer length is not a whole number of pixels", nameof(pixels));
        }
        fixed (float* p = pixels)
        {
            OcioNative.Check(OcioNative.LgOcio_ProcessorApply(_handle, p, pixels.Length / channels, channels), "apply");
        }
    }

    /// <summary>The GPU shader for this processor (GLSL 4.0 function <c>vec4 functionName(vec4)</c>).</summary>
    public OcioShader CreateShader(string functionName, string? resourcePrefix = null)
    {
        OcioNative.Check(OcioNative.LgOcio_ShaderCreate(_handle, 0, functionName, resourcePrefix, out var h), "shader");
        return new OcioShader(h);
    }

    public void Dispose() => _handle.Dispose();
}

/// <summary>A 3D LUT texture that an OCIO shader samples: RGB floats, red fastest.</summary>
public sealed record OcioTexture3D(string TextureName, string SamplerName, int EdgeLength, bool Linear, float[] Values);

/// <summary>A 1D (height 1) or 2D texture that an OCIO shader samples.</summary>
public sealed record OcioTexture(string TextureName, string SamplerName, int Width, int Height, int Channels,
    bool Linear, float[] Values);

/// <summary>GLSL text of an OCIO processor plus the textures it needs (copied out of the shim).</summary>
public sealed class OcioShader : IDisposable
{
    private readonly OcioShaderHandle _handle;

    internal OcioShader(OcioShaderHandle handle) => _handle = handle;

    public string Text => OcioNative.Text(OcioNative.LgOcio_ShaderText(_handle));

    /// <summary>Uniforms (OCIO dynamic properties) the shader declares and expects to be set.</summary>
    public int UniformCount => OcioNative.LgOcio_ShaderUniformCount(_handle);

    public unsafe IReadOnlyList<OcioTexture3D> Textures3D()
    {
        int n = OcioNative.LgOcio_ShaderTexture3DCount(_handle);
        var list = new List<OcioTexture3D>(n);
        for (int i = 0; i < n; i++)
        {
            OcioNative.Check(OcioNative.LgOcio_ShaderTexture3D(_handle, i, out var tn, out var sn, out int edge,
                out int linear, out nint values), "3D texture");
            var data = new ReadOnlySpan<float>((void*)values, checked(edge * edge * edge * 3)).ToArray();
            list.Add(new OcioTexture3D(OcioNative.Text(tn), OcioNative.Text(sn), edge, linear != 0, data));
        }
        return list;
    }

    public unsafe IReadOnlyList<OcioTexture> Textures()
    {
        int n = OcioNative.LgOcio_ShaderTextureCount(_handle);
        var list = new List<OcioTexture>(n);
        for (int i = 0; i < n; i++)
        {
            OcioNative.Check(OcioNative.LgOcio_ShaderTexture(_handle, i, out var tn, out var sn, out int w, out int h,
                out int ch, out int linear, out nint values), "texture");
            var data = new ReadOnlySpan<float>((void*)values, checked(w * h * ch)).ToArray();
            list.Add(new OcioTexture(OcioNative.Text(tn), OcioNative.Text(sn), w, h, ch, linear != 0, data));
        }
        return list;
    }

    public void Dispose() => _handle.Dispose();
}
