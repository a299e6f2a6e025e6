using System.Numerics;
using System.Runtime.CompilerServices;
using LiveGrade.Engine;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Show;
using LiveGrade.Interop.Imgui;

namespace LiveGrade.App.Panel;

/// <summary>
/// What the DIT's panel draws and does, one ImGui frame at a time (panel thread only): the camera strip, the
/// grade, the monitor with scopes, the looks, the router and the outputs. It reads the engine's state once per
/// frame (an immutable value) and changes it only through commands on the control bus, like every other client,
/// via <see cref="PanelCommandQueue"/> so that the journal's disk write never stalls a frame.
/// </summary>
public sealed class DitPanel
{
    private const float StripHeight = 172;
    private readonly LiveEngine _engine;
    private readonly ShowFile _show;
    private readonly PanelCommandQueue _commands;
    private readonly PanelPreview _preview;
    private readonly PanelLooks _looks;
    private readonly Func<int, PanelTexture> _thumb;
    private readonly Func<PanelTexture> _monitor;
    private readonly Func<PanelScopeKind, PanelTexture?> _scope;
    private readonly PanelProbe? _probe;
    private readonly PanelFrameClock _clock;
    private readonly string[] _lutChoices;
    private readonly byte[] _labelEdit = new byte[65];
    private string? _labelTarget, _labelName;
    private int _selected;
    private long _gesture;
    private string? _dragGesture;
    private CdlValues? _clipboard;
    private CdlValues? _lookA, _lookB;
    private bool _showingB;
    private bool _coarse;
    private bool _help;
    private bool _wipe;
    private IReadOnlyList<OutputStats> _stats = [];
    private long _statsAt;

    public DitPanel(LiveEngine engine, ShowFile show, PanelCommandQueue commands, PanelPreview preview, PanelLooks looks,
        Func<int, PanelTexture> thumb, Func<PanelTexture> monitor, Func<PanelScopeKind, PanelTexture?> scope, PanelFrameClock clock, PanelProbe? probe)
    {
        _engine = engine;
        _show = show;
        _commands = commands;
        _preview = preview;
        _looks = looks;
        _thumb = thumb;
        _monitor = monitor;
        _scope = scope;
        _clock = clock;
        _probe = probe;
        _lutChoices = LutChoices(show);
    }

    /// <summary>Index of the camera the grade, monitor and looks work on.</summary>
    public int Selected => _selected;

    /// <summary>Set by the quit shortcut (Ctrl+Q); the host closes the panel.</summary>
    public bool QuitRequested { get; private set; }

    /// <summary>Set by F12; the host saves a screenshot after the frame and clears it.</summary>
    public bool ScreenshotRequested { get; set; }

    /// <summary>Draws one frame of the panel (between BeginFrame and Render).</summary>
    public void Draw()
    {
        var state = _engine.Bus.State;
        if (_selected >= state.Cameras.Length) _selected = 0;
        var io = ImguiContext.Io;
        RefreshStats();
        Shortcuts(state, io);
        float w = io.DisplayWidth, h = io.DisplayHeight;
        const float Gap = 6, Status = 30;
        float bodyTop = StripHeight + 2 * Gap, bodyHeight = h - bodyTop - Status - Gap;
        float leftW = MathF.Round(w * 0.245f), rightW = MathF.Round(w * 0.35f), midW = w - leftW - rightW - 4 * Gap;
        float monitorH = MathF.Round(bodyHeight * 0.64f), routerH = MathF.Round(bodyHeight * 0.48f);

        Place(new(Gap, Gap), new(w - 2 * Gap, StripHeight));
        CameraStrip(state);
        Place(new(Gap, bodyTop), new(leftW, bodyHeight));
        Grade(state, io);
        Place(new(leftW + 2 * Gap, bodyTop), new(midW, monitorH));
        MonitorView(state);
        Place(new(leftW + 2 * Gap, bodyTop + monitorH + Gap), new(midW, bodyHeight - monitorH - Gap));
        Looks(state);
        Place(new(leftW + midW + 3 * Gap, bodyTop), new(rightW, routerH));
        Router(state);
        Place(new(leftW + midW + 3 * Gap, bodyTop + routerH + Gap), new(rightW, bodyHeight - routerH - Gap));
        Outputs(state);
        StatusBar(w, h, Status);
        if (_help) Help(w, h);
        _probe?.Note("selected", state.Cameras[_selected].Name);
        // The selected camera's master slope as the bus has applied it (tests wait on it, not on the panel's echo).
        _probe?.Note("slope", state.Cameras[_selected].Cdl.Slope.R.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture));
        _probe?.FrameDone();
    }

    private static void Place(Vector2 pos, Vector2 size)
    {
        Ui.SetNextWindowPos(pos, Cond.FirstUseEver);
        Ui.SetNextWindowSize(size, Cond.FirstUseEver);
    }

    private void Mark(string name)
    {
        if (_probe is null) return;
        var (min, max) = Ui.ItemRect();
        _probe.Set(name, min, max);
    }

    /// <summary>As <see cref="Mark(string)"/>, for a formatted name: formatted only while a probe is attached.</summary>
    private void Mark([InterpolatedStringHandlerArgument("")] ref ProbeName name)
    {
        if (_probe is null) return;
        var (min, max) = Ui.ItemRect();
        _probe.Set(name.ToStringAndClear(), min, max);
    }

    /// <summary>Builds a probe name only when the panel has a probe, so a normal frame formats nothing.</summary>
    [InterpolatedStringHandler]
    public ref struct ProbeName
    {
        private DefaultInterpolatedStringHandler _inner;

        public ProbeName(int literalLength, int formattedCount, DitPanel panel, out bool enabled)
        {
            enabled = panel._probe is not null;
            _inner = enabled ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
        }

        public void AppendLiteral(string value) => _inner.AppendLiteral(value);
        public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);
        public string ToStringAndClear() => _inner.ToStringAndClear();
    }

    private void MarkRect(string name, Vector2 min, Vector2 max) => _probe?.Set(name, min, max);

    /// <summary>A checkbox that points every scope inset of an output at one tap (ticked) or back at the output's picture.</summary>
    private void TapToggle(string output, ScopeInsets scopes, ReadOnlySpan<byte> label, InsetTap tap)
    {
        bool on = scopes.TopLeftTap == tap || scopes.TopRightTap == tap || scopes.BottomLeftTap == tap || scopes.BottomRightTap == tap;
        Ui.SameLine();
        if (!Ui.Checkbox(label, ref on)) return;
        string? name = on ? OverlayRules.TapNames[(int)tap] : null;
        Send(new SetOverlays(output, Scopes: OverlayRules.ToDefinition(scopes) with
        {
            Taps = new ScopeTapsDefinition { TopLeft = name, TopRight = name, BottomLeft = name, BottomRight = name },
        }));
    }

    private void Send(ControlCommand command)
    {
        _commands.Enqueue(command);
        // Until the bus has taken it, the panel shows (and builds on) what it sent, not the older state:
        // otherwise a drag faster than the journal would lose the movement of the frames in between.
        _sentCdl = command is SetCdl set ? (set.Camera, set.Cdl) : command is UndoCdl or RedoCdl ? null : _sentCdl;
    }

    private (string Camera, CdlValues Cdl)? _sentCdl;

    /// <summary>The camera's grade as the panel should show it: what it last sent while that is still queued.</summary>
    private CameraState Current(CameraState cam) =>
        _sentCdl is { } sent && sent.Camera == cam.Name && _commands.Pending > 0 ? cam with { Cdl = sent.Cdl } : cam;

    private void RefreshStats()
    {
        // The stats build lists; four times a second is plenty for counters a person reads.
        long now = Environment.TickCount64;
        if (now - _statsAt < 250) return;
        _statsAt = now;
        _stats = _engine.Outputs();
    }

    // ---- keyboard ----

    private void Shortcuts(EngineState state, ImguiIo io)
    {
        if (Ui.IsKeyPressed(Keys.F1)) _help = !_help;
        if (Ui.IsKeyPressed(Keys.F12)) ScreenshotRequested = true;
        if (io.KeyCtrl != 0 && Ui.IsKeyPressed(Keys.Q)) QuitRequested = true;
        if (io.WantTextInput != 0) return; // typing a name: letters are text, not commands
        bool ctrl = io.KeyCtrl != 0, shift = io.KeyShift != 0;
        var cam = Current(state.Cameras[_selected]);
        if (ctrl && Ui.IsKeyPressed(Keys.Z)) Send(shift ? new RedoCdl(cam.Name) : new UndoCdl(cam.Name));
        if (ctrl && Ui.IsKeyPressed(Keys.Y)) Send(new RedoCdl(cam.Name));
        if (ctrl && Ui.IsKeyPressed(Keys.C)) _clipboard = cam.Cdl;
        if (ctrl && Ui.IsKeyPressed(Keys.V) && _clipboard is { } pasted) Send(new SetCdl(cam.Name, pasted));
        if (ctrl && Ui.IsKeyPressed(Keys.R)) Send(new SetCdl(cam.Name, CdlValues.Identity));
        if (ctrl && Ui.IsKeyPressed(Keys.S)) _looks.Save(cam, _show.WorkingSpace);
        if (ctrl) return;
        for (int k = 0; k < Math.Min(9, state.Cameras.Length); k++)
        {
            if (Ui.IsKeyPressed(Keys.D1 + k)) Select(k);
        }
        if (Ui.IsKeyPressed(Keys.GraveAccent)) ToggleAb(cam);
        if (Ui.IsKeyPressed(Keys.W)) _preview.Toggle(PanelScopeKind.Waveform);
        if (Ui.IsKeyPressed(Keys.P)) _preview.Toggle(PanelScopeKind.Parade);
        if (Ui.IsKeyPressed(Keys.V)) _preview.Toggle(PanelScopeKind.Vectorscope);
        if (Ui.IsKeyPressed(Keys.H)) _preview.Toggle(PanelScopeKind.Histogram);
        if (Ui.IsKeyPressed(Keys.F)) _preview.FalseColor = !_preview.FalseColor;
        if (Ui.IsKeyPressed(Keys.Z)) _preview.Zebras = !_preview.Zebras;
        if (Ui.IsKeyPressed(Keys.G)) _preview.FrameLines = !_preview.FrameLines;
        if (Ui.IsKeyPressed(Keys.C)) _preview.SetMonitor(_selected, _preview.MonitorView == "clean" ? "graded" : "clean");
        if (Ui.IsKeyPressed(Keys.S)) _wipe = !_wipe;
        // Nudges (fine; Shift: coarse): Up/Down offset, Right/Left slope, PageUp/PageDown saturation.
        float step = shift || _coarse ? 10 : 1;
        Nudge(cam, Keys.Up, Keys.Down, 0.001 * step, static (c, d) => c with { Offset = new(c.Offset.R + d, c.Offset.G + d, c.Offset.B + d) });
        Nudge(cam, Keys.Right, Keys.Left, 0.005 * step, static (c, d) => c with { Slope = new(Math.Max(0, c.Slope.R + d), Math.Max(0, c.Slope.G + d), Math.Max(0, c.Slope.B + d)) });
        Nudge(cam, Keys.PageUp, Keys.PageDown, 0.01 * step, static (c, d) => c with { Sat = Math.Max(0, c.Sat + d) });
    }

    private void Nudge(CameraState cam, int up, int down, double delta, Func<CdlValues, double, CdlValues> apply)
    {
        bool upNow = Ui.IsKeyPressed(up, repeat: true), downNow = Ui.IsKeyPressed(down, repeat: true);
        if (!upNow && !downNow) return;
        // A held key is one gesture (one undo step); a fresh press starts another.
        if (Ui.IsKeyPressed(up) || Ui.IsKeyPressed(down)) _gesture++;
        Send(new SetCdl(cam.Name, apply(cam.Cdl, upNow ? delta : -delta), $"key-{_gesture}"));
    }

    private void Select(int camera)
    {
        _selected = camera;
        _preview.SetMonitor(camera, _preview.MonitorView);
        _looks.Camera = _engine.Bus.State.Cameras[camera].Name;
    }

    private void ToggleAb(CameraState cam)
    {
        if (_lookA is null || _lookB is null) return;
        _showingB = !_showingB;
        Send(new SetCdl(cam.Name, _showingB ? _lookB : _lookA));
    }

    // ---- camera strip ----

    private void CameraStrip(EngineState state)
    {
        Ui.Begin("Cameras"u8, WindowFlags.NoScrollbar | WindowFlags.NoCollapse);
        float thumbH = StripHeight - 62, thumbW = thumbH * _engine.Mode.Width / _engine.Mode.Height;
        for (int c = 0; c < state.Cameras.Length; c++)
        {
            if (c > 0) Ui.SameLine(0, 12);
            var cam = state.Cameras[c];
            var slot = _engine.InputSlots[c];
            var tex = _thumb(c);
            Ui.BeginGroup();
            var p = Ui.CursorScreenPos;
            Ui.PushId(c);
            if (Ui.InvisibleButton("thumb"u8, new(thumbW, thumbH))) Select(c);
            Mark($"camera.{cam.Name}");
            Ui.PopId();
            var max = p + new Vector2(thumbW, thumbH);
            Ui.DrawRectFilled(p, max, PanelTheme.Black);
            if (tex.HasPicture && !slot.IsNoSignal) Ui.DrawImage(tex.Name, p, max, Vector2.Zero, Vector2.One);
            else Ui.DrawText(p + new Vector2(thumbW / 2 - 42, thumbH / 2 - 8), PanelTheme.Bad, "NO SIGNAL"u8);
            bool onAir = OnAir(state, cam.Name);
            if (onAir) Ui.DrawRect(p - new Vector2(2, 2), max + new Vector2(2, 2), PanelTheme.Tally, 2, 3);
            if (c == _selected) Ui.DrawRect(p - new Vector2(5, 5), max + new Vector2(5, 5), PanelTheme.Accent, 3, 2);
            Ui.DrawRectFilled(p, new(max.X, p.Y + 22), PanelTheme.Shade);
            Ui.DrawText(p + new Vector2(6, 3), PanelTheme.Text, Ui.F($"{c + 1}  {cam.Label}"));
            if (onAir) Ui.DrawText(new(max.X - 52, p.Y + 3), PanelTheme.Tally, "● AIR"u8);
            var tc = slot.LastTimecode;
            Ui.TextColored(slot.IsNoSignal ? PanelTheme.Bad : PanelTheme.Good, slot.IsNoSignal ? "● no signal"u8 : "● signal"u8);
            Ui.SameLine();
            Ui.TextColored(PanelTheme.Dim, tc is { } t ? Ui.F($"TC {t}") : "TC --:--:--:--"u8);
            Ui.TextColored(PanelTheme.Dim, Ui.F($"{slot.Camera.Name}"));
            Ui.EndGroup();
        }
        Ui.End();
    }

    private static bool OnAir(EngineState state, string camera)
    {
        foreach (var o in state.Outputs)
        {
            if (string.Equals(o.Route, camera, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    // ---- grade ----

    private void Grade(EngineState state, ImguiIo io)
    {
        var cam = Current(state.Cameras[_selected]);
        Ui.Begin("Grade"u8, WindowFlags.NoCollapse);
        Ui.TextColored(PanelTheme.Accent, Ui.F($"{cam.Label}"));
        Ui.SameLine();
        Ui.TextColored(PanelTheme.Dim, Ui.F($"ASC CDL in {_show.WorkingSpace}"));
        Ui.Spacing();
        if (Ui.Button("Undo"u8)) Send(new UndoCdl(cam.Name));
        Mark("grade.undo");
        Ui.SameLine();
        if (Ui.Button("Redo"u8)) Send(new RedoCdl(cam.Name));
        Mark("grade.redo");
        Ui.SameLine();
        if (Ui.Button("Reset"u8)) Send(new SetCdl(cam.Name, CdlValues.Identity));
        Mark("grade.reset");
        Ui.SameLine();
        if (Ui.Button("Copy"u8)) _clipboard = cam.Cdl;
        Mark("grade.copy");
        Ui.SameLine();
        if (Ui.Button("Paste"u8) && _clipboard is { } pasted) Send(new SetCdl(cam.Name, pasted));
        Mark("grade.paste");
        Ui.Spacing();
        if (Ui.Button(_lookA is null ? "Store A"u8 : "A ✓"u8)) _lookA = cam.Cdl;
        Mark("grade.storeA");
        Ui.SameLine();
        if (Ui.Button(_lookB is null ? "Store B"u8 : "B ✓"u8)) _lookB = cam.Cdl;
        Mark("grade.storeB");
        Ui.SameLine();
        if (Ui.Button(_showingB ? "Showing B  (`)"u8 : "Showing A  (`)"u8)) ToggleAb(cam);
        Mark("grade.ab");
        if (Ui.RadioButton("fine"u8, !_coarse)) _coarse = false;
        Ui.SameLine();
        if (Ui.RadioButton("coarse"u8, _coarse)) _coarse = true;
        Mark("grade.coarse");
        Ui.Separator();
        var cdl = cam.Cdl;
        float scale = _coarse ? 10 : 1;
        if (Ui.BeginTable("cdl"u8, 5, TableFlags.SizingStretchSame | TableFlags.RowBg))
        {
            Ui.TableSetupColumn(""u8, ColumnFlags.WidthFixed, 52);
            Ui.TableSetupColumn("Master"u8);
            Ui.TableSetupColumn("Red"u8);
            Ui.TableSetupColumn("Green"u8);
            Ui.TableSetupColumn("Blue"u8);
            Ui.TableHeadersRow();
            cdl = Row(cam, cdl, "slope", 0, 0.002f * scale, 0, 4);
            cdl = Row(cam, cdl, "offset", 1, 0.0005f * scale, -0.5f, 0.5f);
            cdl = Row(cam, cdl, "power", 2, 0.002f * scale, 0.2f, 4);
            Ui.EndTable();
        }
        float sat = (float)cdl.Sat;
        Ui.SetNextItemWidth(-70);
        bool satChanged = Ui.DragFloat("saturation"u8, ref sat, 0.002f * scale, 0, 4, "%.3f"u8);
        Edited(cam, satChanged ? cdl with { Sat = sat } : null);
        Mark("grade.sat");
        Ui.Spacing();
        Wheels(cam, io);
        Ui.TextColored(PanelTheme.Dim, "drag: Shift ×10 · Alt ÷100 · Ctrl+click types"u8);
        Ui.TextColored(PanelTheme.Dim, "keys: ↑↓ offset · ←→ slope · PgUp/PgDn sat"u8);
        Ui.End();
    }

    /// <summary>One row of the CDL table: master (all channels together) and R, G, B drag fields.</summary>
    private CdlValues Row(CameraState cam, CdlValues cdl, string what, int part, float speed, float min, float max)
    {
        var v = part switch { 0 => cdl.Slope, 1 => cdl.Offset, _ => cdl.Power };
        Ui.TableNextRow();
        Ui.TableNextColumn();
        Ui.Text(Ui.U8(what));
        Ui.PushId(part);
        float master = (float)((v.R + v.G + v.B) / 3);
        Ui.TableNextColumn();
        Ui.SetNextItemWidth(-1);
        bool changed = Ui.DragFloat("##m"u8, ref master, speed, min, max, "%.4f"u8);
        double d = master - (v.R + v.G + v.B) / 3;
        cdl = Edited(cam, changed ? With(cdl, part, new Rgb(Math.Clamp(v.R + d, min, max), Math.Clamp(v.G + d, min, max), Math.Clamp(v.B + d, min, max))) : null) ?? cdl;
        Mark($"grade.{what}.master");
        v = part switch { 0 => cdl.Slope, 1 => cdl.Offset, _ => cdl.Power };
        for (int ch = 0; ch < 3; ch++)
        {
            Ui.TableNextColumn();
            Ui.SetNextItemWidth(-1);
            float x = (float)v[ch];
            Ui.PushStyleColor(Col.FrameBg, ch switch { 0 => Ui.Rgba(0.30f, 0.12f, 0.12f), 1 => Ui.Rgba(0.12f, 0.26f, 0.13f), _ => Ui.Rgba(0.12f, 0.16f, 0.32f) });
            Ui.PushId(ch + 10);
            changed = Ui.DragFloat("##c"u8, ref x, speed, min, max, "%.4f"u8);
            cdl = Edited(cam, changed ? With(cdl, part, ch switch { 0 => v with { R = x }, 1 => v with { G = x }, _ => v with { B = x } }) : null) ?? cdl;
            Ui.PopId();
            Ui.PopStyleColor();
            Mark($"grade.{what}.{"rgb"[ch]}");
        }
        Ui.PopId();
        return cdl;
    }

    private static CdlValues With(CdlValues c, int part, Rgb v) =>
        part switch { 0 => c with { Slope = v }, 1 => c with { Offset = v }, _ => c with { Power = v } };

    /// <summary>
    /// Call right after a field: sends its new value when it changed. Every value of one drag carries the same
    /// gesture id, so the engine keeps one undo step per drag, as a person thinks of it; a typed value is its own step.
    /// Returns the value sent, or null.
    /// </summary>
    private CdlValues? Edited(CameraState cam, CdlValues? value)
    {
        if (Ui.IsItemActivated()) _dragGesture = $"drag-{++_gesture}";
        if (value is null) return null;
        Send(new SetCdl(cam.Name, value, Ui.IsItemActive() ? _dragGesture : null));
        return value;
    }

    /// <summary>Offset as a colour wheel (the DIT's "lift/print" wheel): drag the dot to shift the balance.</summary>
    private void Wheels(CameraState cam, ImguiIo io)
    {
        const float R = 58;
        var origin = Ui.CursorScreenPos;
        var centre = origin + new Vector2(R + 4, R + 4);
        Ui.InvisibleButton("offsetWheel"u8, new(2 * R + 8, 2 * R + 8));
        Mark("grade.wheel");
        bool active = Ui.IsItemActive();
        if (Ui.IsItemActivated()) _dragGesture = $"wheel-{++_gesture}";
        // A hue ring from triangles, each vertex its hue at 40% saturation so the wheel reads but does not glare.
        const int Segments = 48;
        for (int i = 0; i < Segments; i++)
        {
            float a0 = i * MathF.Tau / Segments, a1 = (i + 1) * MathF.Tau / Segments;
            var p0 = centre + R * new Vector2(MathF.Cos(a0), -MathF.Sin(a0));
            var p1 = centre + R * new Vector2(MathF.Cos(a1), -MathF.Sin(a1));
            Ui.DrawTriangleGradient(centre, Ui.Rgba(0.18f, 0.18f, 0.19f), p0, Hue(a0), p1, Hue(a1));
        }
        Ui.DrawCircle(centre, R, PanelTheme.Dim, Segments, 1);
        Ui.DrawLine(centre - new Vector2(R, 0), centre + new Vector2(R, 0), Ui.Rgba(1, 1, 1, 0.12f));
        Ui.DrawLine(centre - new Vector2(0, R), centre + new Vector2(0, R), Ui.Rgba(1, 1, 1, 0.12f));
        // The offset's chroma (R-Y, B-Y style projection onto the wheel), 0.05 of offset at the rim.
        var o = cam.Cdl.Offset;
        double mean = (o.R + o.G + o.B) / 3;
        var chroma = new Vector2((float)((o.R - mean) - (o.B - mean) * 0.5 - (o.G - mean) * 0.5), (float)((o.G - mean) - (o.B - mean)) * 0.866f);
        const float RimOffset = 0.05f;
        var dot = centre + new Vector2(chroma.X, -chroma.Y) / RimOffset * R;
        Ui.DrawCircleFilled(dot, 5, PanelTheme.Accent);
        Ui.DrawCircle(dot, 6, PanelTheme.Black, 12, 1.5f);
        if (active && (io.MouseDeltaX != 0 || io.MouseDeltaY != 0))
        {
            float k = RimOffset / R * (io.KeyAlt != 0 ? 0.1f : io.KeyShift != 0 ? 4 : 1);
            float dx = io.MouseDeltaX * k, dy = -io.MouseDeltaY * k;
            // Move along the wheel's axes: +x is red, up is between green and yellow; keep the mean (brightness).
            double dr = dx * 2 / 3.0, dg = -dx / 3.0 + dy / Math.Sqrt(3), db = -dx / 3.0 - dy / Math.Sqrt(3);
            Send(new SetCdl(cam.Name, cam.Cdl with { Offset = new(o.R + dr, o.G + dg, o.B + db) }, _dragGesture));
        }
        Ui.SameLine();
        Ui.BeginGroup();
        Ui.TextColored(PanelTheme.Dim, "offset balance"u8);
        Ui.Text(Ui.F($"R {o.R:+0.0000;-0.0000}"));
        Ui.Text(Ui.F($"G {o.G:+0.0000;-0.0000}"));
        Ui.Text(Ui.F($"B {o.B:+0.0000;-0.0000}"));
        Ui.EndGroup();
    }

    private static uint Hue(float angle)
    {
        float h = angle / MathF.Tau * 6;
        float x = 1 - MathF.Abs(h % 2 - 1);
        var (r, g, b) = (int)h switch { 0 => (1f, x, 0f), 1 => (x, 1f, 0f), 2 => (0f, 1f, x), 3 => (0f, x, 1f), 4 => (x, 0f, 1f), _ => (1f, 0f, x) };
        const float S = 0.55f, V = 0.75f;
        return Ui.Rgba(V * (1 - S + S * r), V * (1 - S + S * g), V * (1 - S + S * b));
    }

    // ---- looks ----

    private void Looks(EngineState state)
    {
        var cam = state.Cameras[_selected];
        if (_looks.Camera != cam.Name) _looks.Camera = cam.Name;
        Ui.Begin("Looks"u8, WindowFlags.NoCollapse);
        Ui.SetNextItemWidth(70);
        Ui.InputText("scene"u8, _looks.Scene);
        Mark("looks.scene");
        Ui.SameLine();
        Ui.SetNextItemWidth(50);
        Ui.InputText("take"u8, _looks.Take);
        Mark("looks.take");
        Ui.SameLine();
        Ui.SetNextItemWidth(110);
        Ui.InputText("clip"u8, _looks.Clip);
        Mark("looks.clip");
        Ui.SameLine();
        if (Ui.Button("Save  ^S"u8)) _looks.Save(cam, _show.WorkingSpace);
        Mark("looks.save");
        Ui.TextColored(PanelTheme.Dim, Ui.F($"LUT"));
        Ui.SameLine();
        Ui.SetNextItemWidth(-1);
        var current = cam.Luts.Length > 0 ? Path.GetFileName(cam.Luts[^1]) : "(none)";
        if (Ui.BeginCombo("##lut"u8, Ui.U8(current)))
        {
            if (Ui.Selectable("(none)"u8, cam.Luts.Length == 0)) Send(new SetLuts(cam.Name, []));
            foreach (var lut in _lutChoices)
            {
                if (Ui.Selectable(Ui.U8(Path.GetFileName(lut)), cam.Luts.Length > 0 && cam.Luts[^1] == lut)) Send(new SetLuts(cam.Name, [lut]));
            }
            Ui.EndCombo();
        }
        Mark("looks.lut");
        Ui.TextColored(PanelTheme.Dim, Ui.F($"working space {_show.WorkingSpace} · camera {_engine.InputSlots[_selected].Camera.Name} · {_looks.Location}"));
        if (_looks.LastMessage is { } m) Ui.TextColored(_looks.LastFailed ? PanelTheme.Bad : PanelTheme.Good, Ui.U8(m));
        var list = _looks.Current;
        if (Ui.BeginTable("looks"u8, 3, TableFlags.RowBg | TableFlags.SizingStretchProp | TableFlags.BordersInnerV))
        {
            Ui.TableSetupColumn("look"u8);
            Ui.TableSetupColumn("saved"u8, ColumnFlags.WidthFixed, 90);
            Ui.TableSetupColumn(""u8, ColumnFlags.WidthFixed, 64);
            Ui.TableHeadersRow();
            for (int i = 0; i < list.Count; i++)
            {
                var look = list[i];
                Ui.TableNextRow();
                Ui.TableNextColumn();
                Ui.Text(Ui.U8(look.Title));
                Ui.TableNextColumn();
                Ui.TextColored(PanelTheme.Dim, Ui.F($"{look.SavedAt.ToLocalTime():HH:mm:ss}"));
                Ui.TableNextColumn();
                Ui.PushId(i);
                if (Ui.Button("Recall"u8))
                {
                    Send(new SetCdl(cam.Name, look.Cdl));
                    if (look.Luts.Count > 0) Send(new SetLuts(cam.Name, [.. look.Luts]));
                }
                Mark($"looks.recall.{i}");
                Ui.PopId();
            }
            Ui.EndTable();
        }
        Ui.End();
    }

    private static string[] LutChoices(ShowFile show)
    {
        // LUTs the show already names, and their neighbours in the same folders, as the show would name them.
        var named = show.Inputs.SelectMany(i => i.Luts).Distinct().ToList();
        var folders = named.Select(l => Path.GetDirectoryName(Path.GetFullPath(Path.Combine(show.BaseDirectory, l)))!).Distinct();
        var found = new List<string>(named);
        foreach (var dir in folders.Where(Directory.Exists))
        {
            foreach (var f in Directory.EnumerateFiles(dir).Where(f => f.EndsWith(".cube", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".spi3d", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".3dl", StringComparison.OrdinalIgnoreCase)).Order())
            {
                var rel = Path.GetRelativePath(show.BaseDirectory, f);
                if (!found.Contains(rel)) found.Add(rel);
            }
        }
        return [.. found];
    }

    // ---- monitor ----

    private void MonitorView(EngineState state)
    {
        var cam = state.Cameras[_selected];
        Ui.Begin("Monitor"u8, WindowFlags.NoCollapse | WindowFlags.NoScrollbar);
        bool clean = _preview.MonitorView == "clean";
        if (Ui.RadioButton("graded"u8, !clean)) _preview.SetMonitor(_selected, "graded");
        Mark("monitor.graded");
        Ui.SameLine();
        if (Ui.RadioButton("clean  C"u8, clean)) _preview.SetMonitor(_selected, "clean");
        Mark("monitor.clean");
        Ui.SameLine(0, 18);
        ScopeToggle("Wave W"u8, PanelScopeKind.Waveform);
        ScopeToggle("Parade P"u8, PanelScopeKind.Parade);
        ScopeToggle("Vector V"u8, PanelScopeKind.Vectorscope);
        ScopeToggle("Histo H"u8, PanelScopeKind.Histogram);
        bool fc = _preview.FalseColor, zb = _preview.Zebras, fl = _preview.FrameLines;
        if (Ui.Checkbox("False colour F"u8, ref fc)) _preview.FalseColor = fc;
        Mark("monitor.falsecolor");
        Ui.SameLine();
        if (Ui.Checkbox("Zebras Z"u8, ref zb)) _preview.Zebras = zb;
        Ui.SameLine();
        if (Ui.Checkbox("Frame lines G"u8, ref fl)) _preview.FrameLines = fl;
        Ui.SameLine();
        Ui.Checkbox("Wipe vs clean S"u8, ref _wipe);
        _preview.Wipe = _wipe;
        var avail = Ui.ContentRegionAvail();
        int scopes = _preview.ScopeCount;
        float scopeH = scopes > 0 ? MathF.Min(avail.Y * 0.42f, 260) : 0;
        var pic = Fit(avail.X, avail.Y - scopeH - (scopes > 0 ? 8 : 0), _engine.Mode.Width, _engine.Mode.Height);
        var p = Ui.CursorScreenPos + new Vector2((avail.X - pic.X) / 2, 0);
        var max = p + pic;
        Ui.DrawRectFilled(p, max, PanelTheme.Black);
        var tex = _monitor();
        if (tex.HasPicture) Ui.DrawImage(tex.Name, p, max, Vector2.Zero, Vector2.One);
        Ui.DrawRectFilled(p, new(max.X, p.Y + 22), PanelTheme.Shade);
        var tc = _preview.Monitor.Timecode;
        Ui.DrawText(p + new Vector2(6, 3), PanelTheme.Text, Ui.F($"{cam.Label} · {_preview.MonitorView}{(_preview.Wipe ? " | wipe: clean right" : "")}{(_preview.FalseColor ? " · false colour" : "")}{(_preview.Zebras ? " · zebras" : "")}"));
        Ui.DrawText(new(max.X - 120, p.Y + 3), PanelTheme.Text, tc is { } t ? Ui.F($"{t}") : "--:--:--:--"u8);
        Ui.Dummy(new(avail.X, pic.Y));
        MarkRect("monitor.picture", p, max);
        if (scopes > 0)
        {
            float sw = (avail.X - (scopes - 1) * 8) / scopes;
            int shown = 0;
            foreach (var kind in PanelPreview.ScopeKinds)
            {
                if (!_preview.IsOn(kind)) continue;
                if (shown++ > 0) Ui.SameLine(0, 8);
                var s = Ui.CursorScreenPos;
                Ui.Dummy(new(sw, scopeH));
                Ui.DrawRectFilled(s, s + new Vector2(sw, scopeH), PanelTheme.Black);
                if (_scope(kind) is { HasPicture: true } st && Fit(sw, scopeH, st.Width, st.Height) is var size) Ui.DrawImage(st.Name, s + new Vector2((sw - size.X) / 2, 0), s + new Vector2((sw + size.X) / 2, size.Y), Vector2.Zero, Vector2.One);
            }
        }
        Ui.End();
    }

    private void ScopeToggle(ReadOnlySpan<byte> label, PanelScopeKind kind)
    {
        bool on = _preview.IsOn(kind);
        if (Ui.Checkbox(label, ref on)) _preview.Toggle(kind);
        Mark($"monitor.scope.{kind}");
        Ui.SameLine();
    }

    private static Vector2 Fit(float w, float h, int pw, int ph)
    {
        if (w <= 0 || h <= 0) return Vector2.Zero;
        float s = MathF.Min(w / pw, h / ph);
        return new(MathF.Floor(pw * s), MathF.Floor(ph * s));
    }

    // ---- router ----

    private void Router(EngineState state)
    {
        Ui.Begin("Router"u8, WindowFlags.NoCollapse);
        int n = state.Cameras.Length;
        if (Ui.BeginTable("matrix"u8, n + 2, TableFlags.Borders | TableFlags.SizingStretchSame))
        {
            Ui.TableSetupColumn("output"u8, ColumnFlags.WidthFixed, 96);
            for (int c = 0; c < n; c++) Ui.TableSetupColumn(Ui.U8(state.Cameras[c].Label));
            Ui.TableSetupColumn("lock"u8, ColumnFlags.WidthFixed, 44);
            Ui.TableHeadersRow();
            for (int o = 0; o < state.Outputs.Length; o++)
            {
                if (_engine.OutputRunners[o].IsMultiviewer) continue;
                var output = state.Outputs[o];
                bool locked = output.LockedBy is not null;
                bool lockedByOther = locked && output.LockedBy != PanelCommandQueue.Author;
                Ui.TableNextRow(30);
                Ui.TableNextColumn();
                Ui.PushId(o);
                if (Ui.Selectable(Ui.U8(output.Label), false)) { }
                if (Ui.IsItemHovered() && Ui.IsMouseDoubleClicked()) StartLabelEdit("output", output.Name, output.Label);
                for (int c = 0; c < n; c++)
                {
                    Ui.TableNextColumn();
                    bool routed = string.Equals(output.Route, state.Cameras[c].Name, StringComparison.OrdinalIgnoreCase);
                    if (routed) Ui.TableSetCellBg(PanelTheme.Routed);
                    Ui.PushId(c);
                    if (Ui.Selectable(routed ? "●"u8 : "·"u8, false, new(0, 22)) && !routed)
                    {
                        Send(new Route(output.Name, state.Cameras[c].Name));
                    }
                    Mark($"router.{output.Name}.{state.Cameras[c].Name}");
                    Ui.PopId();
                }
                Ui.TableNextColumn();
                bool l = locked;
                if (Ui.Checkbox("##lock"u8, ref l)) Send(new LockOutput(output.Name, l ? PanelCommandQueue.Author : null));
                Mark($"router.{output.Name}.lock");
                if (lockedByOther && Ui.IsItemHovered()) Ui.SetTooltip(Ui.F($"locked by {output.LockedBy}"));
                Ui.PopId();
            }
            Ui.EndTable();
        }
        Ui.TextColored(PanelTheme.Dim, "click a cell to route · double-click a name to relabel"u8);
        Ui.Text("Presets"u8);
        for (int i = 0; i < state.Presets.Length; i++)
        {
            if (i > 0) Ui.SameLine();
            Ui.PushId(i);
            if (Ui.Button(Ui.U8(state.Presets[i].Name))) Send(new RecallPreset(state.Presets[i].Name));
            Mark($"router.preset.{state.Presets[i].Name}");
            Ui.PopId();
        }
        Ui.Text("Inputs"u8);
        for (int c = 0; c < n; c++)
        {
            if (c > 0) Ui.SameLine();
            Ui.PushId(100 + c);
            if (Ui.Button(Ui.U8(state.Cameras[c].Label))) StartLabelEdit("input", state.Cameras[c].Name, state.Cameras[c].Label);
            Ui.PopId();
        }
        Multiviewer(state);
        LabelPopup();
        Ui.End();
    }

    private void Multiviewer(EngineState state)
    {
        foreach (var def in _show.Outputs)
        {
            if (def.Multiviewer is not { } mv) continue;
            Ui.Spacing();
            Ui.TextColored(PanelTheme.Dim, Ui.F($"{def.Name}: multiviewer {mv.Layout}"));
            int cols = mv.Layout.Length >= 3 && char.IsDigit(mv.Layout[0]) ? mv.Layout[0] - '0' : 2;
            int rows = (mv.Tiles.Count + cols - 1) / Math.Max(1, cols);
            var origin = Ui.CursorScreenPos;
            float tw = 92, th = 40;
            for (int i = 0; i < mv.Tiles.Count; i++)
            {
                var tile = mv.Tiles[i];
                var p = origin + new Vector2(i % cols * (tw + 4), i / cols * (th + 4));
                bool air = OnAir(state, tile.Input);
                Ui.DrawRectFilled(p, p + new Vector2(tw, th), PanelTheme.Cell, 2);
                if (air) Ui.DrawRect(p, p + new Vector2(tw, th), PanelTheme.Tally, 2, 2);
                var label = state.Camera(tile.Input)?.Label ?? tile.Input;
                Ui.DrawText(p + new Vector2(6, 4), PanelTheme.Text, Ui.U8(label));
                Ui.DrawText(p + new Vector2(6, 21), PanelTheme.Dim, Ui.U8(tile.View));
            }
            Ui.Dummy(new(cols * (tw + 4), rows * (th + 4)));
        }
    }

    private void StartLabelEdit(string target, string name, string label)
    {
        _labelTarget = target;
        _labelName = name;
        Array.Clear(_labelEdit);
        System.Text.Encoding.UTF8.GetBytes(label.AsSpan(0, Math.Min(label.Length, 64)), _labelEdit);
        Ui.OpenPopup("label"u8);
    }

    private void LabelPopup()
    {
        if (!Ui.BeginPopup("label"u8)) return;
        Ui.Text(Ui.F($"label for {_labelTarget} {_labelName}"));
        Ui.SetKeyboardFocusHere();
        bool enter = Ui.InputText("##label"u8, _labelEdit, InputTextFlags.EnterReturnsTrue | InputTextFlags.AutoSelectAll);
        Mark("router.label.edit");
        if (enter || Ui.Button("Set"u8))
        {
            int len = Array.IndexOf(_labelEdit, (byte)0);
            var text = System.Text.Encoding.UTF8.GetString(_labelEdit, 0, len < 0 ? _labelEdit.Length : len).Trim();
            if (text.Length > 0 && _labelTarget is { } t && _labelName is { } n) Send(new SetLabel(t, n, text));
            Ui.CloseCurrentPopup();
        }
        Ui.EndPopup();
    }

    // ---- outputs ----

    private void Outputs(EngineState state)
    {
        Ui.Begin("Outputs"u8, WindowFlags.NoCollapse);
        if (Ui.BeginTable("outs"u8, 8, TableFlags.RowBg | TableFlags.SizingStretchProp | TableFlags.BordersInnerV))
        {
            Ui.TableSetupColumn("output"u8, ColumnFlags.WidthStretch, 1);
            Ui.TableSetupColumn("view"u8, ColumnFlags.WidthFixed, 74);
            Ui.TableSetupColumn("display"u8, ColumnFlags.WidthFixed, 84);
            Ui.TableSetupColumn("fps"u8, ColumnFlags.WidthFixed, 42);
            Ui.TableSetupColumn("ms p50/99"u8, ColumnFlags.WidthFixed, 76);
            Ui.TableSetupColumn("frames"u8, ColumnFlags.WidthFixed, 50);
            Ui.TableSetupColumn("drop"u8, ColumnFlags.WidthFixed, 34);
            Ui.TableSetupColumn("rep/late"u8, ColumnFlags.WidthFixed, 56);
            Ui.TableHeadersRow();
            var stats = _stats;
            for (int o = 0; o < state.Outputs.Length; o++)
            {
                var output = state.Outputs[o];
                Ui.TableNextRow();
                Ui.TableNextColumn();
                Ui.Text(Ui.U8(output.Label));
                Ui.PushId(o);
                Ui.TableNextColumn();
                Ui.SetNextItemWidth(-1);
                if (_engine.OutputRunners[o].IsMultiviewer) Ui.TextColored(PanelTheme.Dim, "tiles"u8);
                else if (Ui.BeginCombo("##view"u8, Ui.U8(output.View)))
                {
                    foreach (var v in StateTransitions.Views)
                    {
                        if (Ui.Selectable(Ui.U8(v), v == output.View)) Send(new SetView(output.Name, v, null));
                    }
                    Ui.EndCombo();
                }
                Ui.TableNextColumn();
                Ui.SetNextItemWidth(-1);
                if (Ui.BeginCombo("##display"u8, Ui.U8(output.Display)))
                {
                    foreach (var d in StateTransitions.Displays)
                    {
                        if (Ui.Selectable(Ui.U8(d), d == output.Display)) Send(new SetView(output.Name, null, d));
                    }
                    Ui.EndCombo();
                }
                Mark($"outputs.{output.Name}.display");
                Ui.PopId();
                if (o < stats.Count)
                {
                    var s = stats[o];
                    double target = (double)_engine.Mode.Rate.Numerator / _engine.Mode.Rate.Denominator;
                    Ui.TableNextColumn();
                    Ui.TextColored(s.Fps > 0 && Math.Abs(s.Fps - target) < 0.5 ? PanelTheme.Good : PanelTheme.Warn, Ui.F($"{s.Fps:0.00}"));
                    Ui.TableNextColumn();
                    Ui.Text(Ui.F($"{s.LatencyP50Ms:0.0}/{s.LatencyP99Ms:0.0}"));
                    Ui.TableNextColumn();
                    Ui.Text(Ui.F($"{s.Frames}"));
                    Ui.TableNextColumn();
                    Ui.TextColored(s.Dropped == 0 ? PanelTheme.Good : PanelTheme.Bad, Ui.F($"{s.Dropped}"));
                    Ui.TableNextColumn();
                    Ui.Text(Ui.F($"{s.Repeated}/{s.Late}"));
                }
            }
            Ui.EndTable();
        }
        // Overlays per output, switched through the bus (SetOverlays) like every other change.
        for (int o = 0; o < state.Outputs.Length; o++)
        {
            var output = state.Outputs[o];
            var ov = output.Overlays;
            Ui.PushId(1000 + o);
            Ui.TextColored(PanelTheme.Dim, Ui.U8(output.Name));
            Ui.SameLine(110);
            bool falseColour = ov.FalseColor, zebra = ov.Zebra > 0, lines = ov.FrameLines > 0, waveform = ov.Waveform;
            if (Ui.Checkbox("false colour"u8, ref falseColour)) Send(new SetOverlays(output.Name, FalseColor: falseColour));
            Mark($"outputs.{output.Name}.falsecolour");
            Ui.SameLine();
            if (Ui.Checkbox("zebra 95"u8, ref zebra)) Send(new SetOverlays(output.Name, Zebra: zebra ? 95 : 0));
            Ui.SameLine();
            if (Ui.Checkbox("2.39"u8, ref lines)) Send(new SetOverlays(output.Name, FrameLines: lines ? 2.39 : 0));
            Ui.SameLine();
            if (Ui.Checkbox("wave"u8, ref waveform)) Send(new SetOverlays(output.Name, Waveform: waveform));
            // Second row: the second zebra (skin band), safe areas and cross, scope insets at fixed corners, split against clean.
            Ui.Dummy(new Vector2(1, 1));
            Ui.SameLine(110);
            bool skin = ov.Zebra2 is not null, safe = ov.ActionSafe || ov.TitleSafe, cross = ov.CentreCross, split = ov.Compare is not null;
            if (Ui.Checkbox("zebra 70-80"u8, ref skin)) Send(new SetOverlays(output.Name, Zebra2: skin ? "70-80" : "off"));
            Ui.SameLine();
            if (Ui.Checkbox("safe"u8, ref safe)) Send(new SetOverlays(output.Name, ActionSafe: safe, TitleSafe: safe));
            Ui.SameLine();
            if (Ui.Checkbox("cross"u8, ref cross)) Send(new SetOverlays(output.Name, CentreCross: cross));
            var sc = ov.Scopes;
            bool wf = sc.BottomLeft == InsetScope.Waveform, vs = sc.BottomRight == InsetScope.Vectorscope, pa = sc.TopLeft == InsetScope.Parade, hi = sc.TopRight == InsetScope.Histogram;
            Ui.SameLine();
            bool changed = Ui.Checkbox("WF"u8, ref wf);
            Ui.SameLine();
            changed |= Ui.Checkbox("PAR"u8, ref pa);
            Ui.SameLine();
            changed |= Ui.Checkbox("VEC"u8, ref vs);
            Ui.SameLine();
            changed |= Ui.Checkbox("HIST"u8, ref hi);
            if (changed)
            {
                Send(new SetOverlays(output.Name, Scopes: new ScopeCornersDefinition
                {
                    TopLeft = pa ? "parade" : null, TopRight = hi ? "histogram" : null,
                    BottomLeft = wf ? "waveform" : null, BottomRight = vs ? "vectorscope" : null,
                }));
            }
            // Where the insets read: the camera's own signal (the log waveform), or the grade before the display
            // transform (the working-space signal the look makes); neither ticked: the output's picture.
            TapToggle(output.Name, sc, "cam"u8, InsetTap.Camera);
            Mark($"outputs.{output.Name}.cameratap");
            TapToggle(output.Name, sc, "grade"u8, InsetTap.Graded);
            Mark($"outputs.{output.Name}.gradedtap");
            Ui.SameLine();
            if (Ui.Checkbox("split"u8, ref split)) Send(new SetOverlays(output.Name, Compare: new CompareDefinition { Mode = split ? "split" : "off" }));
            Mark($"outputs.{output.Name}.split");
            CompareControls(output);
            Ui.PopId();
        }
        Ui.Spacing();
        Ui.TextColored(PanelTheme.Dim, Ui.F($"panel: {_clock.BuildP50Ms:0.00} ms CPU/frame (p99 {_clock.BuildP99Ms:0.00}), GL submit {_clock.RenderP50Ms:0.00} ms, {_clock.Fps:0} fps"));
        Ui.TextColored(PanelTheme.Dim, Ui.F($"preview: {_preview.Pictures} pictures, {_preview.CpuMilliseconds / 1000:0.0} s CPU"));
        Ui.End();
    }

    private static readonly string[] CompareModeLabels = ["off", "split", "wipe", "side by side"];

    /// <summary>
    /// An output's compare, third row: the mode (off, split, wipe, side by side), B (the clean feed, the look without
    /// its CDL, a saved look of the selected camera, or the output's reference still) and a button that grabs the
    /// output's picture as its reference still. Every choice is a SetOverlays on the bus.
    /// </summary>
    private void CompareControls(OutputState output)
    {
        var current = output.Overlays.Compare;
        // Built only when a choice is made (the panel allocates next to nothing per frame).
        CompareDefinition Def() => current is null ? new CompareDefinition { Mode = "split" } : OverlayRules.ToDefinition(current);
        Ui.Dummy(new Vector2(1, 1));
        Ui.SameLine(110);
        Ui.SetNextItemWidth(110);
        int mode = current is null ? 0 : (int)current.Mode + 1;
        if (Ui.BeginCombo("##compare"u8, Ui.U8(CompareModeLabels[mode])))
        {
            for (int m = 0; m < CompareModeLabels.Length; m++)
            {
                if (Ui.Selectable(Ui.U8(CompareModeLabels[m]), m == mode)) Send(new SetOverlays(output.Name, Compare: Def() with { Mode = OverlayRules.CompareModes[m] }));
            }
            Ui.EndCombo();
        }
        Mark($"outputs.{output.Name}.comparemode");
        Ui.SameLine();
        Ui.SetNextItemWidth(220);
        bool open = current?.Against switch
        {
            CompareAgainst.Lut => Ui.BeginCombo("##against"u8, "B: look without CDL"u8),
            CompareAgainst.Look => Ui.BeginCombo("##against"u8, Ui.F($"B: look {current.Look?.Name}")),
            CompareAgainst.Still => Ui.BeginCombo("##against"u8, Ui.F($"B: still {current.Still}")),
            _ => Ui.BeginCombo("##against"u8, "B: clean feed"u8),
        };
        if (open)
        {
            if (Ui.Selectable("clean feed"u8, current?.Against is null or CompareAgainst.Clean)) Send(new SetOverlays(output.Name, Compare: Def() with { Against = "clean", Look = null, Still = null }));
            if (Ui.Selectable("look without CDL"u8, current?.Against == CompareAgainst.Lut)) Send(new SetOverlays(output.Name, Compare: Def() with { Against = "lut", Look = null, Still = null }));
            if (current?.Still is { } still && Ui.Selectable(Ui.U8($"still {Path.GetFileName(still)}"), current.Against == CompareAgainst.Still)) Send(new SetOverlays(output.Name, Compare: Def() with { Against = "still", Look = null }));
            // The selected camera's saved looks (the looks tab's list), as CDL and LUTs like a recall sends them.
            foreach (var look in _looks.Current)
            {
                if (!Ui.Selectable(Ui.U8($"look {look.Camera} {look.Title}"), current?.Look?.Name == $"{look.Camera} {look.Title}")) continue;
                var c = look.Cdl;
                Send(new SetOverlays(output.Name, Compare: Def() with
                {
                    Against = "look",
                    Still = null,
                    Look = new CompareLookDefinition
                    {
                        Name = $"{look.Camera} {look.Title}",
                        Cdl = new CdlDefinition { Slope = [c.Slope.R, c.Slope.G, c.Slope.B], Offset = [c.Offset.R, c.Offset.G, c.Offset.B], Power = [c.Power.R, c.Power.G, c.Power.B], Sat = c.Sat },
                        Luts = [.. look.Luts],
                    },
                }));
            }
            Ui.EndCombo();
        }
        Mark($"outputs.{output.Name}.compareagainst");
        Ui.SameLine();
        if (Ui.Button("grab ref"u8))
        {
            // Off the panel thread: the grab waits for the output's next picture and writes a file.
            string name = output.Name;
            _ = Task.Run(async () =>
            {
                var (result, _) = await _engine.GrabReferenceAsync(name, PanelCommandQueue.Author).ConfigureAwait(false);
                if (!result.Accepted) _engine.Report($"error: grab {name}: {result.Error}");
            });
        }
        Mark($"outputs.{output.Name}.grab");
    }

    // ---- status and help ----

    private void StatusBar(float w, float h, float height)
    {
        Ui.SetNextWindowPos(new(0, h - height), Cond.Always);
        Ui.SetNextWindowSize(new(w, height), Cond.Always);
        Ui.PushStyleVar(StyleVar.WindowPadding, 10, 6);
        Ui.Begin("##status"u8, WindowFlags.NoTitleBar | WindowFlags.NoResize | WindowFlags.NoMove | WindowFlags.NoScrollbar | WindowFlags.NoSavedSettings);
        Ui.TextColored(PanelTheme.Accent, Ui.U8(_show.Name));
        Ui.SameLine();
        Ui.TextColored(PanelTheme.Dim, Ui.F($"{_engine.Mode.Width}x{_engine.Mode.Height} @ {_engine.Mode.Rate} · {_engine.Renderer} · commands {_commands.Accepted} ok, {_commands.Refused} refused"));
        if (_commands.LastRefusal is { } r)
        {
            Ui.SameLine();
            Ui.TextColored(PanelTheme.Bad, Ui.F($"· {r}"));
        }
        Ui.SameLine(w - 260);
        Ui.TextColored(PanelTheme.Dim, "F1 shortcuts · F12 screenshot"u8);
        Ui.End();
        Ui.PopStyleVar();
    }

    private void Help(float w, float h)
    {
        Ui.SetNextWindowPos(new(w / 2 - 260, h / 2 - 230), Cond.Appearing);
        Ui.SetNextWindowSize(new(520, 460), Cond.Appearing);
        Ui.Begin("Shortcuts"u8, WindowFlags.NoCollapse | WindowFlags.NoSavedSettings);
        if (Ui.BeginTable("keys"u8, 2, TableFlags.RowBg | TableFlags.SizingStretchProp))
        {
            foreach (var (k, what) in HelpRows)
            {
                Ui.TableNextRow();
                Ui.TableNextColumn();
                Ui.TextColored(PanelTheme.Accent, Ui.U8(k));
                Ui.TableNextColumn();
                Ui.Text(Ui.U8(what));
            }
            Ui.EndTable();
        }
        Ui.End();
    }

    private static readonly (string Key, string What)[] HelpRows =
    [
        ("1 … 9", "select camera"),
        ("↑ / ↓", "master offset ± (Shift: ×10)"),
        ("→ / ←", "master slope ±"),
        ("PgUp / PgDn", "saturation ±"),
        ("Ctrl+Z / Ctrl+Y", "undo / redo (Ctrl+Shift+Z: redo)"),
        ("Ctrl+C / Ctrl+V", "copy / paste grade between cameras"),
        ("Ctrl+R", "reset grade"),
        ("`", "A/B between the stored looks"),
        ("Ctrl+S", "save look (scene/take/clip)"),
        ("C", "monitor: clean / graded"),
        ("W P V H", "waveform, parade, vectorscope, histogram"),
        ("F Z G S", "false colour, zebras, frame lines, wipe"),
        ("F12", "screenshot of the panel"),
        ("F1", "this list"),
        ("Ctrl+Q", "close the panel"),
    ];
}
