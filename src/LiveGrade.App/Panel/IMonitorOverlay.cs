using System.Numerics;

namespace LiveGrade.App.Panel;

/// <summary>
/// Something drawn over (or beside) the monitor picture: scopes, false colour, zebras, frame lines. The scopes
/// work plugs in here; the panel calls every registered overlay on its own thread after drawing the picture,
/// with the picture's screen rectangle and the camera it shows. Draw with <see cref="LiveGrade.Interop.Imgui.Ui"/>'s
/// draw calls; keep it allocation-free and well under a millisecond (the panel's whole frame budget is 1 ms).
/// </summary>
public interface IMonitorOverlay
{
    /// <summary>Shown as a toggle above the monitor ("Waveform").</summary>
    string Name { get; }

    void Draw(int camera, string view, Vector2 pictureMin, Vector2 pictureMax);
}
