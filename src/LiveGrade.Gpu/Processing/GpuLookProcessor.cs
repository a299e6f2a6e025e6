using LiveGrade.Color.Gpu;
using LiveGrade.Color.Ops;
using LiveGrade.Gpu.Context;
using LiveGrade.Gpu.Shaders;
using Silk.NET.OpenGL;

namespace LiveGrade.Gpu.Processing;

/// <summary>
/// Runs a look on the GPU: the op list becomes one generated GLSL function <c>lg_look</c> inside a compute
/// shader that transforms an RGBA32F image in place, plus the textures its ops sample (LUT lattices, OCIO's
/// LUTs) bound to texture units 0..n-1. <see cref="Update"/> with new values of the same structure (a CDL
/// trim) only re-uploads uniforms (and any texture whose table changed); a different structure recompiles.
/// All GL work runs on the context's GL thread. <see cref="Dispatch"/> grades a texture already on the GPU
/// (the frame pipeline); <see cref="Apply"/> uploads, grades and reads back a float buffer (files, tests).
/// </summary>
public sealed class GpuLookProcessor : IDisposable
{
    private const int Group = 16; // 16x16 invocations per work group

    private readonly IGlContext _context;
    private string _source = "";
    private IReadOnlyList<GlslUniform> _uniforms = [];
    private GlslTexture[] _textures = [];
    private uint[] _glTextures = [];
    private uint[] _glBuffers = [];
    private uint _program;
    private uint _texture;
    private int _texWidth, _texHeight;

    public GpuLookProcessor(IGlContext context, OpList ops)
    {
        _context = context;
        Update(ops);
    }

    /// <summary>How many times a program has been compiled (tests check that value changes do not).</summary>
    public int CompileCount { get; private set; }

    /// <summary>How many texture uploads have happened (tests check that CDL changes cause none).</summary>
    public int TextureUploads { get; private set; }

    /// <summary>The generated compute shader (for diagnostics).</summary>
    public string Source => _source;

    /// <summary>Sets the look; compiles only when the generated text changed, otherwise updates uniforms.</summary>
    public void Update(OpList ops)
    {
        var (source, uniforms, textures) = Generate(OpListOptimizer.Optimize(ops));
        _context.Invoke(gl =>
        {
            if (source != _source)
            {
                var program = ComputeShaders.Compile(gl, source, "look shader");
                DeleteProgramAndTextures(gl);
                _program = program;
                _source = source;
                _textures = textures;
                CreateTextures(gl);
                CompileCount++;
            }
            else
            {
                for (int i = 0; i < textures.Length; i++)
                {
                    if (!textures[i].Values.Equals(_textures[i].Values))
                    {
                        _textures[i] = textures[i];
                        Upload(gl, i);
                    }
                }
            }
            _uniforms = uniforms;
            SetUniforms(gl);
        });
    }

    /// <summary>
    /// Grades <paramref name="texture"/> (RGBA32F, width x height) in place. Call on the GL thread (inside
    /// <see cref="IGlContext.Invoke{T}"/>); ends with the barrier for later image and texture reads.
    /// </summary>
    public void Dispatch(GL gl, uint texture, int width, int height)
    {
        gl.UseProgram(_program);
        for (int i = 0; i < _glTextures.Length; i++)
        {
            gl.BindTextureUnit((uint)i, _glTextures[i]);
        }
        gl.BindImageTexture(0, texture, 0, false, 0, BufferAccessARB.ReadWrite, InternalFormat.Rgba32f);
        gl.DispatchCompute((uint)((width + Group - 1) / Group), (uint)((height + Group - 1) / Group), 1);
        gl.MemoryBarrier(MemoryBarrierMask.TextureUpdateBarrierBit | MemoryBarrierMask.ShaderImageAccessBarrierBit
            | MemoryBarrierMask.TextureFetchBarrierBit);
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
            Dispatch(gl, _texture, width, height);
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

    /// <summary>
    /// Applies the look in place to <paramref name="width"/> x <paramref name="height"/> packed RGBA float pixels
    /// at <paramref name="rgba"/> (pinned memory the caller owns until this returns, e.g. a pooled frame).
    /// From the GL thread this allocates nothing; from another thread, one small closure for the dispatch.
    /// </summary>
    public void ApplyInPlace(nint rgba, int width, int height)
    {
        if (_context.IsCurrentThread)
        {
            ApplyOnGlThread(_context.Invoke(gl => gl), rgba, width, height);
            return;
        }
        _context.Invoke(gl => ApplyOnGlThread(gl, rgba, width, height));
    }

    private unsafe void ApplyOnGlThread(GL gl, nint rgba, int width, int height)
    {
        EnsureTexture(gl, width, height);
        gl.TextureSubImage2D(_texture, 0, 0, 0, (uint)width, (uint)height, PixelFormat.Rgba, PixelType.Float, (void*)rgba);
        Dispatch(gl, _texture, width, height);
        gl.GetTextureImage(_texture, 0, PixelFormat.Rgba, PixelType.Float, (uint)((long)width * height * 4 * sizeof(float)), (void*)rgba);
        var err = gl.GetError();
        if (err != GLEnum.NoError)
        {
            throw new InvalidOperationException($"GL error {err} applying the look");
        }
    }

    private static (string Source, IReadOnlyList<GlslUniform> Uniforms, GlslTexture[] Textures) Generate(OpList ops)
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
        return (shader, b.Uniforms, b.Textures.ToArray());
    }

    private unsafe void CreateTextures(GL gl)
    {
        _glTextures = new uint[_textures.Length];
        _glBuffers = new uint[_textures.Length];
        for (int i = 0; i < _textures.Length; i++)
        {
            var t = _textures[i];
            var format = t.Channels switch
            {
                1 => SizedInternalFormat.R32f,
                3 => SizedInternalFormat.Rgb32f,
                4 => SizedInternalFormat.Rgba32f,
                _ => throw new NotSupportedException($"texture {t.SamplerName} with {t.Channels} channels"),
            };
            var target = t.Kind switch
            {
                GlslTextureKind.Buffer => TextureTarget.TextureBuffer,
                GlslTextureKind.Texture1D => TextureTarget.Texture1D,
                GlslTextureKind.Texture2D => TextureTarget.Texture2D,
                _ => TextureTarget.Texture3D,
            };
            gl.CreateTextures(target, 1, out uint tex);
            _glTextures[i] = tex;
            switch (t.Kind)
            {
                case GlslTextureKind.Buffer:
                    gl.CreateBuffers(1, out uint buffer);
                    _glBuffers[i] = buffer;
                    gl.NamedBufferStorage(buffer, (nuint)(t.Values.Length * sizeof(float)), null, BufferStorageMask.DynamicStorageBit);
                    gl.TextureBuffer(tex, format, buffer);
                    break;
                case GlslTextureKind.Texture1D:
                    gl.TextureStorage1D(tex, 1, format, (uint)t.Width);
                    break;
                case GlslTextureKind.Texture2D:
                    gl.TextureStorage2D(tex, 1, format, (uint)t.Width, (uint)t.Height);
                    break;
                default:
                    gl.TextureStorage3D(tex, 1, format, (uint)t.Width, (uint)t.Height, (uint)t.Depth);
                    break;
            }
            if (t.Kind != GlslTextureKind.Buffer)
            {
                int filter = (int)(t.Linear ? GLEnum.Linear : GLEnum.Nearest);
                gl.TextureParameter(tex, TextureParameterName.TextureMinFilter, filter);
                gl.TextureParameter(tex, TextureParameterName.TextureMagFilter, filter);
                foreach (var wrap in new[] { TextureParameterName.TextureWrapS, TextureParameterName.TextureWrapT, TextureParameterName.TextureWrapR })
                {
                    gl.TextureParameter(tex, wrap, (int)GLEnum.ClampToEdge);
                }
            }
            Upload(gl, i);
            int loc = gl.GetUniformLocation(_program, t.SamplerName);
            if (loc >= 0)
            {
                gl.ProgramUniform1(_program, loc, i);
            }
        }
    }

    private unsafe void Upload(GL gl, int i)
    {
        var t = _textures[i];
        uint tex = _glTextures[i];
        var pixelFormat = t.Channels switch { 1 => PixelFormat.Red, 3 => PixelFormat.Rgb, _ => PixelFormat.Rgba };
        gl.PixelStore(PixelStoreParameter.UnpackAlignment, 4);
        using var pin = t.Values.Pin();
        void* p = pin.Pointer;
        switch (t.Kind)
        {
            case GlslTextureKind.Buffer:
                gl.NamedBufferSubData(_glBuffers[i], 0, (nuint)(t.Values.Length * sizeof(float)), p);
                break;
            case GlslTextureKind.Texture1D:
                gl.TextureSubImage1D(tex, 0, 0, (uint)t.Width, pixelFormat, PixelType.Float, p);
                break;
            case GlslTextureKind.Texture2D:
                gl.TextureSubImage2D(tex, 0, 0, 0, (uint)t.Width, (uint)t.Height, pixelFormat, PixelType.Float, p);
                break;
            default:
                gl.TextureSubImage3D(tex, 0, 0, 0, 0, (uint)t.Width, (uint)t.Height, (uint)t.Depth, pixelFormat, PixelType.Float, p);
                break;
        }
        TextureUploads++;
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

    private void DeleteProgramAndTextures(GL gl)
    {
        foreach (var t in _glTextures)
        {
            gl.DeleteTexture(t);
        }
        foreach (var b in _glBuffers.Where(b => b != 0))
        {
            gl.DeleteBuffer(b);
        }
        _glTextures = [];
        _glBuffers = [];
        if (_program != 0)
        {
            gl.DeleteProgram(_program);
            _program = 0;
        }
    }

    public void Dispose()
    {
        _context.Invoke(gl =>
        {
            if (_texture != 0)
            {
                gl.DeleteTexture(_texture);
            }
            DeleteProgramAndTextures(gl);
        });
        _texture = 0;
    }
}
