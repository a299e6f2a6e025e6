using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace LiveGrade.Interop.Imgui;

/// <summary>ImGuiWindowFlags_ (imgui.h 1.86).</summary>
[Flags]
public enum WindowFlags
{
    None = 0,
    NoTitleBar = 1,
    NoResize = 2,
    NoMove = 4,
    NoScrollbar = 8,
    NoScrollWithMouse = 16,
    NoCollapse = 32,
    AlwaysAutoResize = 64,
    NoBackground = 128,
    NoSavedSettings = 256,
    HorizontalScrollbar = 2048,
    NoFocusOnAppearing = 4096,
    NoBringToFrontOnFocus = 8192,
}

/// <summary>ImGuiCond_: when SetNextWindowPos/Size apply.</summary>
public enum Cond
{
    Always = 1,
    FirstUseEver = 4,
    Appearing = 8,
}

/// <summary>ImGuiCol_ entries the panel styles (imgui.h 1.86 values).</summary>
public enum Col
{
    Text = 0, TextDisabled = 1, WindowBg = 2, ChildBg = 3, PopupBg = 4, Border = 5,
    FrameBg = 7, FrameBgHovered = 8, FrameBgActive = 9, TitleBg = 10, TitleBgActive = 11, TitleBgCollapsed = 12,
    ScrollbarBg = 14, ScrollbarGrab = 15, CheckMark = 18, SliderGrab = 19, SliderGrabActive = 20,
    Button = 21, ButtonHovered = 22, ButtonActive = 23, Header = 24, HeaderHovered = 25, HeaderActive = 26,
    Separator = 27, ResizeGrip = 30, Tab = 33, TabHovered = 34, TabActive = 35, TabUnfocused = 36,
    TabUnfocusedActive = 37, TableHeaderBg = 42, TableBorderStrong = 43, TableBorderLight = 44, TableRowBg = 45,
    TableRowBgAlt = 46, TextSelectedBg = 47, ModalWindowDimBg = 52,
}

/// <summary>ImGuiStyleVar_ entries (imgui.h 1.86 values); the shim knows which are two-component.</summary>
public enum StyleVar
{
    WindowPadding = 2, WindowRounding = 3, WindowBorderSize = 4, WindowTitleAlign = 6, ChildRounding = 7,
    PopupRounding = 9, FramePadding = 11, FrameRounding = 12, FrameBorderSize = 13, ItemSpacing = 14,
    ItemInnerSpacing = 15, CellPadding = 17, ScrollbarSize = 18, GrabMinSize = 20, GrabRounding = 21, TabRounding = 22,
}

/// <summary>ImGuiTableFlags_ the panel uses.</summary>
[Flags]
public enum TableFlags
{
    None = 0,
    Resizable = 1,
    NoSavedSettings = 16,
    RowBg = 64,
    BordersInnerV = 512,
    Borders = 1920,
    SizingFixedFit = 8192,
    SizingStretchProp = 24576,
    SizingStretchSame = 32768,
}

/// <summary>ImGuiTableColumnFlags_ the panel uses.</summary>
[Flags]
public enum ColumnFlags
{
    None = 0,
    WidthStretch = 8,
    WidthFixed = 16,
}

/// <summary>ImGuiInputTextFlags_ the panel uses.</summary>
[Flags]
public enum InputTextFlags
{
    None = 0,
    CharsDecimal = 1,
    AutoSelectAll = 16,
    EnterReturnsTrue = 32,
}

/// <summary>GLFW key codes (glfw3.h), which ImGui 1.86's GLFW backend uses as key indices.</summary>
public static class Keys
{
    public const int Space = 32, Apostrophe = 39, Minus = 45, Equal = 61, Semicolon = 59;
    public const int D0 = 48, D1 = 49, D9 = 57;
    public const int A = 65, B = 66, C = 67, F = 70, G = 71, H = 72, L = 76, P = 80, Q = 81, R = 82, S = 83, T = 84, V = 86, W = 87, Y = 89, Z = 90;
    public const int LeftBracket = 91, RightBracket = 93, GraveAccent = 96;
    public const int Escape = 256, Enter = 257, Tab = 258, Backspace = 259;
    public const int Right = 262, Left = 263, Down = 264, Up = 265, PageUp = 266, PageDown = 267, Home = 268;
    public const int F1 = 290, F12 = 301;
    public const int KeyPadEnter = 335;
    public const int LeftShift = 340, LeftControl = 341, LeftAlt = 342, LeftSuper = 343;
    public const int RightShift = 344, RightControl = 345, RightAlt = 346, RightSuper = 347;
}

/// <summary>
/// The panel's way to call Dear ImGui: thin wrappers over <see cref="ImguiNative"/> that take UTF-8 labels
/// (<c>"Reset"u8</c>, or <see cref="F"/> for formatted text) or strings, and pass them NUL-terminated from the
/// stack, so a frame allocates nothing. Call only on the panel's thread, between
/// <see cref="ImguiContext.BeginFrame"/> and <see cref="ImguiContext.Render"/>. Labels longer than 255 bytes are cut.
/// </summary>
[SkipLocalsInit]
public static unsafe class Ui
{
    private const int Cap = 256;
    private const int RingSlots = 8;
    private const int RingSlotBytes = 512;

    [ThreadStatic] private static byte[]? _ring;
    [ThreadStatic] private static int _ringNext;

    /// <summary>Packs a colour as ImGui's IM_COL32 (0xAABBGGRR) from 0..1 components.</summary>
    public static uint Rgba(float r, float g, float b, float a = 1f) =>
        (uint)(Math.Clamp(a, 0, 1) * 255f + 0.5f) << 24 | (uint)(Math.Clamp(b, 0, 1) * 255f + 0.5f) << 16
        | (uint)(Math.Clamp(g, 0, 1) * 255f + 0.5f) << 8 | (uint)(Math.Clamp(r, 0, 1) * 255f + 0.5f);

    /// <summary>Formats into one of a few rotating scratch buffers (valid until 8 more calls of F on this thread).</summary>
    public static ReadOnlySpan<byte> F(ref Utf8Text text) => text.Written;

    /// <summary>A string as UTF-8 in a scratch buffer (as <see cref="F"/>).</summary>
    public static ReadOnlySpan<byte> U8(string text)
    {
        var slot = NextSlot();
        Utf8.FromUtf16(text, slot, out _, out int written, replaceInvalidSequences: true, isFinalBlock: true);
        return slot[..written];
    }

    internal static Span<byte> NextSlot()
    {
        _ring ??= new byte[RingSlots * RingSlotBytes];
        var slot = _ring.AsSpan((_ringNext++ % RingSlots) * RingSlotBytes, RingSlotBytes);
        return slot;
    }

    private static byte* Z(ReadOnlySpan<byte> s, byte* buf)
    {
        int n = Math.Min(s.Length, Cap - 1);
        s[..n].CopyTo(new Span<byte>(buf, n));
        buf[n] = 0;
        return buf;
    }

    // ---- windows and layout ----

    /// <summary>Begins a window; call <see cref="End"/> whatever it returns.</summary>
    public static bool Begin(ReadOnlySpan<byte> name, WindowFlags flags = WindowFlags.None)
    {
        byte* b = stackalloc byte[Cap];
        return ImguiNative.LgImgui_Begin(Z(name, b), (int)flags) != 0;
    }

    public static void End() => ImguiNative.LgImgui_End();

    /// <summary>Begins a child region; call <see cref="EndChild"/> whatever it returns.</summary>
    public static bool BeginChild(ReadOnlySpan<byte> id, Vector2 size, bool border = false, WindowFlags flags = WindowFlags.None)
    {
        byte* b = stackalloc byte[Cap];
        return ImguiNative.LgImgui_BeginChild(Z(id, b), size.X, size.Y, border ? 1 : 0, (int)flags) != 0;
    }

    public static void EndChild() => ImguiNative.LgImgui_EndChild();
    public static void SetNextWindowPos(Vector2 pos, Cond cond) => ImguiNative.LgImgui_SetNextWindowPos(pos.X, pos.Y, (int)cond);
    public static void SetNextWindowSize(Vector2 size, Cond cond) => ImguiNative.LgImgui_SetNextWindowSize(size.X, size.Y, (int)cond);

    /// <summary>The current window's position and size.</summary>
    public static (Vector2 Pos, Vector2 Size) WindowRect()
    {
        ImguiNative.LgImgui_GetWindowRect(out float x, out float y, out float w, out float h);
        return (new(x, y), new(w, h));
    }

    public static Vector2 ContentRegionAvail()
    {
        ImguiNative.LgImgui_GetContentRegionAvail(out float w, out float h);
        return new(w, h);
    }

    public static Vector2 CursorScreenPos
    {
        get
        {
            ImguiNative.LgImgui_GetCursorScreenPos(out float x, out float y);
            return new(x, y);
        }
        set => ImguiNative.LgImgui_SetCursorScreenPos(value.X, value.Y);
    }

    public static void SameLine(float offsetFromStartX = 0, float spacing = -1) => ImguiNative.LgImgui_SameLine(offsetFromStartX, spacing);
    public static void Separator() => ImguiNative.LgImgui_Separator();
    public static void Spacing() => ImguiNative.LgImgui_Spacing();
    public static void Dummy(Vector2 size) => ImguiNative.LgImgui_Dummy(size.X, size.Y);
    public static void BeginGroup() => ImguiNative.LgImgui_BeginGroup();
    public static void EndGroup() => ImguiNative.LgImgui_EndGroup();

    public static void PushId(ReadOnlySpan<byte> id)
    {
        byte* b = stackalloc byte[Cap];
        ImguiNative.LgImgui_PushIdStr(Z(id, b));
    }

    public static void PushId(int id) => ImguiNative.LgImgui_PushIdInt(id);
    public static void PopId() => ImguiNative.LgImgui_PopId();
    public static void PushStyleColor(Col index, uint color) => ImguiNative.LgImgui_PushStyleColor((int)index, color);
    public static void PopStyleColor(int count = 1) => ImguiNative.LgImgui_PopStyleColor(count);
    public static void PushStyleVar(StyleVar var, float x, float y = 0) => ImguiNative.LgImgui_PushStyleVar((int)var, x, y);
    public static void PopStyleVar(int count = 1) => ImguiNative.LgImgui_PopStyleVar(count);
    public static void SetNextItemWidth(float width) => ImguiNative.LgImgui_SetNextItemWidth(width);
    public static float FrameHeight => ImguiNative.LgImgui_GetFrameHeight();
    public static float TextLineHeight => ImguiNative.LgImgui_GetTextLineHeight();

    // ---- style ----

    public static void StyleColorsDark() => ImguiNative.LgImgui_StyleColorsDark();
    public static void StyleSetColor(Col index, float r, float g, float b, float a = 1) => ImguiNative.LgImgui_StyleSetColor((int)index, r, g, b, a);
    public static void StyleSetVar(StyleVar var, float x, float y = 0) => ImguiNative.LgImgui_StyleSetVar((int)var, x, y);

    // ---- text ----

    public static void Text(ReadOnlySpan<byte> text)
    {
        fixed (byte* p = text)
        {
            ImguiNative.LgImgui_Text(p, p + text.Length);
        }
    }

    public static void TextColored(uint color, ReadOnlySpan<byte> text)
    {
        fixed (byte* p = text)
        {
            ImguiNative.LgImgui_TextColored(color, p, p + text.Length);
        }
    }

    public static Vector2 CalcTextSize(ReadOnlySpan<byte> text)
    {
        fixed (byte* p = text)
        {
            ImguiNative.LgImgui_CalcTextSize(p, p + text.Length, out float w, out float h);
            return new(w, h);
        }
    }

    public static void SetTooltip(ReadOnlySpan<byte> text)
    {
        byte* b = stackalloc byte[Cap];
        ImguiNative.LgImgui_SetTooltip(Z(text, b));
    }

    // ---- widgets ----

    public static bool Button(ReadOnlySpan<byte> label, Vector2 size = default)
    {
        byte* b = stackalloc byte[Cap];
        return ImguiNative.LgImgui_Button(Z(label, b), size.X, size.Y) != 0;
    }

    public static bool InvisibleButton(ReadOnlySpan<byte> id, Vector2 size)
    {
        byte* b = stackalloc byte[Cap];
        return ImguiNative.LgImgui_InvisibleButton(Z(id, b), size.X, size.Y, 1) != 0;
    }

    public static bool Checkbox(ReadOnlySpan<byte> label, ref bool value)
    {
        byte* b = stackalloc byte[Cap];
        int v = value ? 1 : 0;
        bool changed = ImguiNative.LgImgui_Checkbox(Z(label, b), &v) != 0;
        value = v != 0;
        return changed;
    }

    public static bool RadioButton(ReadOnlySpan<byte> label, bool active)
    {
        byte* b = stackalloc byte[Cap];
        return ImguiNative.LgImgui_RadioButton(Z(label, b), active ? 1 : 0) != 0;
    }

    public static bool Selectable(ReadOnlySpan<byte> label, bool selected, Vector2 size = default)
    {
        byte* b = stackalloc byte[Cap];
        return ImguiNative.LgImgui_Selectable(Z(label, b), selected ? 1 : 0, 0, size.X, size.Y) != 0;
    }

    /// <summary>A drag field: Shift drags 10x coarser, Alt 100x finer (ImGui 1.86), Ctrl+click (or double-click) types a value.</summary>
    public static bool DragFloat(ReadOnlySpan<byte> label, ref float value, float speed, float min, float max, ReadOnlySpan<byte> format)
    {
        byte* b = stackalloc byte[Cap];
        byte* f = stackalloc byte[32];
        float v = value;
        // AlwaysClamp: a typed value outside the range is clamped rather than passed on.
        bool changed = ImguiNative.LgImgui_DragFloat(Z(label, b), &v, speed, min, max, Z32(format, f), 16) != 0;
        value = v;
        return changed;
    }

    public static bool SliderFloat(ReadOnlySpan<byte> label, ref float value, float min, float max, ReadOnlySpan<byte> format)
    {
        byte* b = stackalloc byte[Cap];
        byte* f = stackalloc byte[32];
        float v = value;
        bool changed = ImguiNative.LgImgui_SliderFloat(Z(label, b), &v, min, max, Z32(format, f), 16) != 0;
        value = v;
        return changed;
    }

    private static byte* Z32(ReadOnlySpan<byte> s, byte* buf)
    {
        int n = Math.Min(s.Length, 31);
        s[..n].CopyTo(new Span<byte>(buf, n));
        buf[n] = 0;
        return buf;
    }

    /// <summary>Edits <paramref name="buffer"/> (NUL-terminated UTF-8) in place.</summary>
    public static bool InputText(ReadOnlySpan<byte> label, byte[] buffer, InputTextFlags flags = InputTextFlags.None)
    {
        byte* b = stackalloc byte[Cap];
        fixed (byte* p = buffer)
        {
            return ImguiNative.LgImgui_InputText(Z(label, b), p, buffer.Length, (int)flags) != 0;
        }
    }

    /// <summary>Begins a combo box; call <see cref="EndCombo"/> only when it returns true.</summary>
    public static bool BeginCombo(ReadOnlySpan<byte> label, ReadOnlySpan<byte> preview)
    {
        byte* b = stackalloc byte[Cap];
        byte* p = stackalloc byte[Cap];
        return ImguiNative.LgImgui_BeginCombo(Z(label, b), Z(preview, p), 8) != 0;
    }

    public static void EndCombo() => ImguiNative.LgImgui_EndCombo();

    public static bool BeginTabBar(ReadOnlySpan<byte> id)
    {
        byte* b = stackalloc byte[Cap];
        return ImguiNative.LgImgui_BeginTabBar(Z(id, b), 0) != 0;
    }

    public static void EndTabBar() => ImguiNative.LgImgui_EndTabBar();

    public static bool BeginTabItem(ReadOnlySpan<byte> label)
    {
        byte* b = stackalloc byte[Cap];
        return ImguiNative.LgImgui_BeginTabItem(Z(label, b), 0) != 0;
    }

    public static void EndTabItem() => ImguiNative.LgImgui_EndTabItem();

    public static void Image(uint glTexture, Vector2 size, Vector2 uv0, Vector2 uv1) =>
        ImguiNative.LgImgui_Image(glTexture, size.X, size.Y, uv0.X, uv0.Y, uv1.X, uv1.Y);

    // ---- tables ----

    /// <summary>Begins a table; call <see cref="EndTable"/> only when it returns true.</summary>
    public static bool BeginTable(ReadOnlySpan<byte> id, int columns, TableFlags flags, Vector2 size = default)
    {
        byte* b = stackalloc byte[Cap];
        return ImguiNative.LgImgui_BeginTable(Z(id, b), columns, (int)flags, size.X, size.Y) != 0;
    }

    public static void EndTable() => ImguiNative.LgImgui_EndTable();

    public static void TableSetupColumn(ReadOnlySpan<byte> label, ColumnFlags flags = ColumnFlags.None, float width = 0)
    {
        byte* b = stackalloc byte[Cap];
        ImguiNative.LgImgui_TableSetupColumn(Z(label, b), (int)flags, width);
    }

    public static void TableHeadersRow() => ImguiNative.LgImgui_TableHeadersRow();
    public static void TableNextRow(float minHeight = 0) => ImguiNative.LgImgui_TableNextRow(0, minHeight);
    public static bool TableNextColumn() => ImguiNative.LgImgui_TableNextColumn() != 0;

    /// <summary>Colours the current cell's background.</summary>
    public static void TableSetCellBg(uint color) => ImguiNative.LgImgui_TableSetBgColor(3, color, -1);

    // ---- popups ----

    public static void OpenPopup(ReadOnlySpan<byte> id)
    {
        byte* b = stackalloc byte[Cap];
        ImguiNative.LgImgui_OpenPopup(Z(id, b));
    }

    /// <summary>Begins a popup; call <see cref="EndPopup"/> only when it returns true.</summary>
    public static bool BeginPopup(ReadOnlySpan<byte> id)
    {
        byte* b = stackalloc byte[Cap];
        return ImguiNative.LgImgui_BeginPopup(Z(id, b), 0) != 0;
    }

    public static void EndPopup() => ImguiNative.LgImgui_EndPopup();
    public static void CloseCurrentPopup() => ImguiNative.LgImgui_CloseCurrentPopup();

    // ---- the last item, mouse and keys ----

    public static bool IsItemHovered() => ImguiNative.LgImgui_IsItemHovered() != 0;
    public static bool IsItemActive() => ImguiNative.LgImgui_IsItemActive() != 0;
    public static bool IsItemActivated() => ImguiNative.LgImgui_IsItemActivated() != 0;

    /// <summary>True on the frame an edit ends (release after a drag, Enter after typing).</summary>
    public static bool IsItemDeactivatedAfterEdit() => ImguiNative.LgImgui_IsItemDeactivatedAfterEdit() != 0;

    public static bool IsItemClicked(int button = 0) => ImguiNative.LgImgui_IsItemClicked(button) != 0;

    public static (Vector2 Min, Vector2 Max) ItemRect()
    {
        ImguiNative.LgImgui_GetItemRect(out float x0, out float y0, out float x1, out float y1);
        return (new(x0, y0), new(x1, y1));
    }

    public static bool IsMouseDoubleClicked(int button = 0) => ImguiNative.LgImgui_IsMouseDoubleClicked(button) != 0;
    public static void SetKeyboardFocusHere(int offset = 0) => ImguiNative.LgImgui_SetKeyboardFocusHere(offset);

    /// <summary>A key (GLFW code, see <see cref="Keys"/>) went down this frame (or repeats, with <paramref name="repeat"/>).</summary>
    public static bool IsKeyPressed(int glfwKey, bool repeat = false) => ImguiNative.LgImgui_IsKeyPressed(glfwKey, repeat ? 1 : 0) != 0;

    public static bool IsKeyDown(int glfwKey) => ImguiNative.LgImgui_IsKeyDown(glfwKey) != 0;

    // ---- drawing (screen coordinates) ----

    public static void DrawLine(Vector2 a, Vector2 b, uint color, float thickness = 1) => ImguiNative.LgImgui_DrawLine(a.X, a.Y, b.X, b.Y, color, thickness);
    public static void DrawRect(Vector2 min, Vector2 max, uint color, float rounding = 0, float thickness = 1) => ImguiNative.LgImgui_DrawRect(min.X, min.Y, max.X, max.Y, color, rounding, thickness);
    public static void DrawRectFilled(Vector2 min, Vector2 max, uint color, float rounding = 0) => ImguiNative.LgImgui_DrawRectFilled(min.X, min.Y, max.X, max.Y, color, rounding);
    public static void DrawCircle(Vector2 c, float radius, uint color, int segments = 0, float thickness = 1) => ImguiNative.LgImgui_DrawCircle(c.X, c.Y, radius, color, segments, thickness);
    public static void DrawCircleFilled(Vector2 c, float radius, uint color, int segments = 0) => ImguiNative.LgImgui_DrawCircleFilled(c.X, c.Y, radius, color, segments);

    public static void DrawTriangleGradient(Vector2 a, uint ca, Vector2 b, uint cb, Vector2 c, uint cc) =>
        ImguiNative.LgImgui_DrawTriangleGradient(a.X, a.Y, ca, b.X, b.Y, cb, c.X, c.Y, cc);

    public static void DrawText(Vector2 pos, uint color, ReadOnlySpan<byte> text)
    {
        fixed (byte* p = text)
        {
            ImguiNative.LgImgui_DrawText(pos.X, pos.Y, color, p, p + text.Length);
        }
    }

    public static void DrawImage(uint glTexture, Vector2 min, Vector2 max, Vector2 uv0, Vector2 uv1, uint tint = 0xFFFFFFFF) =>
        ImguiNative.LgImgui_DrawImage(glTexture, min.X, min.Y, max.X, max.Y, uv0.X, uv0.Y, uv1.X, uv1.Y, tint);

    public static void PushClipRect(Vector2 min, Vector2 max, bool intersect = true) => ImguiNative.LgImgui_PushClipRect(min.X, min.Y, max.X, max.Y, intersect ? 1 : 0);
    public static void PopClipRect() => ImguiNative.LgImgui_PopClipRect();
}

/// <summary>
/// Formats an interpolated string straight to UTF-8 in one of <see cref="Ui"/>'s scratch buffers (no string, no
/// allocation): <c>Ui.Text(Ui.F($"{fps:0.0} fps"))</c>. Text that does not fit (512 bytes) is cut.
/// </summary>
[InterpolatedStringHandler]
public ref struct Utf8Text
{
    private readonly Span<byte> _destination;
    private Utf8.TryWriteInterpolatedStringHandler _inner;

    public Utf8Text(int literalLength, int formattedCount, out bool shouldAppend)
    {
        _destination = Ui.NextSlot();
        _inner = new Utf8.TryWriteInterpolatedStringHandler(literalLength, formattedCount, _destination, out shouldAppend);
    }

    public bool AppendLiteral(string value) => _inner.AppendLiteral(value);
    public bool AppendFormatted<T>(T value) => _inner.AppendFormatted(value);
    public bool AppendFormatted<T>(T value, string? format) => _inner.AppendFormatted(value, format);
    public bool AppendFormatted<T>(T value, int alignment) => _inner.AppendFormatted(value, alignment);
    public bool AppendFormatted<T>(T value, int alignment, string? format) => _inner.AppendFormatted(value, alignment, format);
    public bool AppendFormatted(ReadOnlySpan<char> value) => _inner.AppendFormatted(value);
    public bool AppendFormatted(string? value) => _inner.AppendFormatted(value);

    /// <summary>What was written (all of it, or what fitted before the buffer ran out).</summary>
    public ReadOnlySpan<byte> Written
    {
        get
        {
            Utf8.TryWrite(_destination, ref _inner, out int n);
            return _destination[..n];
        }
    }
}
