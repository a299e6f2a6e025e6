using System.Reflection;
using LiveGrade.Color.Scopes;
using Silk.NET.OpenGL;

namespace LiveGrade.Gpu.Scopes;

/// <summary>
/// The scope and overlay compute shaders, embedded from Scopes/Shaders and Overlays/Shaders as
/// LiveGrade.Gpu.Shaders.&lt;file name&gt;. A line <c>#include "NAME"</c> is replaced by that resource's text
/// (GLSL has no include of its own) and the #version line is added. GL-thread helpers to compile them and
/// set their uniforms.
/// </summary>
internal static class FixedShaders
{
    private const string Prefix = "LiveGrade.Gpu.Shaders.";

    public static string Source(string fileName)
    {
        var lines = new List<string> { "#version 450 core" };
        foreach (var line in Read(fileName).Split('\n'))
        {
            string t = line.Trim();
            lines.Add(t.StartsWith("#include \"", StringComparison.Ordinal) ? Read(t[10..^1]) : line);
        }
        return string.Join('\n', lines);
    }

    private static string Read(string fileName)
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream(Prefix + fileName)
            ?? throw new InvalidOperationException($"shader resource {fileName} is not embedded");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    /// <summary>Compiles and links an embedded compute shader (through <see cref="Shaders.ComputeShaders.Compile"/>); GL thread only.</summary>
    public static uint Compile(GL gl, string fileName) => Shaders.ComputeShaders.Compile(gl, Source(fileName), fileName);

    // Uniform setters: a name the compiler optimised away has location -1, which GL ignores.
    public static void Set(GL gl, uint program, string name, int v) => gl.ProgramUniform1(program, gl.GetUniformLocation(program, name), v);

    public static void Set(GL gl, uint program, string name, float v) => gl.ProgramUniform1(program, gl.GetUniformLocation(program, name), v);

    public static void Set(GL gl, uint program, string name, int x, int y) =>
        gl.ProgramUniform2(program, gl.GetUniformLocation(program, name), x, y);

    public static void Set(GL gl, uint program, string name, int x, int y, int z) =>
        gl.ProgramUniform3(program, gl.GetUniformLocation(program, name), x, y, z);

    public static void Set(GL gl, uint program, string name, int x, int y, int z, int w) =>
        gl.ProgramUniform4(program, gl.GetUniformLocation(program, name), x, y, z, w);

    public static void Set(GL gl, uint program, string name, float x, float y, float z) =>
        gl.ProgramUniform3(program, gl.GetUniformLocation(program, name), x, y, z);

    public static void Set(GL gl, uint program, string name, float x, float y, float z, float w) =>
        gl.ProgramUniform4(program, gl.GetUniformLocation(program, name), x, y, z, w);

    public static void Set(GL gl, uint program, string name, Color.Scopes.Rendering.Rgb c) => Set(gl, program, name, c.R, c.G, c.B);

    /// <summary>Sets lg_yWeights, lg_cbWeights and lg_crWeights of scope_common.glsl.</summary>
    public static void SetWeights(GL gl, uint program, ScopeWeights w)
    {
        Set(gl, program, "lg_yWeights", w.YR, w.YG, w.YB);
        Set(gl, program, "lg_cbWeights", w.CbR, w.CbG, w.CbB);
        Set(gl, program, "lg_crWeights", w.CrR, w.CrG, w.CrB);
    }

    /// <summary>A shader storage buffer of at least <paramref name="bytes"/>; replaced when too small.</summary>
    public static unsafe void EnsureBuffer(GL gl, ref uint buffer, ref long capacity, long bytes)
    {
        if (buffer != 0 && capacity >= bytes)
        {
            return;
        }
        if (buffer != 0)
        {
            gl.DeleteBuffer(buffer);
        }
        gl.CreateBuffers(1, out buffer);
        gl.NamedBufferData(buffer, (nuint)bytes, null, BufferUsageARB.DynamicCopy);
        capacity = bytes;
    }

    public static unsafe void ClearBuffer(GL gl, uint buffer) =>
        gl.ClearNamedBufferData(buffer, SizedInternalFormat.R32ui, PixelFormat.RedInteger, PixelType.UnsignedInt, null);

    public static unsafe void Read(GL gl, uint buffer, uint[] into)
    {
        fixed (uint* p = into)
        {
            gl.GetNamedBufferSubData(buffer, 0, (nuint)(into.Length * sizeof(uint)), p);
        }
    }

    public static void CheckError(GL gl, string what)
    {
        var err = gl.GetError();
        if (err != GLEnum.NoError)
        {
            throw new InvalidOperationException($"GL error {err} in {what}");
        }
    }
}
