using System.Runtime.InteropServices;
using System.Text;

namespace LiveGrade.Interop.Imgui;

/// <summary>
/// One Dear ImGui context drawing into one GLFW window's GL context (native/imgui/lg_imgui.h). Thread affinity:
/// create, use and dispose it on the thread that has the window's GL context current, except
/// <see cref="AttachInput"/>/<see cref="DetachInput"/>, which belong to GLFW's window thread. A frame is
/// <see cref="BeginFrame"/>, widget calls through <see cref="Ui"/>, then <see cref="Render"/> (or
/// <see cref="Discard"/>). The window layout is loaded from and saved to the ini path given at creation.
/// </summary>
public sealed unsafe class ImguiContext : IDisposable
{
    private readonly ImguiContextHandle _handle;

    private ImguiContext(ImguiContextHandle handle, string? iniPath)
    {
        _handle = handle;
        IniPath = iniPath;
    }

    /// <summary>Dear ImGui's version, e.g. "1.86".</summary>
    public static string Version => Marshal.PtrToStringUTF8(ImguiNative.LgImgui_Version()) ?? "";

    /// <summary>Where the layout is remembered (null: not remembered).</summary>
    public string? IniPath { get; }

    /// <summary>Frames in which ImGui had to recover from unbalanced calls (a panel bug), and the last such message.</summary>
    public int Recoveries { get; private set; }

    public string? LastRecovery { get; private set; }

    /// <param name="glfwWindow">The GLFWwindow* whose GL 3.3+ context is current on this thread.</param>
    /// <param name="glslVersion">The backend shaders' version line, e.g. "#version 330 core".</param>
    /// <param name="iniPath">The layout file (its folder is created), or null for none.</param>
    public static ImguiContext Create(nint glfwWindow, string glslVersion, string? iniPath)
    {
        if (iniPath is not null) Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(iniPath))!);
        var glsl = Encoding.UTF8.GetBytes(glslVersion + "\0");
        var ini = iniPath is null ? null : Encoding.UTF8.GetBytes(Path.GetFullPath(iniPath) + "\0");
        var handle = new ImguiContextHandle();
        nint raw;
        int status;
        fixed (byte* g = glsl)
        fixed (byte* i = ini)
        {
            status = ImguiNative.LgImgui_ContextCreate(glfwWindow, g, i, out raw);
        }
        if (status != ImguiNative.Ok) throw new ImguiException($"ImGui: {ImguiNative.LastError()}");
        handle.Adopt(raw);
        return new ImguiContext(handle, iniPath is null ? null : Path.GetFullPath(iniPath));
    }

    /// <summary>Loads a TrueType font as the default (before the first frame).</summary>
    public void AddFont(string path, float sizePixels)
    {
        var p = Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* pp = p)
        {
            Check(ImguiNative.LgImgui_AddFontFromFile(_handle, pp, sizePixels), "font");
        }
    }

    /// <summary>
    /// Starts taking the window's mouse, keyboard and size events. Call on the thread that owns GLFW's windows and
    /// polls their events (LiveGrade.Gpu.Glfw.GlfwSystem): the callbacks it installs run there and queue events
    /// that <see cref="BeginFrame"/> applies on this context's own thread.
    /// </summary>
    public void AttachInput() => Check(ImguiNative.LgImgui_InputAttach(_handle), "input");

    /// <summary>Stops taking events (GLFW thread; before <see cref="Dispose"/>).</summary>
    public void DetachInput() => ImguiNative.LgImgui_InputDetach(_handle);

    public void MakeCurrent() => ImguiNative.LgImgui_ContextMakeCurrent(_handle);

    // ---- input from a source other than the window system (a remote panel, a control surface, tests) ----
    // Any thread. Each call queues one event behind the window's own (same queue, same order), and the next
    // BeginFrame applies it under the shim's rules (native/imgui/lg_imgui.h, "Input"): a second change of a
    // button or key, a key change after a key press, a button change after a move and a move after a button
    // change each wait a frame.
    // Throws ImguiException for a value out of range or when 4096 events are already waiting.

    /// <summary>Queues a key press (<paramref name="down"/>) or release; <paramref name="glfwKey"/> is a GLFW code 0..511 (<see cref="Keys"/>).</summary>
    public void QueueKey(int glfwKey, bool down) => Check(ImguiNative.LgImgui_QueueKey(_handle, glfwKey, down ? 1 : 0), "input");

    /// <summary>Queues a mouse button press or release (0 left, 1 right, 2 middle, 3..4 extra).</summary>
    public void QueueMouseButton(int button, bool down) => Check(ImguiNative.LgImgui_QueueMouseButton(_handle, button, down ? 1 : 0), "input");

    /// <summary>Queues a pointer move to (x, y) in window pixels, origin top left.</summary>
    public void QueueMouseMove(float x, float y) => Check(ImguiNative.LgImgui_QueueMouseMove(_handle, x, y), "input");

    /// <summary>Queues wheel offsets (one notch = 1; positive <paramref name="dy"/> scrolls up).</summary>
    public void QueueScroll(float dx, float dy) => Check(ImguiNative.LgImgui_QueueScroll(_handle, dx, dy), "input");

    /// <summary>Queues one typed character (a Unicode scalar value other than NUL) for the focused text field.</summary>
    public void QueueChar(int codepoint) => Check(ImguiNative.LgImgui_QueueChar(_handle, unchecked((uint)codepoint)), "input");

    /// <summary>Queues <paramref name="text"/> as typed characters, one per Unicode scalar value.</summary>
    public void QueueText(string text)
    {
        foreach (var rune in text.EnumerateRunes()) QueueChar(rune.Value);
    }

    public void BeginFrame() => Check(ImguiNative.LgImgui_FrameBegin(_handle), "new frame");

    /// <summary>Ends the frame and draws it into the bound framebuffer; the GL state it changes is restored.</summary>
    public ImguiDrawStats Render()
    {
        if (ImguiNative.LgImgui_FrameRender(_handle, out var stats) != ImguiNative.Ok)
        {
            // The frame was drawn; ImGui repaired unbalanced Begin/End or Push/Pop calls first.
            Recoveries++;
            LastRecovery = ImguiNative.LastError();
        }
        return stats;
    }

    /// <summary>Ends the frame without drawing.</summary>
    public void Discard() => ImguiNative.LgImgui_FrameDiscard(_handle);

    /// <summary>Writes the layout file now.</summary>
    public void SaveLayout() => Check(ImguiNative.LgImgui_SaveIni(_handle), "layout");

    /// <summary>What ImGui knows of the mouse, keys and window this frame.</summary>
    public static ImguiIo Io
    {
        get
        {
            ImguiNative.LgImgui_GetIo(out var io);
            return io;
        }
    }

    private static void Check(int status, string what)
    {
        if (status != ImguiNative.Ok) throw new ImguiException($"ImGui {what}: {ImguiNative.LastError()}");
    }

    /// <summary>Saves the layout and frees the context and its GL objects (on the owner thread, GL context current).</summary>
    public void Dispose() => _handle.Dispose();
}
