using LiveGrade.Color.Charts;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Ops.Ocio;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Spaces;
using LiveGrade.Gpu.Glfw;
using LiveGrade.Gpu.Processing;
using LiveGrade.Interop.Oiio;
using Silk.NET.OpenGL;
using Xunit.Abstractions;

namespace LiveGrade.Gpu.Tests.Glfw;

/// <summary>
/// GLFW windows under Xvfb (Mesa llvmpipe through GLX): a window whose context shares objects with another
/// window's, a frame graded on one context and drawn in the other, its pixels read back against the CPU
/// reference and saved as a PNG screenshot.
/// </summary>
[Trait("Category", "Gpu")]
public class GlfwWindowContextTests(ITestOutputHelper output) : IClassFixture<XvfbServer>
{
    private const int Width = 480, Height = 270;

    [XvfbFact]
    public unsafe void A_graded_frame_drawn_in_a_shared_window_matches_the_CPU_and_is_saved_as_a_screenshot()
    {
        // The built-in camera chart in LogC3 through the demo's look: ACEScct CDL, the ACES SDR output
        // transform (OCIO's shader) and the Rec.1886 encoding; display code values 0..1.
        var camera = ColorSpaceRegistry.Get("logc3");
        var look = new OpList()
            .AddRange(ColorSpaceRegistry.Conversion(camera, ColorSpaceRegistry.Get("ACEScct")).Ops)
            .Add(new CdlOpData([1.05, 1.0, 0.95], [0.01, 0, -0.01], [1.1, 1, 0.95], 1.2))
            .AddRange(ColorSpaceRegistry.Conversion(ColorSpaceRegistry.Get("ACEScct"), ColorSpaceRegistry.Get(ColorSpaceRegistry.Aces2065)).Ops)
            .Add(OcioOpData.Builtin("ACES-OUTPUT - ACES2065-1_to_CIE-XYZ-D65 - SDR-VIDEO_1.0"))
            .AddRange(ColorSpaceRegistry.Conversion(ColorSpaceRegistry.Get(ColorSpaceRegistry.CieXyzD65), ColorSpaceRegistry.Get("Rec.1886 Rec.709 - Display")).Ops);
        var chart = SyntheticChart.RenderEncoded(Width, Height, camera);
        var expected = (float[])chart.Clone();
        new CpuProcessor(look).Apply(expected);

        // Window A grades into a texture; window B, in A's share group, draws that texture.
        using var a = GlfwWindowContext.Create(Width, Height, "LiveGrade grade context", visible: false, threadName: "lg-gl-window-a");
        using var b = GlfwWindowContext.Create(Width, Height, "LiveGrade graded output", visible: true, share: a, threadName: "lg-gl-window-b");
        output.WriteLine($"{b.Renderer} / {b.Version}");
        Assert.StartsWith("4.", b.Version);
        using var grade = new GpuLookProcessor(a, look);
        uint texture = a.Invoke(gl =>
        {
            gl.CreateTextures(TextureTarget.Texture2D, 1, out uint t);
            gl.TextureStorage2D(t, 1, SizedInternalFormat.Rgba32f, Width, Height);
            fixed (float* p = chart)
            {
                gl.TextureSubImage2D(t, 0, 0, 0, Width, Height, PixelFormat.Rgba, PixelType.Float, p);
            }
            grade.Dispatch(gl, t, Width, Height);
            gl.Finish(); // the other context reads it next
            return t;
        });
        byte[] screen = b.Invoke(gl =>
        {
            gl.ClearColor(1, 0, 1, 1);
            gl.Clear(ClearBufferMask.ColorBufferBit);
            b.Draw(gl, texture, Width, Height);
            var pixels = b.ReadBackBuffer(gl);
            b.SwapBuffers();
            Assert.Equal(GLEnum.NoError, gl.GetError());
            return pixels;
        });
        a.Invoke(gl => gl.DeleteTexture(texture));

        // 8-bit window pixels against the CPU's float result: within one code (float to unorm8 rounding,
        // plus the GPU's 1e-5 agreement).
        int worst = 0;
        var png = new float[Width * Height * 4];
        for (int i = 0; i < Width * Height; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                int want = (int)Math.Round(Math.Clamp(expected[4 * i + c], 0f, 1f) * 255);
                worst = Math.Max(worst, Math.Abs(screen[4 * i + c] - want));
                png[4 * i + c] = screen[4 * i + c] / 255f;
            }
            png[4 * i + 3] = 1;
        }
        string dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "glfw-graded-chart.png");
        ImageFile.Write(path, new RgbaImage(Width, Height, png), ImageSampleFormat.UInt8, withAlpha: false);
        output.WriteLine($"screenshot {path}; worst difference from the CPU {worst} code(s) of 255");
        Assert.True(worst <= 1, $"window pixels differ from the CPU grade by {worst} codes");
    }
}
