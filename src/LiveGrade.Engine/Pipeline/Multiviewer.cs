using LiveGrade.Core.Video;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Show;

namespace LiveGrade.Engine.Pipeline;

/// <summary>
/// Tiles several inputs into one picture for video village: a grid ("2x2", "3x3", "CxR") of tiles, each
/// the input scaled down (area average) and then graded with its own view through its own compiled look
/// (grading after scaling costs a quarter as much at 2x2), with the input's label underneath and a tally
/// border: red when the input is on any other output (it is "on air" somewhere), grey otherwise.
/// Tiles of inputs without signal show the slate. Each input is scaled once per frame however many tiles
/// show it (graded and clean side by side is the usual village layout), and each tile's look reads the
/// scaled picture and writes the tile in one pass. Only the borders, label strips and the grid's unused
/// cells are filled: the picture areas are written once. Scratch buffers are allocated once.
/// <para>With two or more inputs the work is split by input between the output's thread and one helper thread of
/// this multiviewer's (each scales its inputs and grades their tiles, each tile's look on one thread): the
/// multiviewer was the demo's longest chain, 17 ms a frame on one thread with its tiles' looks queued behind the
/// other outputs' on the shared band workers, and its p99 latency the one above a frame period.</para>
/// </summary>
public sealed class Multiviewer : IDisposable
{
    private const int Border = 3;
    private static readonly (float, float, float) Background = (0.02f, 0.02f, 0.02f);
    private readonly MultiviewerDefinition _definition;
    private readonly int _columns, _rows;
    private readonly float[][] _scratch;
    private readonly int _tileW, _tileH;
    private readonly string[] _inputs;          // distinct inputs, in tile order
    private readonly int[] _inputOfTile;        // index into _inputs
    private readonly float[][] _scaled;         // per distinct input
    private readonly bool[] _scaledOk;          // this frame: the input had a picture
    private readonly char[] _label = new char[128]; // a tile's label, formatted without allocating

    public Multiviewer(MultiviewerDefinition definition, int width, int height)
    {
        _definition = definition;
        (_columns, _rows) = ParseLayout(definition.Layout, definition.Tiles.Count);
        _tileW = width / _columns;
        _tileH = height / _rows;
        _scratch = definition.Tiles.Select(_ => new float[_tileW * _tileH * 4]).ToArray();
        _inputs = definition.Tiles.Select(t => t.Input).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        _inputOfTile = definition.Tiles.Select(t => Array.FindIndex(_inputs, i => string.Equals(i, t.Input, StringComparison.OrdinalIgnoreCase))).ToArray();
        _scaled = _inputs.Select(_ => new float[_tileW * _tileH * 4]).ToArray();
        _scaledOk = new bool[_inputs.Length];
        if (_inputs.Length >= 2)
        {
            _helper = new Thread(HelperLoop) { IsBackground = true, Name = "lg-mv-helper" };
            _helper.Start();
        }
    }

    // The helper's half of a frame: set by Render before _go is released, read by the helper until it releases _done.
    private readonly Thread? _helper;
    private readonly SemaphoreSlim _go = new(0), _done = new(0);
    private volatile bool _disposed;
    private LiveEngine? _jobEngine;
    private EngineState? _jobState;
    private OutputState? _jobSelf;
    private CompiledLookCache[]? _jobLooks;
    private int _jobOutput, _jobPw, _jobPh;
    private Exception? _helperError;

    private void HelperLoop()
    {
        while (true)
        {
            _go.Wait();
            if (_disposed)
            {
                _done.Release(); // a Render that released _go just before Dispose must not wait for ever
                return;
            }
            try
            {
                RenderInputs(1, 2, _jobEngine!, _jobState!, _jobSelf!, _jobOutput, _jobLooks!, _jobPw, _jobPh);
            }
            catch (Exception e)
            {
                _helperError = e; // rethrown on the output's thread, which reports it
            }
            finally
            {
                Volatile.Write(ref _helperAllocatedBytes, GC.GetAllocatedBytesForCurrentThread());
                Interlocked.Increment(ref _helperFrames);
                _done.Release();
            }
        }
    }

    private long _helperAllocatedBytes, _helperFrames;

    /// <summary>Frames the helper thread has done its half of.</summary>
    public long HelperFrames => Interlocked.Read(ref _helperFrames);

    /// <summary>Bytes the helper thread has allocated since it started, as of its last frame (0 without a helper): flat in steady state.</summary>
    public long HelperAllocatedBytes => Volatile.Read(ref _helperAllocatedBytes);

    /// <summary>Scales inputs part, part + parts, ... and grades their tiles: each tile always on the same thread, so its look cache has one user.</summary>
    private void RenderInputs(int part, int parts, LiveEngine engine, EngineState state, OutputState self, int outputIndex, CompiledLookCache[] looks, int pw, int ph)
    {
        for (int i = part; i < _inputs.Length; i += parts)
        {
            _scaledOk[i] = ScaleInput(engine, i, pw, ph);
            for (int t = 0; t < _definition.Tiles.Count; t++)
            {
                if (_inputOfTile[t] == i) RenderTile(engine, state, self, outputIndex, looks[t], t, pw, ph);
            }
        }
    }

    public void Dispose()
    {
        if (_helper is null || _disposed) return;
        _disposed = true;
        _go.Release();
        _helper.Join(TimeSpan.FromSeconds(2));
    }

    public static (int Columns, int Rows) ParseLayout(string layout, int tiles)
    {
        var parts = layout.ToLowerInvariant().Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], out var c) && int.TryParse(parts[1], out var r) && c is >= 1 and <= 8 && r is >= 1 and <= 8 && c * r >= tiles)
        {
            return (c, r);
        }
        throw new LiveGrade.Core.Diagnostics.InputException($"multiviewer layout '{layout}' must be CxR (1..8 each) with room for {tiles} tiles");
    }

    public void Render(LiveEngine engine, EngineState state, int outputIndex, CompiledLookCache[] looks, Span<float> dst, int width, int height)
    {
        var self = state.Outputs[outputIndex];
        int labelH = Math.Max(12, _tileH / 10);
        int scale = Math.Max(1, (labelH - 4) / BitmapFont.GlyphHeight);
        int pw = _tileW - 2 * Border, ph = _tileH - 2 * Border - labelH;
        if (pw < 8 || ph < 8)
        {
            BitmapFont.FillRect(dst, width, height, 0, 0, width, height, Background);
            return;
        }
        // Scale each input once, then grade each of its tiles from the scaled picture: half the inputs here, half
        // on the helper (a persistent thread and two semaphores: Parallel.For allocated its loop state every frame).
        if (_helper is null || _disposed)
        {
            RenderInputs(0, 1, engine, state, self, outputIndex, looks, pw, ph);
        }
        else
        {
            (_jobEngine, _jobState, _jobSelf, _jobOutput, _jobLooks, _jobPw, _jobPh) = (engine, state, self, outputIndex, looks, pw, ph);
            _helperError = null;
            _go.Release();
            try
            {
                RenderInputs(0, 2, engine, state, self, outputIndex, looks, pw, ph);
            }
            finally
            {
                _done.Wait(); // the helper's tiles are done (or failed) before the frame goes on
            }
            if (_helperError is { } error) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
        // What no cell covers (the remainder when the size does not divide by the grid), and empty cells.
        BitmapFont.FillRect(dst, width, height, _columns * _tileW, 0, width - _columns * _tileW, height, Background);
        BitmapFont.FillRect(dst, width, height, 0, _rows * _tileH, width, height - _rows * _tileH, Background);
        for (int cell = _definition.Tiles.Count; cell < _columns * _rows; cell++)
        {
            BitmapFont.FillRect(dst, width, height, (cell % _columns) * _tileW, (cell / _columns) * _tileH, _tileW, _tileH, Background);
        }
        for (int t = 0; t < _definition.Tiles.Count; t++)
        {
            var tile = _definition.Tiles[t];
            var slot = engine.Input(tile.Input);
            var camera = state.Cameras[slot.Index];
            int tx = (t % _columns) * _tileW, ty = (t / _columns) * _tileH;
            var pic = _scratch[t].AsSpan(0, pw * ph * 4);
            bool onAir = false;
            foreach (var o in state.Outputs)
            {
                onAir |= o.Name != self.Name && string.Equals(o.Route, camera.Name, StringComparison.OrdinalIgnoreCase);
            }
            var tally = onAir ? (0.8f, 0.05f, 0.05f) : (0.25f, 0.25f, 0.25f);
            // Tally border (four strips), the label strip under the picture, the picture.
            BitmapFont.FillRect(dst, width, height, tx, ty, _tileW, Border, tally);
            BitmapFont.FillRect(dst, width, height, tx, ty + _tileH - Border, _tileW, Border, tally);
            BitmapFont.FillRect(dst, width, height, tx, ty + Border, Border, _tileH - 2 * Border, tally);
            BitmapFont.FillRect(dst, width, height, tx + _tileW - Border, ty + Border, Border, _tileH - 2 * Border, tally);
            BitmapFont.FillRect(dst, width, height, tx + Border, ty + Border + ph, pw, labelH, Background);
            for (int y = 0; y < ph; y++)
            {
                pic.Slice(y * pw * 4, pw * 4).CopyTo(dst.Slice(((ty + Border + y) * width + tx + Border) * 4, pw * 4));
            }
            // The label, formatted into a scratch buffer (the font draws upper case): name, view, timecode.
            Span<char> label = _label;
            int n = 0;
            Append(label, ref n, camera.Label);
            Append(label, ref n, "  ");
            Append(label, ref n, tile.View);
            Append(label, ref n, "  ");
            if (slot.LastTimecode is { } tc) n += tc.Format(label[n..]);
            else Append(label, ref n, "--:--:--:--");
            BitmapFont.Draw(dst, width, height, tx + Border + 4, ty + Border + ph + 2, label[..n], scale, (0.9f, 0.9f, 0.9f));
        }
    }

    private static void Append(Span<char> into, ref int at, string text)
    {
        int n = Math.Min(text.Length, into.Length - at - Timecode.FormattedLength);
        if (n <= 0) return;
        text.AsSpan(0, n).CopyTo(into[at..]);
        at += n;
    }

    /// <summary>Scales input <paramref name="i"/>'s newest frame into its scratch; false when it has none (no signal).</summary>
    private bool ScaleInput(LiveEngine engine, int i, int pw, int ph)
    {
        var slot = engine.Input(_inputs[i]);
        var frame = slot.IsNoSignal ? null : slot.Acquire();
        if (frame is null) return false;
        try
        {
            Scaler.Fit(OutputRunner.Floats(frame), frame.Width, frame.Height, _scaled[i].AsSpan(0, pw * ph * 4), pw, ph);
            return true;
        }
        finally
        {
            frame.Release();
        }
    }

    private void RenderTile(LiveEngine engine, EngineState state, OutputState self, int outputIndex, CompiledLookCache looks, int t, int pw, int ph)
    {
        var tile = _definition.Tiles[t];
        var slot = engine.Input(tile.Input);
        var pic = _scratch[t].AsSpan(0, pw * ph * 4);
        var camera = state.Cameras[slot.Index];
        int input = _inputOfTile[t];
        if (!_scaledOk[input])
        {
            Slate.Draw(pic, pw, ph, camera.Label);
            return;
        }
        var scaled = _scaled[input].AsSpan(0, pw * ph * 4);
        var look = looks.Get(new LookKey(slot.Index, camera.LookVersion, tile.View, self.Display, outputIndex), waitIfNone: true);
        if (look is null) scaled.CopyTo(pic);
        else look.Apply(scaled, pic, 1); // on this thread alone: the tiles are split between two threads already
    }
}
