using System.Collections.Concurrent;
using System.Numerics;

namespace LiveGrade.App.Panel;

/// <summary>
/// Where the panel drew its controls in the last frame, by name ("grade.slope.master", "router.DIT.B-CAM"), in
/// window pixels: how tests find what to click with xdotool, as a person finds it by eye. Filled only when a
/// probe is attached (tests), so a normal panel frame does not pay for it.
/// </summary>
public sealed class PanelProbe
{
    private readonly ConcurrentDictionary<string, (Vector2 Min, Vector2 Max)> _items = new();

    /// <summary>Frames drawn since the probe was attached.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    private long _frames;

    internal void Set(string name, Vector2 min, Vector2 max) => _items[name] = (min, max);

    private readonly ConcurrentDictionary<string, string> _notes = new();

    internal void FrameDone() => Interlocked.Increment(ref _frames);

    /// <summary>A fact about the panel a test checks before its next step ("selected" = "B-CAM").</summary>
    internal void Note(string key, string value) => _notes[key] = value;

    public IReadOnlyDictionary<string, string> Notes => new Dictionary<string, string>(_notes);

    /// <summary>The rectangle of a named control, if it was drawn.</summary>
    public bool TryGet(string name, out (Vector2 Min, Vector2 Max) rect) => _items.TryGetValue(name, out rect);

    /// <summary>The centre of a named control; throws when it was never drawn (a test then says which).</summary>
    public Vector2 Centre(string name) =>
        TryGet(name, out var r) ? (r.Min + r.Max) / 2 : throw new KeyNotFoundException($"the panel never drew '{name}' (drawn: {string.Join(", ", _items.Keys.Order())})");

    public IReadOnlyCollection<string> Names => _items.Keys.ToList();
}
