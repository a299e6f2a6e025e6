using System.Numerics;
using LiveGrade.Gpu.Tests.Glfw;
using LiveGrade.Interop.Imgui;
using Xunit.Abstractions;

namespace LiveGrade.Interop.Tests.Imgui;

/// <summary>
/// The shim's input queue (native/imgui/lg_imgui.h, "Input"), driven through <see cref="ImguiContext"/>'s Queue*
/// methods, which share the queue and applyInput with the GLFW callbacks. Every event of a case is queued before
/// the frames run, as a slow frame on a loaded machine would find them; then each frame records what ImGui 1.86
/// itself saw (its IsKeyPressed/IsKeyDown, io.KeyCtrl, io.MouseDown/MousePos/MouseDelta, real widgets' results),
/// and the test compares that, frame by frame, with what the person did.
/// </summary>
[Trait("Category", "Gpu")]
[Collection(ImguiWindowCollection.Name)]
public sealed class ImguiInputQueueTests(ITestOutputHelper output)
{
    /// <summary>What one frame saw of one key: pressed this frame, held, and whether ImGui had Ctrl held.</summary>
    private readonly record struct KeySeen(bool Pressed, bool Down, bool Ctrl)
    {
        public override string ToString() => $"{(Pressed ? "pressed" : Down ? "held" : "up")}{(Ctrl ? "+ctrl" : "")}";
    }

    private static readonly KeySeen Up = new(false, false, false);

    private static List<KeySeen> KeyFrames(ImguiWindow w, int key, int frames)
    {
        var seen = new List<KeySeen>();
        for (int i = 0; i < frames; i++)
        {
            seen.Add(w.Frame(_ => new KeySeen(Ui.IsKeyPressed(key), Ui.IsKeyDown(key), ImguiContext.Io.KeyCtrl != 0)));
        }
        return seen;
    }

    [XvfbFact]
    public void Ctrl_Z_with_Ctrl_released_first_queued_before_one_frame_is_seen_as_Ctrl_Z()
    {
        using var w = ImguiWindow.Open();
        // xdotool's order, and many people's: Ctrl goes up before Z does.
        w.Imgui.QueueKey(Keys.LeftControl, true);
        w.Imgui.QueueKey(Keys.Z, true);
        w.Imgui.QueueKey(Keys.LeftControl, false);
        w.Imgui.QueueKey(Keys.Z, false);
        var seen = KeyFrames(w, Keys.Z, 4);
        output.WriteLine(string.Join(", ", seen));
        AssertOneCtrlZ(seen);
    }

    /// <summary>Z was pressed exactly once, with Ctrl held in that frame, and both keys are up at the end.</summary>
    private static void AssertOneCtrlZ(List<KeySeen> seen)
    {
        var press = Assert.Single(seen, s => s.Pressed);
        Assert.True(press.Ctrl, "Z was pressed with Ctrl held");
        Assert.Equal(Up, seen[^1]);
    }

    [XvfbFact]
    public void Ctrl_Z_whose_Ctrl_went_down_a_frame_earlier_is_still_Ctrl_Z()
    {
        // The case the "a key press ends the frame's key changes" rule is for: Ctrl arrived in time for one frame,
        // and Z down, Ctrl up, Z up all wait for the next. Taking Z down and Ctrl up together would be a bare Z
        // (Ctrl+Z lost, or Ctrl+Q lost as a bare Q).
        using var w = ImguiWindow.Open();
        w.Imgui.QueueKey(Keys.LeftControl, true);
        Assert.Equal([new KeySeen(false, false, true)], KeyFrames(w, Keys.Z, 1));
        w.Imgui.QueueKey(Keys.Z, true);
        w.Imgui.QueueKey(Keys.LeftControl, false);
        w.Imgui.QueueKey(Keys.Z, false);
        var seen = KeyFrames(w, Keys.Z, 3);
        output.WriteLine(string.Join(", ", seen));
        AssertOneCtrlZ(seen);
    }

    [XvfbFact]
    public void A_bare_Z_stays_bare_and_is_released_in_a_later_frame()
    {
        using var w = ImguiWindow.Open();
        w.Imgui.QueueKey(Keys.Z, true);
        w.Imgui.QueueKey(Keys.Z, false);
        var seen = KeyFrames(w, Keys.Z, 3);
        output.WriteLine(string.Join(", ", seen));
        Assert.Equal([new KeySeen(true, true, false), Up, Up], seen);
    }

    [XvfbFact]
    public void Three_taps_of_one_key_queued_before_one_frame_are_three_presses()
    {
        using var w = ImguiWindow.Open();
        for (int i = 0; i < 3; i++)
        {
            w.Imgui.QueueKey(Keys.A, true);
            w.Imgui.QueueKey(Keys.A, false);
        }
        var seen = KeyFrames(w, Keys.A, 7);
        output.WriteLine(string.Join(", ", seen));
        var pressed = new KeySeen(true, true, false);
        Assert.Equal([pressed, Up, pressed, Up, pressed, Up, Up], seen);
    }

    [XvfbFact]
    public void A_repeated_press_of_a_held_key_is_no_new_press()
    {
        // GLFW reports auto-repeat as more presses; ImGui makes its own repeats, so they change nothing.
        using var w = ImguiWindow.Open();
        w.Imgui.QueueKey(Keys.A, true);
        w.Imgui.QueueKey(Keys.A, true);
        w.Imgui.QueueKey(Keys.A, true);
        var seen = KeyFrames(w, Keys.A, 2);
        Assert.Equal([new KeySeen(true, true, false), new KeySeen(false, true, false)], seen);
    }

    /// <summary>What one frame saw of the left button and a widget under it.</summary>
    private readonly record struct MouseSeen(bool Down, float X, float DeltaX, bool Clicked, float Value, bool Active, bool DeactivatedAfterEdit)
    {
        public override string ToString() =>
            $"{(Down ? "down" : "up")}@{X}{(DeltaX != 0 ? $"(d{DeltaX})" : "")} value {Value}{(Active ? " active" : "")}{(DeactivatedAfterEdit ? " edited" : "")}{(Clicked ? " clicked" : "")}";
    }

    private static readonly Vector2 ButtonSize = new(200, 60);

    private static (Vector2 Min, Vector2 Max) ButtonRect(ImguiWindow w) => w.Frame(_ =>
    {
        ImguiWindow.BeginTestWindow();
        Ui.Button("click"u8, ButtonSize);
        var rect = Ui.ItemRect();
        Ui.End();
        return rect;
    });

    [XvfbFact]
    public void Two_clicks_queued_before_one_frame_are_two_clicks_of_a_button()
    {
        using var w = ImguiWindow.Open();
        w.IdleFrames(2); // the test window exists, so ImGui can find it under the pointer
        var (min, max) = ButtonRect(w);
        var centre = (min + max) / 2;
        w.Imgui.QueueMouseMove(centre.X, centre.Y);
        for (int i = 0; i < 2; i++)
        {
            w.Imgui.QueueMouseButton(0, true);
            w.Imgui.QueueMouseButton(0, false);
        }
        var seen = new List<MouseSeen>();
        for (int i = 0; i < 6; i++)
        {
            seen.Add(w.Frame(_ =>
            {
                ImguiWindow.BeginTestWindow();
                bool clicked = Ui.Button("click"u8, ButtonSize);
                Ui.End();
                var io = ImguiContext.Io;
                return new MouseSeen(io.MouseDown0 != 0, io.MouseX, io.MouseDeltaX, clicked, 0, false, false);
            }));
        }
        output.WriteLine(string.Join(", ", seen));
        // The move has a frame to itself (a button change after a move waits), then down, up, down, up.
        Assert.Equal([false, true, false, true, false, false], seen.Select(s => s.Down));
        Assert.Equal([false, false, true, false, true, false], seen.Select(s => s.Clicked));
        Assert.All(seen, s => Assert.Equal(centre.X, s.X));
    }

    private const float DragWidth = 400;

    // A drag of 10 moves of 10 pixels, one unit per pixel (speed 1); the field shows 3 decimals.
    private const int DragSteps = 10, DragStepPixels = 10;

    // ImGui rounds a dragged value to the field's format ("%.3f"): half its last digit.
    private const float FormatTolerance = 0.0005f;

    private static (Vector2 Min, Vector2 Max) DragRect(ImguiWindow w) => w.Frame(_ =>
    {
        ImguiWindow.BeginTestWindow();
        float v = 0;
        Ui.SetNextItemWidth(DragWidth);
        Ui.DragFloat("##drag"u8, ref v, 1, 0, 10000, "%.3f"u8);
        var rect = Ui.ItemRect();
        Ui.End();
        return rect;
    });

    private static MouseSeen DragFrame(ImguiWindow w, ref float value)
    {
        float v = value;
        var seen = w.Frame(_ =>
        {
            ImguiWindow.BeginTestWindow();
            Ui.SetNextItemWidth(DragWidth);
            Ui.DragFloat("##drag"u8, ref v, 1, 0, 10000, "%.3f"u8);
            bool active = Ui.IsItemActive(), edited = Ui.IsItemDeactivatedAfterEdit();
            Ui.End();
            var io = ImguiContext.Io;
            return new MouseSeen(io.MouseDown0 != 0, io.MouseX, io.MouseDeltaX, false, v, active, edited);
        });
        value = v;
        return seen;
    }

    /// <summary>
    /// Presses on a DragFloat, moves right <see cref="DragSteps"/> x <see cref="DragStepPixels"/> pixels and lets go,
    /// every event queued before the first frame (with <paramref name="modifier"/> held throughout, when not 0).
    /// </summary>
    private List<MouseSeen> Drag(ImguiWindow w, int modifier, out float pressX, out float releaseX, out float value)
    {
        w.IdleFrames(2);
        var (min, max) = DragRect(w);
        pressX = min.X + 20;
        float y = (min.Y + max.Y) / 2;
        releaseX = pressX + DragSteps * DragStepPixels;
        Assert.True(releaseX < max.X, "the drag stays on the field");
        if (modifier != 0) w.Imgui.QueueKey(modifier, true);
        w.Imgui.QueueMouseMove(pressX, y);
        w.Imgui.QueueMouseButton(0, true);
        for (int i = 1; i <= DragSteps; i++) w.Imgui.QueueMouseMove(pressX + i * DragStepPixels, y);
        w.Imgui.QueueMouseButton(0, false);
        if (modifier != 0) w.Imgui.QueueKey(modifier, false);
        value = 0;
        var seen = new List<MouseSeen>();
        for (int i = 0; i < 6; i++) seen.Add(DragFrame(w, ref value));
        output.WriteLine(string.Join(", ", seen));
        return seen;
    }

    [XvfbFact]
    public void A_drag_queued_before_one_frame_ends_at_the_value_of_the_whole_movement()
    {
        using var w = ImguiWindow.Open();
        var seen = Drag(w, 0, out float pressX, out float releaseX, out float value);

        int press = seen.FindIndex(s => s.Down);
        int release = seen.FindIndex(press + 1, s => !s.Down);
        Assert.True(press >= 0 && release > press, "the button went down and up");
        // The press is seen where it happened, not where the pointer went next in the same frame.
        Assert.Equal(pressX, seen[press].X);
        // The release frame has no movement of its own: the whole movement was seen in an earlier frame, with
        // the button still down.
        Assert.Equal(releaseX, seen[release - 1].X);
        Assert.True(seen[release - 1].Down);
        Assert.Equal(releaseX, seen[release].X);
        Assert.Equal(0, seen[release].DeltaX);
        // ImGui's DragFloat moves one unit per pixel at speed 1: the value of the whole movement, one edit.
        Assert.Equal(DragSteps * DragStepPixels, value, FormatTolerance);
        Assert.True(seen[release].DeactivatedAfterEdit, "the release ends the edit (one undo step)");
        Assert.False(seen[release].Active);
    }

    [XvfbTheory]
    [InlineData(Keys.LeftShift, 10f)]
    [InlineData(Keys.LeftAlt, 0.01f)]
    public void Shift_drags_10x_coarser_and_Alt_100x_finer(int modifier, float unitsPerPixel)
    {
        // ImGui 1.86's DragBehavior: Shift multiplies the mouse delta by 10, Alt by 1/100 (the header's claim).
        using var w = ImguiWindow.Open();
        Drag(w, modifier, out _, out _, out float value);
        Assert.Equal(DragSteps * DragStepPixels * unitsPerPixel, value, FormatTolerance);
    }

    [XvfbFact]
    public void Ctrl_click_on_a_drag_field_and_typed_characters_set_its_value()
    {
        using var w = ImguiWindow.Open();
        w.IdleFrames(2);
        var (min, max) = DragRect(w);
        var centre = (min + max) / 2;
        w.Imgui.QueueKey(Keys.LeftControl, true);
        w.Imgui.QueueMouseMove(centre.X, centre.Y);
        w.Imgui.QueueMouseButton(0, true);
        w.Imgui.QueueMouseButton(0, false);
        w.Imgui.QueueKey(Keys.LeftControl, false);
        w.Imgui.QueueText("42");
        w.Imgui.QueueKey(Keys.Enter, true);
        w.Imgui.QueueKey(Keys.Enter, false);
        float value = 0.5f;
        var seen = new List<MouseSeen>();
        for (int i = 0; i < 6; i++) seen.Add(DragFrame(w, ref value));
        output.WriteLine(string.Join(", ", seen));
        Assert.Equal(42f, value);
        Assert.False(seen[^1].Active, "Enter ends the typing");
    }

    [XvfbFact]
    public void Scroll_offsets_queued_before_one_frame_add_up_in_that_frame()
    {
        using var w = ImguiWindow.Open();
        w.Imgui.QueueScroll(0, 1);
        w.Imgui.QueueScroll(0, 2);
        var wheel = new List<float>();
        for (int i = 0; i < 2; i++) wheel.Add(w.Frame(_ => ImguiContext.Io.MouseWheel));
        Assert.Equal([3f, 0f], wheel);
    }

    [XvfbFact]
    public void Values_out_of_range_are_refused_with_a_message()
    {
        using var w = ImguiWindow.Open();
        Assert.Contains("key code 512 is outside 0..511", Assert.Throws<ImguiException>(() => w.Imgui.QueueKey(512, true)).Message);
        Assert.Contains("key code -1", Assert.Throws<ImguiException>(() => w.Imgui.QueueKey(-1, true)).Message);
        Assert.Contains("mouse button 5", Assert.Throws<ImguiException>(() => w.Imgui.QueueMouseButton(5, true)).Message);
        Assert.Contains("not finite", Assert.Throws<ImguiException>(() => w.Imgui.QueueMouseMove(float.NaN, 0)).Message);
        Assert.Contains("not finite", Assert.Throws<ImguiException>(() => w.Imgui.QueueMouseMove(0, float.PositiveInfinity)).Message);
        Assert.Contains("not finite", Assert.Throws<ImguiException>(() => w.Imgui.QueueScroll(float.NaN, 0)).Message);
        Assert.Contains("U+0000", Assert.Throws<ImguiException>(() => w.Imgui.QueueChar(0)).Message);
        Assert.Contains("U+D800", Assert.Throws<ImguiException>(() => w.Imgui.QueueChar(0xD800)).Message);
        Assert.Contains("U+110000", Assert.Throws<ImguiException>(() => w.Imgui.QueueChar(0x110000)).Message);
        // Nothing refused reached ImGui.
        var io = w.Frame(_ => ImguiContext.Io);
        Assert.Equal(0, io.MouseDown0);
        Assert.True(io.MouseX < -1e30f, "the pointer is still outside the window");
    }

    [XvfbFact]
    public void A_full_queue_refuses_more_and_takes_events_again_once_a_frame_has_run()
    {
        const int capacity = 4096; // lg_imgui.cpp's kMaxPending
        using var w = ImguiWindow.Open();
        for (int i = 0; i < capacity; i++) w.Imgui.QueueMouseMove(i % ImguiWindow.Width, 10);
        var full = Assert.Throws<ImguiException>(() => w.Imgui.QueueMouseMove(1, 1));
        Assert.Contains("full", full.Message);
        var io = w.Frame(_ => ImguiContext.Io); // moves never wait: the frame takes all of them
        Assert.Equal((capacity - 1) % ImguiWindow.Width, io.MouseX);
        w.Imgui.QueueMouseMove(7, 9);
        io = w.Frame(_ => ImguiContext.Io);
        Assert.Equal((7f, 9f), (io.MouseX, io.MouseY));
    }
}
