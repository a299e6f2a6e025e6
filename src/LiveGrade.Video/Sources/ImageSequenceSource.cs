using System.Text.RegularExpressions;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Core.Video;
using LiveGrade.Interop.Oiio;

namespace LiveGrade.Video.Sources;

/// <summary>
/// Plays an image sequence (EXR, DPX, TIFF, PNG: whatever the image shim reads) at the mode's rate, in a
/// loop. The pattern is <c>shot.%04d.exr</c>, <c>shot.####.exr</c>, a folder (every image in name order)
/// or a single still. Images are read on the source's thread as they are needed; one that fails to read
/// is skipped and counted dropped with its name in <see cref="IVideoSource.LastError"/>, and the sequence
/// goes on. Every image must have the first image's size.
/// </summary>
public sealed partial class ImageSequenceSource : ClockedSource
{
    private readonly string[] _files;

    private ImageSequenceSource(string name, VideoMode mode, string[] files)
        : base(name, mode)
    {
        _files = files;
    }

    /// <summary>The files in play order.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>Finds the files of <paramref name="pattern"/> and reads the first for the size.</summary>
    public static ImageSequenceSource Open(string name, string pattern, FrameRate rate)
    {
        var files = Expand(pattern);
        if (files.Length == 0)
        {
            throw new InputException("no images match this pattern", pattern);
        }
        RgbaImage first;
        try
        {
            first = ImageFile.Read(files[0]);
        }
        catch (Exception e) when (e is not InputException)
        {
            throw new InputException($"cannot read the first image: {e.Message}", files[0]);
        }
        return new ImageSequenceSource(name, new VideoMode(first.Width, first.Height, rate, PixelFormat.Rgba32F), files);
    }

    /// <summary>The files a pattern names, sorted by name (numbers compare as written with padding).</summary>
    public static string[] Expand(string pattern)
    {
        if (Directory.Exists(pattern))
        {
            return Directory.GetFiles(pattern).Where(IsImage).Order(StringComparer.Ordinal).ToArray();
        }
        var dir = Path.GetDirectoryName(Path.GetFullPath(pattern))!;
        var file = Path.GetFileName(pattern);
        var printf = PrintfPattern().Match(file);
        var hashes = HashPattern().Match(file);
        Match m = printf.Success ? printf : hashes;
        if (!m.Success)
        {
            return File.Exists(pattern) ? [Path.GetFullPath(pattern)] : [];
        }
        if (!Directory.Exists(dir)) return [];
        var digits = printf.Success ? (printf.Groups[1].Success ? int.Parse(printf.Groups[1].Value) : 1) : hashes.Length;
        var regex = new Regex("^" + Regex.Escape(file[..m.Index]) + $"(\\d{{{digits},}})" + Regex.Escape(file[(m.Index + m.Length)..]) + "$");
        return Directory.GetFiles(dir)
            .Select(f => (Path: f, Match: regex.Match(Path.GetFileName(f))))
            .Where(t => t.Match.Success)
            .OrderBy(t => long.Parse(t.Match.Groups[1].Value))
            .Select(t => t.Path)
            .ToArray();
    }

    protected override void Render(VideoFrame frame, long index, bool fresh)
    {
        var path = _files[index % _files.Length];
        RgbaImage image;
        try
        {
            image = ImageFile.Read(path);
        }
        catch (Exception e)
        {
            SetError($"{path}: {e.Message.ReplaceLineEndings(" ")}");
            TestPatterns.Floats(frame).Clear();
            frame.Flags |= FrameFlags.Concealed;
            return;
        }
        if (image.Width != Mode.Width || image.Height != Mode.Height)
        {
            SetError($"{path}: {image.Width}x{image.Height} differs from the sequence's {Mode.Width}x{Mode.Height}");
            frame.Flags |= FrameFlags.Concealed;
            return;
        }
        image.Pixels.AsSpan().CopyTo(TestPatterns.Floats(frame));
        frame.Range = SignalRange.Full;
    }

    private static bool IsImage(string path) => Path.GetExtension(path).ToLowerInvariant() is
        ".exr" or ".dpx" or ".tif" or ".tiff" or ".png" or ".jpg" or ".jpeg";

    [GeneratedRegex(@"%0?(\d+)?d")]
    private static partial Regex PrintfPattern();

    [GeneratedRegex(@"#+")]
    private static partial Regex HashPattern();
}
