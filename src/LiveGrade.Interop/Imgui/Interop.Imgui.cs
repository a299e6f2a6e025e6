using System.Runtime.InteropServices;

namespace LiveGrade.Interop.Imgui;

/// <summary>ImGui's IO as native/imgui/lg_imgui.h's LgImguiIo lays it out.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ImguiIo
{
    public float DisplayWidth, DisplayHeight;
    public float MouseX, MouseY;
    public float MouseDeltaX, MouseDeltaY;
    public float MouseWheel;
    public float DeltaTime;
    public float Framerate;
    public int KeyCtrl, KeyShift, KeyAlt, KeySuper;
    public int WantCaptureMouse, WantCaptureKeyboard, WantTextInput;
    public int MouseDown0, MouseDown1;
}

/// <summary>Counts of one rendered frame (LgImguiDrawStats).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ImguiDrawStats
{
    public int CommandLists, Vertices, Indices;
}

/// <summary>
/// P/Invoke declarations for native/imgui/lg_imgui.h, 1:1. Strings are passed as pointers to NUL-terminated
/// UTF-8 that the caller owns for the call (<see cref="Ui"/> makes them without allocating), so that a panel
/// frame of a few hundred calls costs no marshalling. Only context functions take the SafeHandle.
/// </summary>
internal static unsafe partial class ImguiNative
{
    private const string Lib = "lgimgui";

    public const int Ok = 0;

    [LibraryImport(Lib)] public static partial nint LgImgui_LastError();
    [LibraryImport(Lib)] public static partial nint LgImgui_Version();

    [LibraryImport(Lib)] public static partial int LgImgui_ContextCreate(nint glfwWindow, byte* glslVersion, byte* iniPath, out nint context);
    [LibraryImport(Lib)] public static partial void LgImgui_ContextDestroy(nint context);
    [LibraryImport(Lib)] public static partial void LgImgui_ContextMakeCurrent(ImguiContextHandle context);
    [LibraryImport(Lib)] public static partial int LgImgui_InputAttach(ImguiContextHandle context);
    [LibraryImport(Lib)] public static partial void LgImgui_InputDetach(ImguiContextHandle context);
    [LibraryImport(Lib)] public static partial int LgImgui_QueueKey(ImguiContextHandle context, int glfwKey, int down);
    [LibraryImport(Lib)] public static partial int LgImgui_QueueMouseButton(ImguiContextHandle context, int button, int down);
    [LibraryImport(Lib)] public static partial int LgImgui_QueueMouseMove(ImguiContextHandle context, float x, float y);
    [LibraryImport(Lib)] public static partial int LgImgui_QueueScroll(ImguiContextHandle context, float dx, float dy);
    [LibraryImport(Lib)] public static partial int LgImgui_QueueChar(ImguiContextHandle context, uint codepoint);
    [LibraryImport(Lib)] public static partial int LgImgui_AddFontFromFile(ImguiContextHandle context, byte* path, float sizePixels);
    [LibraryImport(Lib)] public static partial int LgImgui_SaveIni(ImguiContextHandle context);
    [LibraryImport(Lib)] public static partial int LgImgui_FrameBegin(ImguiContextHandle context);
    [LibraryImport(Lib)] public static partial int LgImgui_FrameRender(ImguiContextHandle context, out ImguiDrawStats stats);
    [LibraryImport(Lib)] public static partial void LgImgui_FrameDiscard(ImguiContextHandle context);
    [LibraryImport(Lib)] public static partial void LgImgui_GetIo(out ImguiIo io);

    [LibraryImport(Lib)] public static partial void LgImgui_StyleColorsDark();
    [LibraryImport(Lib)] public static partial int LgImgui_StyleSetColor(int index, float r, float g, float b, float a);
    [LibraryImport(Lib)] public static partial int LgImgui_StyleSetVar(int var, float x, float y);

    [LibraryImport(Lib)] public static partial int LgImgui_Begin(byte* name, int flags);
    [LibraryImport(Lib)] public static partial void LgImgui_End();
    [LibraryImport(Lib)] public static partial int LgImgui_BeginChild(byte* id, float width, float height, int border, int flags);
    [LibraryImport(Lib)] public static partial void LgImgui_EndChild();
    [LibraryImport(Lib)] public static partial void LgImgui_SetNextWindowPos(float x, float y, int cond);
    [LibraryImport(Lib)] public static partial void LgImgui_SetNextWindowSize(float width, float height, int cond);
    [LibraryImport(Lib)] public static partial void LgImgui_GetWindowRect(out float x, out float y, out float width, out float height);
    [LibraryImport(Lib)] public static partial void LgImgui_GetContentRegionAvail(out float width, out float height);
    [LibraryImport(Lib)] public static partial void LgImgui_GetCursorScreenPos(out float x, out float y);
    [LibraryImport(Lib)] public static partial void LgImgui_SetCursorScreenPos(float x, float y);
    [LibraryImport(Lib)] public static partial void LgImgui_SameLine(float offsetFromStartX, float spacing);
    [LibraryImport(Lib)] public static partial void LgImgui_Separator();
    [LibraryImport(Lib)] public static partial void LgImgui_Spacing();
    [LibraryImport(Lib)] public static partial void LgImgui_Dummy(float width, float height);
    [LibraryImport(Lib)] public static partial void LgImgui_BeginGroup();
    [LibraryImport(Lib)] public static partial void LgImgui_EndGroup();
    [LibraryImport(Lib)] public static partial void LgImgui_PushIdStr(byte* id);
    [LibraryImport(Lib)] public static partial void LgImgui_PushIdInt(int id);
    [LibraryImport(Lib)] public static partial void LgImgui_PopId();
    [LibraryImport(Lib)] public static partial void LgImgui_PushStyleColor(int index, uint color);
    [LibraryImport(Lib)] public static partial void LgImgui_PopStyleColor(int count);
    [LibraryImport(Lib)] public static partial void LgImgui_PushStyleVar(int var, float x, float y);
    [LibraryImport(Lib)] public static partial void LgImgui_PopStyleVar(int count);
    [LibraryImport(Lib)] public static partial void LgImgui_SetNextItemWidth(float width);
    [LibraryImport(Lib)] public static partial float LgImgui_GetFrameHeight();
    [LibraryImport(Lib)] public static partial float LgImgui_GetTextLineHeight();

    [LibraryImport(Lib)] public static partial void LgImgui_Text(byte* text, byte* textEnd);
    [LibraryImport(Lib)] public static partial void LgImgui_TextColored(uint color, byte* text, byte* textEnd);
    [LibraryImport(Lib)] public static partial void LgImgui_CalcTextSize(byte* text, byte* textEnd, out float width, out float height);
    [LibraryImport(Lib)] public static partial void LgImgui_SetTooltip(byte* text);

    [LibraryImport(Lib)] public static partial int LgImgui_Button(byte* label, float width, float height);
    [LibraryImport(Lib)] public static partial int LgImgui_InvisibleButton(byte* id, float width, float height, int flags);
    [LibraryImport(Lib)] public static partial int LgImgui_Checkbox(byte* label, int* value);
    [LibraryImport(Lib)] public static partial int LgImgui_RadioButton(byte* label, int active);
    [LibraryImport(Lib)] public static partial int LgImgui_Selectable(byte* label, int selected, int flags, float width, float height);
    [LibraryImport(Lib)] public static partial int LgImgui_DragFloat(byte* label, float* value, float speed, float min, float max, byte* format, int flags);
    [LibraryImport(Lib)] public static partial int LgImgui_SliderFloat(byte* label, float* value, float min, float max, byte* format, int flags);
    [LibraryImport(Lib)] public static partial int LgImgui_InputText(byte* label, byte* buffer, int bufferSize, int flags);
    [LibraryImport(Lib)] public static partial int LgImgui_BeginCombo(byte* label, byte* preview, int flags);
    [LibraryImport(Lib)] public static partial void LgImgui_EndCombo();
    [LibraryImport(Lib)] public static partial int LgImgui_BeginTabBar(byte* id, int flags);
    [LibraryImport(Lib)] public static partial void LgImgui_EndTabBar();
    [LibraryImport(Lib)] public static partial int LgImgui_BeginTabItem(byte* label, int flags);
    [LibraryImport(Lib)] public static partial void LgImgui_EndTabItem();
    [LibraryImport(Lib)] public static partial void LgImgui_Image(uint glTexture, float width, float height, float u0, float v0, float u1, float v1);

    [LibraryImport(Lib)] public static partial int LgImgui_BeginTable(byte* id, int columns, int flags, float width, float height);
    [LibraryImport(Lib)] public static partial void LgImgui_EndTable();
    [LibraryImport(Lib)] public static partial void LgImgui_TableSetupColumn(byte* label, int flags, float width);
    [LibraryImport(Lib)] public static partial void LgImgui_TableHeadersRow();
    [LibraryImport(Lib)] public static partial void LgImgui_TableNextRow(int flags, float minHeight);
    [LibraryImport(Lib)] public static partial int LgImgui_TableNextColumn();
    [LibraryImport(Lib)] public static partial void LgImgui_TableSetBgColor(int target, uint color, int column);

    [LibraryImport(Lib)] public static partial void LgImgui_OpenPopup(byte* id);
    [LibraryImport(Lib)] public static partial int LgImgui_BeginPopup(byte* id, int flags);
    [LibraryImport(Lib)] public static partial void LgImgui_EndPopup();
    [LibraryImport(Lib)] public static partial void LgImgui_CloseCurrentPopup();

    [LibraryImport(Lib)] public static partial int LgImgui_IsItemHovered();
    [LibraryImport(Lib)] public static partial int LgImgui_IsItemActive();
    [LibraryImport(Lib)] public static partial int LgImgui_IsItemActivated();
    [LibraryImport(Lib)] public static partial int LgImgui_IsItemDeactivatedAfterEdit();
    [LibraryImport(Lib)] public static partial int LgImgui_IsItemClicked(int button);
    [LibraryImport(Lib)] public static partial void LgImgui_GetItemRect(out float x0, out float y0, out float x1, out float y1);
    [LibraryImport(Lib)] public static partial int LgImgui_IsMouseDoubleClicked(int button);
    [LibraryImport(Lib)] public static partial void LgImgui_SetKeyboardFocusHere(int offset);

    [LibraryImport(Lib)] public static partial int LgImgui_IsKeyPressed(int glfwKey, int repeat);
    [LibraryImport(Lib)] public static partial int LgImgui_IsKeyDown(int glfwKey);

    [LibraryImport(Lib)] public static partial void LgImgui_DrawLine(float x0, float y0, float x1, float y1, uint color, float thickness);
    [LibraryImport(Lib)] public static partial void LgImgui_DrawRect(float x0, float y0, float x1, float y1, uint color, float rounding, float thickness);
    [LibraryImport(Lib)] public static partial void LgImgui_DrawRectFilled(float x0, float y0, float x1, float y1, uint color, float rounding);
    [LibraryImport(Lib)] public static partial void LgImgui_DrawCircle(float cx, float cy, float radius, uint color, int segments, float thickness);
    [LibraryImport(Lib)] public static partial void LgImgui_DrawCircleFilled(float cx, float cy, float radius, uint color, int segments);
    [LibraryImport(Lib)]
    public static partial void LgImgui_DrawTriangleGradient(float x0, float y0, uint c0, float x1, float y1, uint c1, float x2, float y2, uint c2);
    [LibraryImport(Lib)] public static partial void LgImgui_DrawText(float x, float y, uint color, byte* text, byte* textEnd);
    [LibraryImport(Lib)]
    public static partial void LgImgui_DrawImage(uint glTexture, float x0, float y0, float x1, float y1, float u0, float v0, float u1, float v1, uint tint);
    [LibraryImport(Lib)] public static partial void LgImgui_PushClipRect(float x0, float y0, float x1, float y1, int intersect);
    [LibraryImport(Lib)] public static partial void LgImgui_PopClipRect();

    /// <summary>The shim's thread-local message.</summary>
    public static string LastError() => Marshal.PtrToStringUTF8(LgImgui_LastError()) ?? "";
}

/// <summary>An error reported by the ImGui shim (one line).</summary>
public sealed class ImguiException(string message) : Exception(message);

/// <summary>
/// Owns an <c>LgImguiContext*</c>. The context holds GL objects, so it is destroyed by <see cref="ImguiContext.Dispose"/>
/// on its GL thread; a handle that reaches the finalizer on another thread is leaked rather than freed there
/// (freeing GL objects without their context current would be worse).
/// </summary>
public sealed class ImguiContextHandle() : SafeHandle(0, ownsHandle: true)
{
    internal int OwnerThread { get; set; }

    public override bool IsInvalid => handle == 0;

    internal void Adopt(nint context)
    {
        SetHandle(context);
        OwnerThread = Environment.CurrentManagedThreadId;
    }

    protected override bool ReleaseHandle()
    {
        if (Environment.CurrentManagedThreadId == OwnerThread) ImguiNative.LgImgui_ContextDestroy(handle);
        return true;
    }
}
