using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LiveGrade.Color.Scopes;

namespace LiveGrade.Engine.Pipeline;

/// <summary>
/// The scope insets' counting, bin for bin the counts of the scope package's reference analysers
/// (<c>WaveformCpuAnalyzer</c>, <c>VectorscopeCpuAnalyzer</c>, <c>HistogramCpuAnalyzer</c>), made fast enough
/// for every frame of a live output: a row at a time, the 10-bit codes of eight pixels at once with AVX2 (the
/// reference's float operations in the same order — Y' = Kr R' + Kg G' + Kb B' with each product rounded, then
/// code = floor(v × scale + offset + 0.5) clamped to 0..1023, NaN to 0 — so the same codes), then the counts
/// bumped without branches. Neighbouring pixels often land in one bin, and each bump of a counter waits for the
/// last one to be stored: the channels' bumps are interleaved (parade, histogram), and a single channel
/// (luma waveform, vectorscope) alternates between two sets of counts, even and odd pixels, added at the end.
/// (Adding runs of equal bins instead costs a mispredicted branch per change, twice the reference's time on a
/// camera picture's noise, measured.)
/// <para>Lane layout: eight RGBA pixels load as four 256-bit vectors (two pixels each); a permute within
/// each, two 64-bit unpacks and two 128-bit lane swaps give R, G, B (and A) of pixels 0..7 in order.</para>
/// Without AVX2 the reference analysers run as they are. Buffers are made once per picture width and scope;
/// a frame allocates nothing.
/// </summary>
public sealed class ScopeCounting
{
    private readonly int[] _a, _b, _c, _d;
    private uint[] _odd = [];

    /// <summary>Row buffers for pictures up to <paramref name="maxWidth"/> pixels wide.</summary>
    public ScopeCounting(int maxWidth)
    {
        _a = new int[maxWidth];
        _b = new int[maxWidth];
        _c = new int[maxWidth];
        _d = new int[maxWidth];
    }

    /// <summary>False where the reference analysers run instead (no AVX2, or turned off with DOTNET_EnableAVX2=0).</summary>
    public static bool Accelerated => Avx2.IsSupported;

    /// <summary>
    /// Luma (one channel) or R', G', B' (three) per waveform column, as <c>WaveformCpuAnalyzer.Analyze</c>.
    /// </summary>
    public void Waveform(ReadOnlySpan<float> rgba, int width, int height, Color.Scopes.Waveform.WaveformCounts into)
    {
        var p = into.Params;
        if (!Accelerated || width > _a.Length)
        {
            Color.Scopes.Waveform.WaveformCpuAnalyzer.Analyze(rgba, width, height, into);
            return;
        }
        Check(rgba, width, height);
        if (width > _a.Length)
        {
            throw new ArgumentException($"a {width}-pixel row is wider than the {_a.Length} this counter was made for", nameof(width));
        }
        Array.Clear(into.Counts);
        into.ImageWidth = width;
        into.ImageHeight = height;
        var w = p.Matrix.Weights();
        int columns = p.Columns;
        // _d holds each pixel's column start in the counts: x * columns / width, times 1024.
        for (int x = 0, column = 0, remainder = 0; x < width; x++)
        {
            _d[x] = column * VideoLevels.Codes;
            remainder += columns;
            while (remainder >= width)
            {
                remainder -= width;
                column++;
            }
        }
        int channelBlock = columns * VideoLevels.Codes;
        var counts = into.Counts;
        var odd = p.Rgb ? null : Odd(counts.Length);
        for (int y = 0; y < height; y++)
        {
            var row = rgba.Slice(y * width * 4, width * 4);
            if (p.Rgb)
            {
                RowCodes(row, width, w, luma: false, chroma: false, channels: true);
                for (int x = 0; x < width; x++)
                {
                    int column = _d[x];
                    counts[column + _a[x]]++;
                    counts[channelBlock + column + _b[x]]++;
                    counts[2 * channelBlock + column + _c[x]]++;
                }
            }
            else
            {
                LumaCodes(row, w, _a.AsSpan(0, width));
                int x = 0;
                for (; x + 1 < width; x += 2)
                {
                    counts[_d[x] + _a[x]]++;
                    odd![_d[x + 1] + _a[x + 1]]++;
                }
                if (x < width) counts[_d[x] + _a[x]]++;
            }
        }
        if (odd is not null) AddInto(counts, odd);
    }

    /// <summary>
    /// The lower-third waveform's counts: luma samples of every <paramref name="rowStep"/>-th row per (band of
    /// codes, column), band-major: <c>counts[band * columns + column]</c>, where <paramref name="bandOfCode"/>
    /// maps each 10-bit code (the same code as <c>WaveformCpuAnalyzer</c>'s) to the inset row that draws it and
    /// column = x · columns / width. Counting straight into the inset's rows keeps the counts the size of the
    /// drawing (1920 x 360 at 1080p, 2.7 MB) instead of 1024 codes a column (8 MB, cleared, doubled for the
    /// even/odd sets, added and then reduced every frame: memory traffic that was most of the overlay's cost),
    /// and a picture row's neighbouring pixels mostly bump neighbouring counters. <paramref name="counts"/> is
    /// cleared first; returns the samples counted per column at most (the brightest a count can be).
    /// </summary>
    public long BandedLuma(ReadOnlySpan<float> rgba, int width, int height, int rowStep, ScopeWeights w, ReadOnlySpan<int> bandOfCode, int columns, Span<uint> counts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowStep, 1);
        Check(rgba, width, height);
        PrepareBandedLuma(width, bandOfCode, columns, counts);
        for (int y = 0; y < height; y += rowStep)
        {
            LumaCodes(rgba.Slice(y * width * 4, width * 4), w, _a.AsSpan(0, width));
            CountBandedRow(_a.AsSpan(0, width), bandOfCode, columns, counts);
        }
        return (long)((height + rowStep - 1) / rowStep) * ((width + columns - 1) / columns);
    }

    /// <summary>
    /// As <see cref="BandedLuma"/>, from luma codes already made (<see cref="LumaCodes"/>, by the look's band workers
    /// while each band was in cache): <paramref name="codes"/> holds <paramref name="rows"/> counted rows of
    /// <paramref name="width"/> codes, one after the other. The same counts as BandedLuma over the picture.
    /// </summary>
    public long BandedLumaFromCodes(ReadOnlySpan<int> codes, int width, int rows, ReadOnlySpan<int> bandOfCode, int columns, Span<uint> counts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(codes.Length, width * rows, nameof(codes));
        PrepareBandedLuma(width, bandOfCode, columns, counts);
        for (int r = 0; r < rows; r++) CountBandedRow(codes.Slice(r * width, width), bandOfCode, columns, counts);
        return (long)rows * ((width + columns - 1) / columns);
    }

    /// <summary>Clears the counts and fills _d with each pixel's column (x · columns / width, without a division).</summary>
    private void PrepareBandedLuma(int width, ReadOnlySpan<int> bandOfCode, int columns, Span<uint> counts)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, _a.Length);
        ArgumentOutOfRangeException.ThrowIfNotEqual(bandOfCode.Length, VideoLevels.Codes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(columns, width);
        counts.Clear();
        for (int x = 0, column = 0, remainder = 0; x < width; x++)
        {
            _d[x] = column;
            remainder += columns;
            while (remainder >= width)
            {
                remainder -= width;
                column++;
            }
        }
    }

    private void CountBandedRow(ReadOnlySpan<int> codes, ReadOnlySpan<int> bandOfCode, int columns, Span<uint> counts)
    {
        for (int x = 0; x < codes.Length; x++) counts[bandOfCode[codes[x]] * columns + _d[x]]++;
    }

    /// <summary>
    /// The 10-bit luma code of each RGBA float pixel of <paramref name="rgba"/> into <paramref name="codes"/>, the
    /// reference's codes (eight at once with AVX2). Keeps no state: bands of one picture may be coded at once.
    /// </summary>
    public static void LumaCodes(ReadOnlySpan<float> rgba, ScopeWeights w, Span<int> codes)
    {
        int n = rgba.Length / 4;
        ArgumentOutOfRangeException.ThrowIfLessThan(codes.Length, n, nameof(codes));
        ref float src = ref MemoryMarshal.GetReference(rgba);
        int x = 0;
        if (Avx2.IsSupported)
        {
            var yr = Vector256.Create(w.YR); var yg = Vector256.Create(w.YG); var yb = Vector256.Create(w.YB);
            var scale = Vector256.Create(VideoLevels.LumaScale); var offset = Vector256.Create(VideoLevels.LumaOffset);
            for (; x + 8 <= n; x += 8)
            {
                LoadRgb8(ref Unsafe.Add(ref src, x * 4), out var r, out var g, out var b);
                Codes(Avx.Add(Avx.Add(Avx.Multiply(yr, r), Avx.Multiply(yg, g)), Avx.Multiply(yb, b)), scale, offset).StoreUnsafe(ref codes[x]);
            }
        }
        for (; x < n; x++) codes[x] = VideoLevels.LumaCode(w.Luma(rgba[x * 4], rgba[x * 4 + 1], rgba[x * 4 + 2]));
    }

    /// <summary>Pixels per (Cb, Cr) bin, as <c>VectorscopeCpuAnalyzer.Analyze</c>.</summary>
    public void Vectorscope(ReadOnlySpan<float> rgba, int width, int height, Color.Scopes.Vectorscope.VectorscopeCounts into)
    {
        var p = into.Params;
        if (!Accelerated || width > _a.Length)
        {
            Color.Scopes.Vectorscope.VectorscopeCpuAnalyzer.Analyze(rgba, width, height, into);
            return;
        }
        Check(rgba, width, height);
        Array.Clear(into.Counts);
        into.ImageWidth = width;
        into.ImageHeight = height;
        var w = p.Matrix.Weights();
        // bin = code * size / 1024 for a size that divides 1024: a shift.
        int shift = System.Numerics.BitOperations.Log2((uint)(VideoLevels.Codes / p.Size));
        int log2Size = System.Numerics.BitOperations.Log2((uint)p.Size);
        var counts = into.Counts;
        var odd = Odd(counts.Length);
        for (int y = 0; y < height; y++)
        {
            var row = rgba.Slice(y * width * 4, width * 4);
            RowCodes(row, width, w, luma: false, chroma: true, channels: false);
            int x = 0;
            for (; x + 1 < width; x += 2)
            {
                counts[(_b[x] >> shift << log2Size) + (_a[x] >> shift)]++;
                odd[(_b[x + 1] >> shift << log2Size) + (_a[x + 1] >> shift)]++;
            }
            if (x < width) counts[(_b[x] >> shift << log2Size) + (_a[x] >> shift)]++;
        }
        AddInto(counts, odd);
    }

    /// <summary>Pixels per code of Y', R', G', B', as <c>HistogramCpuAnalyzer.Analyze</c>.</summary>
    public void Histogram(ReadOnlySpan<float> rgba, int width, int height, Color.Scopes.Histogram.HistogramCounts into)
    {
        if (!Accelerated || width > _a.Length)
        {
            Color.Scopes.Histogram.HistogramCpuAnalyzer.Analyze(rgba, width, height, into);
            return;
        }
        Check(rgba, width, height);
        Array.Clear(into.Counts);
        into.ImageWidth = width;
        into.ImageHeight = height;
        var w = into.Matrix.Weights();
        var counts = into.Counts;
        const int n = VideoLevels.Codes;
        for (int y = 0; y < height; y++)
        {
            var row = rgba.Slice(y * width * 4, width * 4);
            RowCodes(row, width, w, luma: true, chroma: false, channels: true);
            for (int x = 0; x < width; x++)
            {
                counts[_d[x]]++;
                counts[n + _a[x]]++;
                counts[2 * n + _b[x]]++;
                counts[3 * n + _c[x]]++;
            }
        }
    }

    private static void Check(ReadOnlySpan<float> rgba, int width, int height)
    {
        if (width < 1 || height < 1 || rgba.Length != (long)width * height * 4)
        {
            throw new ArgumentException("buffer does not match width x height RGBA");
        }
    }

    /// <summary>The odd pixels' counts, cleared (made once for the largest scope counted).</summary>
    private uint[] Odd(int length)
    {
        if (_odd.Length < length) _odd = new uint[length];
        Array.Clear(_odd, 0, length);
        return _odd;
    }

    /// <summary>counts[i] += odd[i] for the whole of <paramref name="counts"/>.</summary>
    private static void AddInto(uint[] counts, uint[] odd)
    {
        int i = 0;
        ref uint c = ref MemoryMarshal.GetArrayDataReference(counts);
        ref uint o = ref MemoryMarshal.GetArrayDataReference(odd);
        for (; i + Vector256<uint>.Count <= counts.Length; i += Vector256<uint>.Count)
        {
            (Vector256.LoadUnsafe(ref c, (nuint)i) + Vector256.LoadUnsafe(ref o, (nuint)i)).StoreUnsafe(ref c, (nuint)i);
        }
        for (; i < counts.Length; i++) counts[i] += odd[i];
    }

    /// <summary>
    /// Codes of one row: luma into _a (alone) or _d (with the channels, for the histogram); R', G', B' into _a,
    /// _b, _c (<paramref name="channels"/>); Cb, Cr into _a, _b (<paramref name="chroma"/>).
    /// </summary>
    private void RowCodes(ReadOnlySpan<float> row, int width, ScopeWeights w, bool luma, bool chroma, bool channels)
    {
        int[] lumaOut = channels ? _d : _a;
        ref float src = ref MemoryMarshal.GetReference(row);
        int x = 0;
        var yr = Vector256.Create(w.YR); var yg = Vector256.Create(w.YG); var yb = Vector256.Create(w.YB);
        var cbr = Vector256.Create(w.CbR); var cbg = Vector256.Create(w.CbG); var cbb = Vector256.Create(w.CbB);
        var crr = Vector256.Create(w.CrR); var crg = Vector256.Create(w.CrG); var crb = Vector256.Create(w.CrB);
        var lumaScale = Vector256.Create(VideoLevels.LumaScale); var lumaOffset = Vector256.Create(VideoLevels.LumaOffset);
        var chromaScale = Vector256.Create(VideoLevels.ChromaScale); var chromaOffset = Vector256.Create(VideoLevels.ChromaOffset);
        // Without AVX2 every pixel takes the scalar loop below (the same codes, one at a time).
        for (; Avx2.IsSupported && x + 8 <= width; x += 8)
        {
            LoadRgb8(ref Unsafe.Add(ref src, x * 4), out var r, out var g, out var b);
            if (luma)
            {
                Codes(Avx.Add(Avx.Add(Avx.Multiply(yr, r), Avx.Multiply(yg, g)), Avx.Multiply(yb, b)), lumaScale, lumaOffset).StoreUnsafe(ref lumaOut[x]);
            }
            if (channels)
            {
                Codes(r, lumaScale, lumaOffset).StoreUnsafe(ref _a[x]);
                Codes(g, lumaScale, lumaOffset).StoreUnsafe(ref _b[x]);
                Codes(b, lumaScale, lumaOffset).StoreUnsafe(ref _c[x]);
            }
            if (chroma)
            {
                Codes(Avx.Add(Avx.Add(Avx.Multiply(cbr, r), Avx.Multiply(cbg, g)), Avx.Multiply(cbb, b)), chromaScale, chromaOffset).StoreUnsafe(ref _a[x]);
                Codes(Avx.Add(Avx.Add(Avx.Multiply(crr, r), Avx.Multiply(crg, g)), Avx.Multiply(crb, b)), chromaScale, chromaOffset).StoreUnsafe(ref _b[x]);
            }
        }
        for (; x < width; x++)
        {
            float r = row[x * 4], g = row[x * 4 + 1], b = row[x * 4 + 2];
            if (luma) lumaOut[x] = VideoLevels.LumaCode(w.Luma(r, g, b));
            if (channels)
            {
                _a[x] = VideoLevels.LumaCode(r);
                _b[x] = VideoLevels.LumaCode(g);
                _c[x] = VideoLevels.LumaCode(b);
            }
            if (chroma)
            {
                _a[x] = VideoLevels.ChromaCode(w.Cb(r, g, b));
                _b[x] = VideoLevels.ChromaCode(w.Cr(r, g, b));
            }
        }
    }

    /// <summary>
    /// R, G and B of eight consecutive RGBA float pixels, in pixel order (AVX2): each 256-bit load holds two
    /// pixels, [r0 g0 b0 a0 r1 g1 b1 a1] permuted to [r0 r1 g0 g1 b0 b1 a0 a1]; two 64-bit unpacks give
    /// [R01 R23 | B01 B23] and [G01 G23 | A01 A23] for pixels 0-3 and 4-7; two 128-bit lane swaps finish.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void LoadRgb8(ref float p, out Vector256<float> r, out Vector256<float> g, out Vector256<float> b)
    {
        var pairs = Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7);
        var v0 = Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref p), pairs).AsDouble();
        var v1 = Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref p, 8), pairs).AsDouble();
        var v2 = Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref p, 16), pairs).AsDouble();
        var v3 = Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref p, 24), pairs).AsDouble();
        var rb03 = Avx.UnpackLow(v0, v1); var ga03 = Avx.UnpackHigh(v0, v1);
        var rb47 = Avx.UnpackLow(v2, v3); var ga47 = Avx.UnpackHigh(v2, v3);
        r = Avx.Permute2x128(rb03, rb47, 0x20).AsSingle();
        b = Avx.Permute2x128(rb03, rb47, 0x31).AsSingle();
        g = Avx.Permute2x128(ga03, ga47, 0x20).AsSingle();
    }

    /// <summary>
    /// <see cref="VideoLevels"/>' quantiser on eight values: floor(v × scale + offset + 0.5) clamped to 0..1023.
    /// MAXPS returns its second operand when the first is NaN, so a NaN code becomes 0 as in the scalar code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<int> Codes(Vector256<float> v, Vector256<float> scale, Vector256<float> offset)
    {
        var code = Avx.Add(Avx.Multiply(v, scale), offset);
        var q = Avx.Floor(Avx.Add(code, Vector256.Create(0.5f)));
        q = Avx.Min(Avx.Max(q, Vector256<float>.Zero), Vector256.Create((float)(VideoLevels.Codes - 1)));
        return Avx.ConvertToVector256Int32WithTruncation(q);
    }
}
