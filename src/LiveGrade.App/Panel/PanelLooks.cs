using System.Text;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Engine.Control;

namespace LiveGrade.App.Panel;

/// <summary>
/// The looks window's model: the scene/take/clip fields the DIT types, and the saved looks of the selected camera.
/// Saving and listing go to an <see cref="ILookShelf"/> (the look library) on the thread pool (they touch disk), one at a time; the
/// panel thread only reads the newest list and the last message.
/// </summary>
public sealed class PanelLooks(ILookShelf shelf)
{
    private readonly object _gate = new();
    private IReadOnlyList<ShelfLook> _current = [];
    private string? _camera;
    private Task _last = Task.CompletedTask;

    /// <summary>NUL-terminated UTF-8 buffers edited in place by the panel's text fields.</summary>
    public byte[] Scene { get; } = Field("1");
    public byte[] Take { get; } = Field("1");
    public byte[] Clip { get; } = Field("");

    public string Location => shelf.Location;

    /// <summary>Saved looks of <see cref="Camera"/>, newest first (as of the last refresh).</summary>
    public IReadOnlyList<ShelfLook> Current => Volatile.Read(ref _current);

    public string? LastMessage { get; private set; }
    public bool LastFailed { get; private set; }

    /// <summary>The camera whose looks are listed; setting it refreshes the list.</summary>
    public string? Camera
    {
        get => _camera;
        set
        {
            if (value == _camera) return;
            _camera = value;
            if (value is not null) Queue(() => Volatile.Write(ref _current, shelf.List(value)));
        }
    }

    /// <summary>Saves the camera's grade and LUTs under the typed scene/take/clip (a new version), then refreshes.</summary>
    public void Save(CameraState camera, string workingSpace)
    {
        var draft = new ShelfDraft(camera.Name, Text(Scene), Text(Take), Text(Clip), camera.Cdl, [.. camera.Luts], camera.Name, workingSpace, null);
        Queue(() =>
        {
            var look = shelf.Save(draft);
            LastMessage = $"saved {look.Title} for {look.Camera}";
            LastFailed = false;
            Volatile.Write(ref _current, shelf.List(camera.Name));
        });
    }

    /// <summary>Waits for the saves and listings queued so far (tests, shutdown).</summary>
    public bool Wait(TimeSpan timeout)
    {
        Task t;
        lock (_gate) t = _last;
        return t.Wait(timeout);
    }

    private void Queue(Action work)
    {
        lock (_gate)
        {
            _last = _last.ContinueWith(_ =>
            {
                try
                {
                    work();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InputException)
                {
                    LastMessage = $"looks: {e.Message.ReplaceLineEndings(" ")}";
                    LastFailed = true;
                }
            }, TaskScheduler.Default);
        }
    }

    private static byte[] Field(string initial)
    {
        var b = new byte[64];
        Encoding.UTF8.GetBytes(initial, b);
        return b;
    }

    private static string Text(byte[] field)
    {
        int n = Array.IndexOf(field, (byte)0);
        return Encoding.UTF8.GetString(field, 0, n < 0 ? field.Length : n).Trim();
    }
}
