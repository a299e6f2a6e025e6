using LiveGrade.Gpu.Tests.Glfw;
using LiveGrade.Interop.Imgui;
using Silk.NET.OpenGL;
using Xunit.Abstractions;

namespace LiveGrade.Interop.Tests.Imgui;

/// <summary>
/// The panel draws ImGui on a GL context that also draws previews, so LgImgui_FrameBegin/FrameRender must leave
/// the GL state as they found it (native/imgui/lg_imgui.h, "GL state"). Every state the header lists is set to a
/// value that neither GL's defaults nor the OpenGL 3 backend's own setup would give, and read back with glGet*
/// after the first frame (which uploads the font atlas) and after a second one.
/// </summary>
[Trait("Category", "Gpu")]
[Collection(ImguiWindowCollection.Name)]
public sealed class ImguiGlStateTests(ITestOutputHelper output)
{
    private const string VertexShader = "#version 410 core\nvoid main() { gl_Position = vec4(0.0); }\n";
    private const string FragmentShader = "#version 410 core\nout vec4 colour;\nvoid main() { colour = vec4(1.0); }\n";

    /// <summary>The states the header promises, by name (indexed ones as NAME[i]), read with glGet*/glIsEnabled.</summary>
    private static SortedDictionary<string, int> Snapshot(GL gl)
    {
        var s = new SortedDictionary<string, int>();
        void Get(string name, GetPName p) => s[name] = gl.GetInteger(p);
        void GetN(string name, GetPName p, int n)
        {
            Span<int> v = stackalloc int[4];
            gl.GetInteger(p, v);
            for (int i = 0; i < n; i++) s[$"{name}[{i}]"] = v[i];
        }
        Get("GL_CURRENT_PROGRAM", GetPName.CurrentProgram);
        Get("GL_ACTIVE_TEXTURE", GetPName.ActiveTexture);
        Get("GL_TEXTURE_BINDING_2D (active unit)", GetPName.TextureBinding2D);
        Get("GL_SAMPLER_BINDING (active unit)", GetPName.SamplerBinding);
        int active = s["GL_ACTIVE_TEXTURE"];
        gl.ActiveTexture(TextureUnit.Texture0); // the unit the backend draws with
        Get("GL_TEXTURE_BINDING_2D (unit 0)", GetPName.TextureBinding2D);
        Get("GL_SAMPLER_BINDING (unit 0)", GetPName.SamplerBinding);
        gl.ActiveTexture((TextureUnit)active);
        Get("GL_ARRAY_BUFFER_BINDING", GetPName.ArrayBufferBinding);
        Get("GL_VERTEX_ARRAY_BINDING", GetPName.VertexArrayBinding);
        Get("GL_ELEMENT_ARRAY_BUFFER_BINDING", GetPName.ElementArrayBufferBinding);
        Get("GL_DRAW_FRAMEBUFFER_BINDING", GetPName.DrawFramebufferBinding);
        GetN("GL_POLYGON_MODE", GetPName.PolygonMode, 1); // core profile: one mode for front and back
        GetN("GL_VIEWPORT", GetPName.Viewport, 4);
        GetN("GL_SCISSOR_BOX", GetPName.ScissorBox, 4);
        Get("GL_BLEND_EQUATION_RGB", GetPName.BlendEquationRgb);
        Get("GL_BLEND_EQUATION_ALPHA", GetPName.BlendEquationAlpha);
        Get("GL_BLEND_SRC_RGB", GetPName.BlendSrcRgb);
        Get("GL_BLEND_DST_RGB", GetPName.BlendDstRgb);
        Get("GL_BLEND_SRC_ALPHA", GetPName.BlendSrcAlpha);
        Get("GL_BLEND_DST_ALPHA", GetPName.BlendDstAlpha);
        foreach (var (name, cap) in new[]
                 {
                     ("GL_BLEND", EnableCap.Blend), ("GL_CULL_FACE", EnableCap.CullFace), ("GL_DEPTH_TEST", EnableCap.DepthTest),
                     ("GL_STENCIL_TEST", EnableCap.StencilTest), ("GL_SCISSOR_TEST", EnableCap.ScissorTest),
                     ("GL_PRIMITIVE_RESTART", EnableCap.PrimitiveRestart),
                 })
        {
            s[name] = gl.IsEnabled(cap) ? 1 : 0;
        }
        Get("GL_UNPACK_ROW_LENGTH", GetPName.UnpackRowLength);
        Get("GL_UNPACK_ALIGNMENT", GetPName.UnpackAlignment);
        return s;
    }

    [XvfbFact]
    public void Frames_leave_every_state_the_header_lists_as_they_found_it()
    {
        using var w = ImguiWindow.Open();
        const int fbWidth = ImguiWindow.Width, fbHeight = ImguiWindow.Height;
        var before = w.Window.Invoke(gl =>
        {
            // A framebuffer of our own, cleared to transparent black: ImGui must draw into it and leave it bound.
            uint target = gl.CreateTexture(TextureTarget.Texture2D);
            gl.TextureStorage2D(target, 1, SizedInternalFormat.Rgba8, fbWidth, fbHeight);
            uint fbo = gl.CreateFramebuffer();
            gl.NamedFramebufferTexture(fbo, FramebufferAttachment.ColorAttachment0, target, 0);
            gl.BindFramebuffer(FramebufferTarget.Framebuffer, fbo);
            gl.ClearColor(0, 0, 0, 0);
            gl.Clear(ClearBufferMask.ColorBufferBit);

            uint program = gl.CreateProgram();
            foreach (var (type, text) in new[] { (ShaderType.VertexShader, VertexShader), (ShaderType.FragmentShader, FragmentShader) })
            {
                uint shader = gl.CreateShader(type);
                gl.ShaderSource(shader, text);
                gl.CompileShader(shader);
                gl.AttachShader(program, shader);
                gl.DeleteShader(shader);
            }
            gl.LinkProgram(program);
            Assert.True(gl.GetProgram(program, ProgramPropertyARB.LinkStatus) == 1, gl.GetProgramInfoLog(program));
            gl.UseProgram(program);

            // Unit 0 (where the backend binds the font) and unit 3 (left active) each hold a texture and unit 0 a sampler.
            uint unit0Texture = gl.GenTexture(), unit3Texture = gl.GenTexture(), sampler = gl.GenSampler();
            gl.ActiveTexture(TextureUnit.Texture0);
            gl.BindTexture(TextureTarget.Texture2D, unit0Texture);
            gl.BindSampler(0, sampler);
            gl.ActiveTexture(TextureUnit.Texture3);
            gl.BindTexture(TextureTarget.Texture2D, unit3Texture);

            uint vao = gl.GenVertexArray(), elements = gl.GenBuffer(), vertices = gl.GenBuffer();
            gl.BindVertexArray(vao);
            gl.BindBuffer(BufferTargetARB.ElementArrayBuffer, elements);
            gl.BindBuffer(BufferTargetARB.ArrayBuffer, vertices);

            gl.PolygonMode(TriangleFace.FrontAndBack, PolygonMode.Line);
            gl.Viewport(7, 11, 123, 97);
            gl.Scissor(5, 6, 77, 55);
            gl.BlendEquationSeparate(BlendEquationModeEXT.FuncSubtract, BlendEquationModeEXT.Max);
            gl.BlendFuncSeparate(BlendingFactor.ConstantColor, BlendingFactor.OneMinusDstAlpha, BlendingFactor.DstColor, BlendingFactor.Zero);
            // The opposite of what the backend sets for its draw (blend and scissor on, the rest off).
            gl.Disable(EnableCap.Blend);
            gl.Enable(EnableCap.CullFace);
            gl.Enable(EnableCap.DepthTest);
            gl.Enable(EnableCap.StencilTest);
            gl.Disable(EnableCap.ScissorTest);
            gl.Enable(EnableCap.PrimitiveRestart);
            // The font upload sets the row length to 0; 4 is GL's default alignment.
            gl.PixelStore(PixelStoreParameter.UnpackRowLength, 37);
            gl.PixelStore(PixelStoreParameter.UnpackAlignment, 2);
            Assert.Equal(GLEnum.NoError, gl.GetError());
            return Snapshot(gl);
        });
        output.WriteLine(string.Join(", ", before.Select(kv => $"{kv.Key}={kv.Value}")));

        for (int frame = 0; frame < 2; frame++)
        {
            ImguiDrawStats stats = default;
            var after = w.Window.Invoke(gl =>
            {
                w.Imgui.BeginFrame();
                ImguiWindow.BeginTestWindow();
                Ui.Text("LiveGrade"u8);
                Ui.Button("a button"u8);
                Ui.End();
                stats = w.Imgui.Render();
                Assert.Equal(GLEnum.NoError, gl.GetError());
                return Snapshot(gl);
            });
            Assert.True(stats.Vertices > 0, "the frame drew something"); // else nothing would have touched the state
            var changed = before.Where(kv => after[kv.Key] != kv.Value).Select(kv => $"{kv.Key}: {kv.Value} before, {after[kv.Key]} after").ToList();
            Assert.True(changed.Count == 0, $"frame {frame} changed: {string.Join("; ", changed)}");
        }

        // And ImGui did draw into the framebuffer that was bound (its window background covers the display).
        int drawn = w.Window.Invoke(gl =>
        {
            var pixels = new byte[fbWidth * fbHeight * 4];
            gl.PixelStore(PixelStoreParameter.PackAlignment, 1);
            gl.ReadPixels<byte>(0, 0, fbWidth, fbHeight, PixelFormat.Rgba, PixelType.UnsignedByte, pixels);
            int n = 0;
            for (int i = 3; i < pixels.Length; i += 4) n += pixels[i] != 0 ? 1 : 0;
            return n;
        });
        output.WriteLine($"{drawn} of {fbWidth * fbHeight} pixels drawn");
        Assert.True(drawn > fbWidth * fbHeight / 2, $"only {drawn} pixels of the bound framebuffer were drawn");
    }
}
