using LiveGrade.Core.Diagnostics;
using LiveGrade.Interop.Oiio;

namespace LiveGrade.Engine.Pipeline;

/// <summary>Reference stills for compare modes, at an output's size. Called by one output thread.</summary>
public interface IReferenceStills
{
    /// <summary>
    /// The still <paramref name="still"/> (a path as the show names it) as an RGBA float picture of
    /// <paramref name="width"/> x <paramref name="height"/>, or null while it is being read (or when it cannot be:
    /// the output then shows its own picture whole). Returns the same array every frame once it is ready.
    /// </summary>
    float[]? TryGet(string still, int width, int height);
}

/// <summary>
/// One output's reference still: read once through the image reader the CLI verbs use (OpenImageIO: EXR, TIFF,
/// DPX, PNG, ...) on the thread pool, scaled once to the output's size (<see cref="Prepare"/>), and then handed
/// out as the same array every frame, so a compare against a still costs copies only. A still that cannot be read
/// is reported once in one line (<c>error: FILE: reason</c>) and not tried again until another still is asked for.
/// The picture is taken as it is: display-referred, as the output's own signal (a grab of an output is exactly
/// that). Stills larger than <paramref name="maxPixels"/> (by default 8192 x 4320, 8K: 566 MB as float) are refused
/// from their header: a still comes from the network's compare commands, and the engine must not be made to take
/// gigabytes for one. Used by one output thread.
/// </summary>
public sealed class ReferenceStillCache(Func<string, string> resolve, Action<string> report, long maxPixels = ReferenceStillCache.DefaultMaxPixels) : IReferenceStills
{
    /// <summary>The largest still taken by default: 8192 x 4320 pixels.</summary>
    public const long DefaultMaxPixels = 8192L * 4320;

    private string? _still;
    private int _width, _height;
    private float[]? _picture;
    private Task<float[]>? _pending;
    private (string Still, int Width, int Height) _pendingKey;
    private (string Still, int Width, int Height)? _failed;

    public float[]? TryGet(string still, int width, int height)
    {
        if (_picture is not null && _still == still && _width == width && _height == height) return _picture;
        if (_pending is { } p)
        {
            if (!p.IsCompleted) return null; // one read at a time; the next still follows
            Complete(p);
            if (_picture is not null && _still == still && _width == width && _height == height) return _picture;
        }
        if (_failed == (still, width, height)) return null;
        Start(still, width, height);
        return null;
    }

    // Apart from TryGet: a lambda capturing TryGet's parameters would allocate its closure on every call of it
    // (C# makes the closure where the captured parameters come into scope), that is on every frame.
    private void Start(string still, int width, int height)
    {
        _pendingKey = (still, width, height);
        _pending = Task.Run(() => Prepare(ImageFile.Read(resolve(still), maxPixels), width, height));
    }

    private void Complete(Task<float[]> task)
    {
        _pending = null;
        if (task.IsCompletedSuccessfully)
        {
            (_still, _width, _height) = _pendingKey;
            _picture = task.Result;
            return;
        }
        _failed = _pendingKey;
        var e = task.Exception?.GetBaseException();
        report(e is InputException ie ? ie.ToOneLine() : $"error: still {_pendingKey.Still}: {e?.Message.ReplaceLineEndings(" ")}");
    }

    /// <summary>
    /// A still at an output's size, opaque: the same size is taken as it is; another size is fitted whole by the
    /// engine's area-average <see cref="Scaler"/>, keeping its aspect (letterboxed or pillarboxed on black, centred).
    /// </summary>
    public static float[] Prepare(RgbaImage image, int width, int height)
    {
        var picture = new float[width * height * 4];
        if (image.Width == width && image.Height == height)
        {
            image.Pixels.AsSpan().CopyTo(picture);
        }
        else
        {
            // Fit the whole still inside: as wide as the output unless that makes it too tall.
            int w = width, h = (int)Math.Round((double)image.Height * width / image.Width);
            if (h > height)
            {
                h = height;
                w = (int)Math.Round((double)image.Width * height / image.Height);
            }
            w = Math.Clamp(w, 1, width);
            h = Math.Clamp(h, 1, height);
            Scaler.FitInto(image.Pixels, image.Width, image.Height, picture, width, (width - w) / 2, (height - h) / 2, w, h);
        }
        for (int i = 3; i < picture.Length; i += 4) picture[i] = 1f;
        return picture;
    }
}
