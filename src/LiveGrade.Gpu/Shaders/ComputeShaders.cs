using System.Reflection;
using Silk.NET.OpenGL;

namespace LiveGrade.Gpu.Shaders;

/// <summary>
/// The fixed compute shaders shipped as embedded resources (Shaders/*.comp, *.glsl) and the one way to
/// compile any compute program. A line <c>#include "NAME"</c> is replaced by that resource's text (GLSL has
/// no include of its own); defines are inserted after the #version line.
/// </summary>
public static class ComputeShaders
{
    private const string Prefix = "LiveGrade.Gpu.Shaders.";

    /// <summary>The text of an embedded shader file, includes resolved.</summary>
    public static string Source(string fileName, params string[] defines)
    {
        var lines = new List<string> { "#version 450 core" };
        lines.AddRange(defines.Select(d => "#define " + d));
        foreach (var line in Read(fileName).Split('\n'))
        {
            string t = line.Trim();
            if (t.StartsWith("#include \"", StringComparison.Ordinal))
            {
                lines.Add(Read(t[10..^1]));
            }
            else
            {
                lines.Add(line);
            }
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

    /// <summary>Compiles and links a compute program; throws with the driver's log on failure. GL thread only.</summary>
    public static uint Compile(GL gl, string source, string what)
    {
        uint shader = gl.CreateShader(ShaderType.ComputeShader);
        gl.ShaderSource(shader, source);
        gl.CompileShader(shader);
        gl.GetShader(shader, ShaderParameterName.CompileStatus, out int ok);
        if (ok == 0)
        {
            string log = gl.GetShaderInfoLog(shader);
            gl.DeleteShader(shader);
            throw new InvalidOperationException($"{what} did not compile: {log}\n{source}");
        }
        uint program = gl.CreateProgram();
        gl.AttachShader(program, shader);
        gl.LinkProgram(program);
        gl.DeleteShader(shader);
        gl.GetProgram(program, ProgramPropertyARB.LinkStatus, out int linked);
        if (linked == 0)
        {
            string log = gl.GetProgramInfoLog(program);
            gl.DeleteProgram(program);
            throw new InvalidOperationException($"{what} did not link: {log}");
        }
        return program;
    }
}
