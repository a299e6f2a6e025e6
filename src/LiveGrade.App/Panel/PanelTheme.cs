using LiveGrade.Interop.Imgui;

namespace LiveGrade.App.Panel;

/// <summary>
/// The panel's look: dark neutral greys (a grading tent is dark, and a bright UI next to a monitor skews the eye's
/// adaptation), one amber accent for what is selected or active, red for tally and faults, green for signal.
/// Colours are packed for ImGui (0xAABBGGRR).
/// </summary>
public static class PanelTheme
{
    public static readonly uint Accent = Ui.Rgba(0.95f, 0.66f, 0.18f);
    public static readonly uint AccentDim = Ui.Rgba(0.95f, 0.66f, 0.18f, 0.35f);
    public static readonly uint Tally = Ui.Rgba(0.90f, 0.16f, 0.14f);
    public static readonly uint Good = Ui.Rgba(0.30f, 0.78f, 0.36f);
    public static readonly uint Warn = Ui.Rgba(0.95f, 0.75f, 0.20f);
    public static readonly uint Bad = Ui.Rgba(0.95f, 0.30f, 0.26f);
    public static readonly uint Dim = Ui.Rgba(0.55f, 0.56f, 0.58f);
    public static readonly uint Text = Ui.Rgba(0.86f, 0.87f, 0.88f);
    public static readonly uint Black = Ui.Rgba(0, 0, 0);
    public static readonly uint Shade = Ui.Rgba(0, 0, 0, 0.62f);
    public static readonly uint Red = Ui.Rgba(0.92f, 0.30f, 0.30f);
    public static readonly uint Green = Ui.Rgba(0.35f, 0.82f, 0.40f);
    public static readonly uint Blue = Ui.Rgba(0.38f, 0.56f, 0.98f);
    public static readonly uint Routed = Ui.Rgba(0.95f, 0.66f, 0.18f, 0.85f);
    public static readonly uint Cell = Ui.Rgba(0.16f, 0.17f, 0.18f);

    /// <summary>Sets ImGui's style (call once, after the context is created).</summary>
    public static void Apply()
    {
        Ui.StyleColorsDark();
        Ui.StyleSetColor(Col.Text, 0.86f, 0.87f, 0.88f);
        Ui.StyleSetColor(Col.TextDisabled, 0.45f, 0.46f, 0.48f);
        Ui.StyleSetColor(Col.WindowBg, 0.085f, 0.09f, 0.095f);
        Ui.StyleSetColor(Col.ChildBg, 0.07f, 0.075f, 0.08f);
        Ui.StyleSetColor(Col.PopupBg, 0.10f, 0.105f, 0.11f, 0.98f);
        Ui.StyleSetColor(Col.Border, 0.20f, 0.21f, 0.22f);
        Ui.StyleSetColor(Col.FrameBg, 0.15f, 0.155f, 0.165f);
        Ui.StyleSetColor(Col.FrameBgHovered, 0.21f, 0.22f, 0.23f);
        Ui.StyleSetColor(Col.FrameBgActive, 0.30f, 0.24f, 0.12f);
        Ui.StyleSetColor(Col.TitleBg, 0.06f, 0.065f, 0.07f);
        Ui.StyleSetColor(Col.TitleBgActive, 0.11f, 0.115f, 0.12f);
        Ui.StyleSetColor(Col.TitleBgCollapsed, 0.06f, 0.065f, 0.07f);
        Ui.StyleSetColor(Col.ScrollbarBg, 0.07f, 0.075f, 0.08f);
        Ui.StyleSetColor(Col.ScrollbarGrab, 0.24f, 0.25f, 0.26f);
        Ui.StyleSetColor(Col.CheckMark, 0.95f, 0.66f, 0.18f);
        Ui.StyleSetColor(Col.SliderGrab, 0.95f, 0.66f, 0.18f, 0.8f);
        Ui.StyleSetColor(Col.SliderGrabActive, 1f, 0.75f, 0.25f);
        Ui.StyleSetColor(Col.Button, 0.18f, 0.185f, 0.195f);
        Ui.StyleSetColor(Col.ButtonHovered, 0.26f, 0.27f, 0.28f);
        Ui.StyleSetColor(Col.ButtonActive, 0.52f, 0.37f, 0.12f);
        Ui.StyleSetColor(Col.Header, 0.95f, 0.66f, 0.18f, 0.28f);
        Ui.StyleSetColor(Col.HeaderHovered, 0.95f, 0.66f, 0.18f, 0.40f);
        Ui.StyleSetColor(Col.HeaderActive, 0.95f, 0.66f, 0.18f, 0.55f);
        Ui.StyleSetColor(Col.Separator, 0.20f, 0.21f, 0.22f);
        Ui.StyleSetColor(Col.ResizeGrip, 0.25f, 0.26f, 0.27f, 0.5f);
        Ui.StyleSetColor(Col.Tab, 0.13f, 0.135f, 0.14f);
        Ui.StyleSetColor(Col.TabHovered, 0.30f, 0.24f, 0.12f);
        Ui.StyleSetColor(Col.TabActive, 0.36f, 0.27f, 0.11f);
        Ui.StyleSetColor(Col.TableHeaderBg, 0.12f, 0.125f, 0.13f);
        Ui.StyleSetColor(Col.TableBorderStrong, 0.22f, 0.23f, 0.24f);
        Ui.StyleSetColor(Col.TableBorderLight, 0.17f, 0.18f, 0.19f);
        Ui.StyleSetColor(Col.TableRowBg, 0, 0, 0, 0);
        Ui.StyleSetColor(Col.TableRowBgAlt, 1, 1, 1, 0.025f);
        Ui.StyleSetColor(Col.TextSelectedBg, 0.95f, 0.66f, 0.18f, 0.35f);
        Ui.StyleSetVar(StyleVar.WindowRounding, 3);
        Ui.StyleSetVar(StyleVar.ChildRounding, 3);
        Ui.StyleSetVar(StyleVar.FrameRounding, 3);
        Ui.StyleSetVar(StyleVar.PopupRounding, 3);
        Ui.StyleSetVar(StyleVar.GrabRounding, 2);
        Ui.StyleSetVar(StyleVar.TabRounding, 3);
        Ui.StyleSetVar(StyleVar.WindowBorderSize, 1);
        Ui.StyleSetVar(StyleVar.FrameBorderSize, 0);
        Ui.StyleSetVar(StyleVar.WindowPadding, 10, 8);
        Ui.StyleSetVar(StyleVar.FramePadding, 8, 5);
        Ui.StyleSetVar(StyleVar.ItemSpacing, 8, 6);
        Ui.StyleSetVar(StyleVar.CellPadding, 6, 4);
        Ui.StyleSetVar(StyleVar.WindowTitleAlign, 0, 0.5f);
        Ui.StyleSetVar(StyleVar.ScrollbarSize, 12);
        Ui.StyleSetVar(StyleVar.GrabMinSize, 10);
    }
}
