using System.Buffers.Binary;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Processing;
using LiveGrade.Core.Video;
using LiveGrade.Core.Video.Packing;
using LiveGrade.Gpu.Streaming;
using Xunit.Abstractions;

namespace LiveGrade.Gpu.Tests.Streaming;

/// <summary>
/// The streaming pipeline: frames through upload ring, unpack, look, pack and readback ring, against the
/// CPU reference (FrameConverter + CpuProcessor + FrameConverter), in order, without allocation or
/// stalls in steady state.
/// </summary>
[Collection("Gpu")]
[Trait("Category", "Gpu")]
public class GpuFramePipelineTests(GlContextFixture fixture, ITestOutputHelper output)
{
    private static readonly FrameRate Rate = FrameRate.Fps25;

    private static Lut3DOpData Lut() => Lut3DOpData.FromFunction(17,
        (r, g, b) => (0.9 * r + 0.1 * g * g, Math.Sqrt(Math.Abs(g)), 0.8 * b + 0.05), -0.1, 1.1);

    private static void FillRandom(VideoFrame f, int seed)
    {
        int w = f.Width, h = f.Height;
        var rng = new Random(seed);
        var rgba = new float[4 * w * h];
        for (int i = 0; i < rgba.Length; i++)
        {
            rgba[i] = (float)(rng.NextDouble() * 1.1 - 0.05);
        }
        FrameConverter.Encode(rgba, f);
    }

    private static byte[] CpuReference(VideoFrame input, OpList look, VideoMode outMode)
    {
        var rgba = new float[4 * input.Width * input.Height];
        FrameConverter.Decode(input, rgba);
        new CpuProcessor(look).Apply(rgba);
        var bytes = new byte[outMode.FrameBytes];
        FrameConverter.Encode(rgba, outMode.Format, bytes, outMode.RowBytes, outMode.Width, outMode.Height, YCbCrMatrix.Rec709, SignalRange.Narrow);
        return bytes;
    }

    [Theory]
    [InlineData(PixelFormat.V210, PixelFormat.V210, 1280, 72)]
    [InlineData(PixelFormat.Uyvy8, PixelFormat.Rgb10, 640, 48)]
    [InlineData(PixelFormat.Rgb12, PixelFormat.V210, 720, 40)]
    public void Frames_come_out_in_order_equal_to_the_CPU_reference(PixelFormat inFormat, PixelFormat outFormat, int w, int h)
    {
        // A 3D LUT is bit-identical on the GPU, so whole frames must match the CPU byte for byte.
        var look = new OpList().Add(Lut());
        var inMode = new VideoMode(w, h, Rate, inFormat);
        var outMode = new VideoMode(w, h, Rate, outFormat);
        var inPool = new FramePool(inMode, 8);
        var outPool = new FramePool(outMode, 8); // all seven outputs are held until the end
        using var pipeline = new GpuFramePipeline(fixture.Context, inMode, outPool, look);
        var expected = new Queue<(long Sequence, byte[] Bytes)>();
        var finished = new List<VideoFrame>();
        for (int n = 0; n < 7; n++)
        {
            var input = inPool.TryRent()!;
            FillRandom(input, n);
            expected.Enqueue((input.Sequence, CpuReference(input, look, outMode)));
            var done = pipeline.Submit(input);
            input.Release();
            // Depth 3: frame N comes back when N + 2 is submitted.
            Assert.Equal(n >= 2, done is not null);
            if (done is not null)
            {
                finished.Add(done);
            }
        }
        pipeline.Drain(finished);
        Assert.Equal(7, finished.Count);
        foreach (var f in finished)
        {
            var (seq, bytes) = expected.Dequeue();
            Assert.Equal(seq, f.Sequence);
            Assert.True(bytes.AsSpan().SequenceEqual(f.Data), $"frame {seq}: first different byte {bytes.AsSpan().CommonPrefixLength(f.Data)}");
            f.Release();
        }
        output.WriteLine($"{inFormat} -> {outFormat}: stalls {pipeline.Stalls}, timers {pipeline.HasGpuTimers}");
    }

    [Fact]
    public void An_empty_look_passes_v210_through_bit_for_bit()
    {
        var mode = new VideoMode(1920, 16, Rate, PixelFormat.V210);
        var inPool = new FramePool(mode, 2);
        var outPool = new FramePool(mode, 4);
        using var pipeline = new GpuFramePipeline(fixture.Context, mode, outPool, new OpList(), depth: 2);
        var input = inPool.TryRent()!;
        FillRandom(input, 99);
        var original = input.Data.ToArray();
        Assert.Null(pipeline.Submit(input));
        var finished = new List<VideoFrame>();
        pipeline.Drain(finished);
        Assert.True(original.AsSpan().SequenceEqual(finished[0].Data));
        finished[0].Release();
        input.Release();
    }

    [Fact]
    public void Steady_state_allocates_nothing_and_never_waits_for_the_GPU()
    {
        var mode = new VideoMode(640, 36, Rate, PixelFormat.V210);
        var inPool = new FramePool(mode, 2);
        var outPool = new FramePool(mode, 4);
        var look = new OpList().Add(new CdlOpData([1.1, 1, 0.9], [0.01, 0, 0], [1, 1, 1.1], 1.05)).Add(Lut());
        using var pipeline = new GpuFramePipeline(fixture.Context, mode, outPool, look);
        var input = inPool.TryRent()!;
        FillRandom(input, 5);
        // Run on the GL thread, as the engine's frame loop does: Submit then goes to GL directly.
        long allocated = fixture.Context.Invoke(_ =>
        {
            for (int i = 0; i < 10; i++)
            {
                pipeline.Submit(input)?.Release();
            }
            pipeline.ResetTimings();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 50; i++)
            {
                pipeline.Submit(input)?.Release();
            }
            return GC.GetAllocatedBytesForCurrentThread() - before;
        });
        input.Release();
        output.WriteLine($"allocated {allocated} bytes in 50 frames; stalls {pipeline.Stalls}; mean grade {pipeline.Mean.GradeMs:F3} ms");
        Assert.Equal(0, allocated);
        Assert.Equal(0, pipeline.Stalls);
        Assert.Equal(0, pipeline.Dropped);
    }

    [Fact]
    public void Rgba_half_frames_agree_with_the_CPU_to_one_half_ulp()
    {
        // Half in and out: the look runs in float on both sides (within 1e-6 here), so output halves are
        // equal or one half-ulp apart where the float result sits next to a rounding midpoint.
        var mode = new VideoMode(512, 32, Rate, PixelFormat.Rgba16F);
        var inPool = new FramePool(mode, 2);
        var outPool = new FramePool(mode, 4);
        var look = new OpList().Add(new CdlOpData([1.2, 1, 0.8], [0.02, 0, -0.01], [0.9, 1, 1.1], 1.1)).Add(Lut());
        using var pipeline = new GpuFramePipeline(fixture.Context, mode, outPool, look, depth: 2);
        var input = inPool.TryRent()!;
        FillRandom(input, 7);
        var expected = CpuReference(input, look, mode);
        pipeline.Submit(input);
        var finished = new List<VideoFrame>();
        pipeline.Drain(finished);
        var got = finished[0].Data;
        int equal = 0, oneUlp = 0, worse = 0;
        for (int i = 0; i < expected.Length; i += 2)
        {
            int d = Math.Abs(BinaryPrimitives.ReadInt16LittleEndian(expected.AsSpan(i)) - BinaryPrimitives.ReadInt16LittleEndian(got.Slice(i)));
            if (d == 0) equal++; else if (d == 1) oneUlp++; else worse++;
        }
        output.WriteLine($"RGBA half: {equal} halves equal, {oneUlp} one half-ulp apart (at most 2^-11 = 4.9e-4 relative), {worse} further");
        Assert.Equal(0, worse);
        finished[0].Release();
        input.Release();
    }
}
