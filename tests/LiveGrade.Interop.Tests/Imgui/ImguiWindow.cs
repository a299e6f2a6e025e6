using LiveGrade.Gpu.Glfw;
using LiveGrade.Gpu.Tests.Glfw;
using LiveGrade.Interop.Imgui;
using Silk.NET.OpenGL;

namespace LiveGrade.Interop.Tests.Imgui;

/// <summary>
/// One private Xvfb for every ImGui test in this assembly, and one test at a time: GLFW is initialised once per
/// process on that display, and Dear ImGui keeps its current context in a process-wide global.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ImguiWindowCollection : ICollectionFixture<XvfbServer>
{
    public const string Name = "ImGui window";
}

/// <summary>
/// A hidden GLFW window with a GL 4.5 core context (Mesa llvmpipe through GLX under the private Xvfb) and an ImGui
/// context on the window's GL thread, made the way src/LiveGrade.App/Panel/PanelHost.cs makes the panel's
/// ("#version 410 core", the window's input attached on the GLFW thread) but without a layout file. Nobody polls
/// GLFW's events and the window is never shown, so the only input ImGui gets is what a test queues through
/// <see cref="ImguiContext"/>'s Queue* methods: the same queue and the same rules as the window's events.
/// </summary>
internal sealed class ImguiWindow : IDisposable
{
    public const int Width = 480, Height = 270;

    private ImguiWindow(GlfwWindowContext window, ImguiContext imgui)
    {
        Window = window;
        Imgui = imgui;
    }

    public GlfwWindowContext Window { get; }
    public ImguiContext Imgui { get; }

    public static ImguiWindow Open()
    {
        var window = GlfwWindowContext.Create(Width, Height, "LiveGrade ImGui shim test", visible: false, threadName: "lg-imgui-test");
        try
        {
            var imgui = window.Invoke(_ => ImguiContext.Create(window.Window, "#version 410 core", iniPath: null));
            GlfwSystem.Invoke(() =>
            {
                imgui.AttachInput(); // the window's size reaches ImGui through this, as in the panel
                return 0;
            });
            return new ImguiWindow(window, imgui);
        }
        catch
        {
            window.Dispose();
            throw;
        }
    }

    /// <summary>
    /// One frame on the GL thread: BeginFrame, <paramref name="draw"/> (widget calls; returns what the test wants to
    /// know about the frame), Render into whatever framebuffer is bound. GL state is left to the caller.
    /// </summary>
    public T Frame<T>(Func<GL, T> draw) => Window.Invoke(gl =>
    {
        Imgui.BeginFrame();
        T seen = draw(gl);
        Imgui.Render();
        Assert.True(Imgui.Recoveries == 0, $"ImGui recovered from unbalanced calls: {Imgui.LastRecovery}");
        return seen;
    });

    /// <summary>Frames that draw nothing but the test window, e.g. to let ImGui settle which window is hovered.</summary>
    public void IdleFrames(int count)
    {
        for (int i = 0; i < count; i++)
        {
            Frame(_ =>
            {
                BeginTestWindow();
                Ui.End();
                return 0;
            });
        }
    }

    /// <summary>
    /// A borderless window filling the display at (0, 0), so the widgets sit at known window pixels. Call
    /// <see cref="Ui.End"/> after the widgets.
    /// </summary>
    public static void BeginTestWindow()
    {
        Ui.SetNextWindowPos(new(0, 0), Cond.Always);
        Ui.SetNextWindowSize(new(Width, Height), Cond.Always);
        Ui.Begin("test"u8, WindowFlags.NoTitleBar | WindowFlags.NoResize | WindowFlags.NoMove | WindowFlags.NoSavedSettings);
    }

    public void Dispose()
    {
        GlfwSystem.Invoke(() =>
        {
            Imgui.DetachInput();
            return 0;
        });
        Window.Invoke(_ => Imgui.Dispose()); // GL objects: on the GL thread, context current
        Window.Dispose();
    }
}
