using LiveGrade.Color.Gpu;
using LiveGrade.Color.Ops;
using LiveGrade.Gpu.Context;
using Silk.NET.OpenGL;

namespace LiveGrade.Gpu.Processing;

/// <summary>
/// Runs a look on the GPU: the op list becomes one generated GLSL function <c>lg_look</c> inside a compute
/// shader that transforms an RGBA32F image in place. <see cref="Update"/> with new values of the same
/// structure (a CDL trim) only re-uploads uniforms; a different structure recompiles. All GL work runs on
/// the context's GL thread; the image texture is kept and reused while the frame size stays the same.
/// </summary>
public sealed class GpuLookProcessor : IDisposable
{
    private const int Group = 16; // 16x16 invocations per work group

    private readonly HeadlessGlContext _context;
    private string _source = "";
    private IReadOnlyList<GlslUniform> _uniforms = [];
    private uint _program;
    private uint _texture;
    private int _texWidth, _texHeight;

    public GpuLookProcessor(HeadlessGlContext context, OpList ops)
    {
        _context = context;
        Update(ops);
    }

    /// <summary>How many times a program has been compiled (tests check that value changes do not).</summary>
    public int CompileCount { get; private set; }

    /// <summary>The generated look function (for diagnostics).</summary>
    public string Source => _source;

    /// <summary>Sets the look; compiles only when the generated text changed, otherwise updates uniforms.</summary>
    public void Update(OpList ops)
    {
        var (source, uniforms) = Generate(OpListOptimizer.Optimize(ops));
        _uniforms = uniforms;
        _context.Invoke(gl =>
        {
            if (source != _source)
            {
                var program = Compile(gl, source);
                if (_program != 0)
                {
                    gl.DeleteProgram(_program);
                }
                _program = program;
                _source = source;
                CompileCount++;
            }
            SetUniforms(gl);
        });
    }

    /// <summary>Applies the look to packed RGBA float pixels in place (upload, dispatch, read back).</summary>
    public unsafe void Apply(float[] rgba, int width, int height)
    {
        if (rgba.Length != (long)width * height * 4)
        {
            throw new ArgumentException("buffer does not match width x height RGBA");
        }
        _context.Invoke(gl =>
        {
            EnsureTexture(gl, width, height);
            fixed (float* p = rgba)
            {
                gl.TextureSubImage2D(_texture, 0, 0, 0, (uint)width, (uint)height, PixelFormat.Rgba, PixelType.Float, p);
            }
            gl.UseProgram(_program);
            gl.BindImageTexture(0, _texture, 0, false, 0, BufferAccessARB.ReadWrite, InternalFormat.Rgba32f);
            gl.DispatchCompute((uint)((width + Group - 1) / Group), (uint)((height + Group - 1) / Group), 1);
            gl.MemoryBarrier(MemoryBarrierMask.TextureUpdateBarrierBit | MemoryBarrierMask.ShaderImageAccessBarrierBit);
            fixed (float* p = rgba)
            {
                gl.GetTextureImage(_texture, 0, PixelFormat.Rgba, PixelType.Float, (uint)(rgba.Length * sizeof(float)), p);
            }
            var err = gl.GetError();
            if (err != GLEnum.NoError)
            {
                throw new InvalidOperationException($"GL error {err} applying the look");
            }
        });
    }

    private static (string Source, IReadOnlyList<GlslUniform> Uniforms) Generate(OpList ops)
    {
        var b = new GlslBuilder();
        foreach (var op in ops.Ops)
        {
            var emitter = op.CreateGpuEmitter() ?? throw new NotSupportedException($"no GPU form yet for: {op}");
            emitter.Emit(b);
            b.NextOp();
        }
        string shader = $$"""
            #version 450 core
            layout(local_size_x = {{Group}}, local_size_y = {{Group}}) in;
            layout(rgba32f, binding = 0) uniform image2D lg_image;
            {{b.Build()}}
            void main()
            {
                ivec2 p = ivec2(gl_GlobalInvocationID.xy);
                if (any(greaterThanEqual(p, imageSize(lg_image)))) return;
                imageStore(lg_image, p, lg_look(imageLoad(lg_image, p)));
            }
            """;
        return (shader, b.Uniforms);
    }

    private static uint Compile(GL gl, string source)
    {
        uint shader = gl.CreateShader(ShaderType.ComputeShader);
        gl.ShaderSource(shader, source);
        gl.CompileShader(shader);
        gl.GetShader(shader, ShaderParameterName.CompileStatus, out int ok);
        if (ok == 0)
        {
            string log = gl.GetShaderInfoLog(shader);
            gl.DeleteShader(shader);
            throw new InvalidOperationException($"look shader did not compile: {log}\n{source}");
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
            throw new InvalidOperationException($"look shader did not link: {log}");
        }
        return program;
    }

    private unsafe void SetUniforms(GL gl)
    {
        foreach (var u in _uniforms)
        {
            int loc = gl.GetUniformLocation(_program, u.Name);
            if (loc < 0)
            {
                continue; // optimised away by the compiler
            }
            fixed (float* v = u.Values)
            {
                switch (u.Type)
                {
                    case "float": gl.ProgramUniform1(_program, loc, 1, v); break;
                    case "vec2": gl.ProgramUniform2(_program, loc, 1, v); break;
                    case "vec3": gl.ProgramUniform3(_program, loc, 1, v); break;
                    case "vec4": gl.ProgramUniform4(_program, loc, 1, v); break;
                    case "mat3": gl.ProgramUniformMatrix3(_program, loc, 1, false, v); break;
                    default: throw new NotSupportedException($"uniform type {u.Type}");
                }
            }
        }
    }

    private void EnsureTexture(GL gl, int width, int height)
    {
        if (_texture != 0 && _texWidth == width && _texHeight == height)
        {
            return;
        }
        if (_texture != 0)
        {
            gl.DeleteTexture(_texture);
        }
        gl.CreateTextures(TextureTarget.Texture2D, 1, out _texture);
        gl.TextureStorage2D(_texture, 1, SizedInternalFormat.Rgba32f, (uint)width, (uint)height);
        (_texWidth, _texHeight) = (width, height);
    }

    public void Dispose()
    {
        _context.Invoke(gl =>
        {
            if (_texture != 0)
            {
                gl.DeleteTexture(_texture);
            }
            if (_program != 0)
            {
                gl.DeleteProgram(_program);
            }
        });
        _texture = 0;
        _program = 0;
    }
}
