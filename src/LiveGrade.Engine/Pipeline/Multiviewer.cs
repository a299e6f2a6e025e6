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
/// show it (graded and clean side by side is the usual village layout), a row at a time, and each tile's look
/// grades that row from L1 straight into the output picture. Only the borders, label strips and the grid's
/// unused cells are filled: the picture areas are written once. Scratch buffers are allocated once.
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
    private readonly float[][] _rowBuffers;     // per distinct input: one scaled row, graded from L1 straight into each of its tiles
    private readonly RowScaler?[] _scalers;     // per distinct input, for its current frame size
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
        _rowBuffers = _inputs.Select(_ => new float[_tileW * 4]).ToArray();
        _scalers = new RowScaler?[_inputs.Length];
        _tileLooks = new CompiledLook?[definition.Tiles.Count];
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
    private int _jobOutput, _jobPw, _jobPh, _jobWidth, _jobHeight;
    private unsafe float* _jobDst; // the output picture, pinned by Render until the helper's half is done
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
                unsafe
                {
                    var dst = new Span<float>(_jobDst, _jobWidth * _jobHeight * 4);
                    RenderInputs(1, 2, _jobEngine!, _jobState!, _jobSelf!, _jobOutput, _jobLooks!, dst, _jobWidth, _jobPw, _jobPh);
                }
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

    /// <summary>
    /// Inputs part, part + parts, ...: each scaled a row at a time, and each row graded by every tile that shows the
    /// input straight into the output picture (so each tile always runs on the same thread, and its look cache has
    /// one user). The scaled row is in L1 when the looks read it; a scaled picture, then a tile picture copied into
    /// the output, cost two more trips through memory (the copy was 4% of the demo's CPU, on the critical path).
    /// </summary>
    private void RenderInputs(int part, int parts, LiveEngine engine, EngineState state, OutputState self, int outputIndex, CompiledLookCache[] looks,
        Span<float> dst, int width, int pw, int ph)
    {
        Span<int> tiles = stackalloc int[_definition.Tiles.Count];
        var tileLooks = _tileLooks;
        for (int i = part; i < _inputs.Length; i += parts)
        {
            int count = 0;
            for (int t = 0; t < _definition.Tiles.Count; t++)
            {
                if (_inputOfTile[t] == i) tiles[count++] = t;
            }
            var slot = engine.Input(_inputs[i]);
            var frame = slot.IsNoSignal ? null : slot.Acquire();
            if (frame is null)
            {
                for (int k = 0; k < count; k++) DrawSlate(state, tiles[k], slot, dst, width, pw, ph);
                continue;
            }
            try
            {
                for (int k = 0; k < count; k++)
                {
                    var tile = _definition.Tiles[tiles[k]];
                    var camera = state.Cameras[slot.Index];
                    tileLooks[tiles[k]] = looks[tiles[k]].Get(new LookKey(slot.Index, camera.LookVersion, tile.View, self.Display, outputIndex), waitIfNone: true);
                }
                var scaler = _scalers[i];
                if (scaler is null || scaler.SourceWidth != frame.Width || scaler.SourceHeight != frame.Height || scaler.Width != pw || scaler.Height != ph)
                {
                    _scalers[i] = scaler = new RowScaler(frame.Width, frame.Height, pw, ph); // a new input size: once
                }
                var source = OutputRunner.Floats(frame);
                var row = _rowBuffers[i].AsSpan(0, pw * 4);
                for (int y = 0; y < ph; y++)
                {
                    scaler.Row(source, y, row);
                    for (int k = 0; k < count; k++)
                    {
                        int t = tiles[k];
                        var (x, top, _, _) = PictureArea(t);
                        var into = dst.Slice(((top + y) * width + x) * 4, pw * 4);
                        if (tileLooks[t] is { } look)
                        {
                            // Straight into the output picture (a row's last pixels, fewer than a vector, go through a
                            // padded scratch in the look itself); this thread alone: the inputs are split between two
                            // threads already.
                            look.Apply(row, into, 1);
                        }
                        else
                        {
                            row[..into.Length].CopyTo(into);
                        }
                    }
                }
            }
            finally
            {
                frame.Release();
            }
        }
    }

    private readonly CompiledLook?[] _tileLooks; // this frame's look per tile (each set by the thread that renders the tile)

    /// <summary>The "no signal" slate in tile <paramref name="t"/>'s picture area.</summary>
    private void DrawSlate(EngineState state, int t, InputSlot slot, Span<float> dst, int width, int pw, int ph)
    {
        var pic = _scratch[t].AsSpan(0, pw * ph * 4);
        Slate.Draw(pic, pw, ph, state.Cameras[slot.Index].Label);
        var (x, top, _, _) = PictureArea(t);
        for (int y = 0; y < ph; y++)
        {
            pic.Slice(y * pw * 4, pw * 4).CopyTo(dst.Slice(((top + y) * width + x) * 4, pw * 4));
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
        int labelH = LabelHeight;
        int scale = Math.Max(1, (labelH - 4) / BitmapFont.GlyphHeight);
        var (_, _, pw, ph) = PictureArea(0);
        if (pw < 8 || ph < 8)
        {
            BitmapFont.FillRect(dst, width, height, 0, 0, width, height, Background);
            return;
        }
        // Scale each input once, then grade each of its tiles from the scaled picture: half the inputs here, half
        // on the helper (a persistent thread and two semaphores: Parallel.For allocated its loop state every frame).
        if (_helper is null || _disposed)
        {
            RenderInputs(0, 1, engine, state, self, outputIndex, looks, dst, width, pw, ph);
        }
        else
        {
            unsafe
            {
                fixed (float* pinned = dst)
                {
                    (_jobEngine, _jobState, _jobSelf, _jobOutput, _jobLooks, _jobPw, _jobPh) = (engine, state, self, outputIndex, looks, pw, ph);
                    _jobDst = pinned;
                    (_jobWidth, _jobHeight) = (width, height);
                    _helperError = null;
                    _go.Release();
                    try
                    {
                        RenderInputs(0, 2, engine, state, self, outputIndex, looks, dst, width, pw, ph);
                    }
                    finally
                    {
                        _done.Wait(); // the helper's tiles are done (or failed) before the frame goes on (and dst is unpinned)
                        _jobDst = null;
                    }
                }
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
            // The label, formatted into a scratch buffer (the font draws upper case): name, view, timecode.
            Span<char> label = _label;
            int n = 0;
            Append(label, ref n, camera.Label);
            Append(label, ref n, "  ");
            Append(label, ref n, tile.View);
            Append(label, ref n, "  ");
            if (slot.LastTimecode is { } tc) n += tc.Format(label[n..]);
            else Append(label, ref n, "--:--:--:--");
            // As large as the strip allows, but never wider than the tile (at 1080p the strip's height alone gave
            // letters that ran into the next tile and cut the timecode off).
            int fit = Math.Max(1, Math.Min(scale, (pw - 8) / Math.Max(1, n * (BitmapFont.GlyphWidth + 1))));
            BitmapFont.Draw(dst, width, height, tx + Border + 4, ty + Border + ph + (labelH - BitmapFont.GlyphHeight * fit) / 2, label[..n], fit, (0.9f, 0.9f, 0.9f));
        }
    }

    private int LabelHeight => Math.Max(12, _tileH / 10);

    /// <summary>Where tile <paramref name="t"/>'s picture lies in the output: inside its tally border, above its label strip.</summary>
    public (int X, int Y, int Width, int Height) PictureArea(int t) =>
        ((t % _columns) * _tileW + Border, (t / _columns) * _tileH + Border, _tileW - 2 * Border, _tileH - 2 * Border - LabelHeight);

    private static void Append(Span<char> into, ref int at, string text)
    {
        int n = Math.Min(text.Length, into.Length - at - Timecode.FormattedLength);
        if (n <= 0) return;
        text.AsSpan(0, n).CopyTo(into[at..]);
        at += n;
    }
}
