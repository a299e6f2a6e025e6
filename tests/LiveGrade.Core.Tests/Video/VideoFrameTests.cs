using LiveGrade.Core.Video;

namespace LiveGrade.Core.Tests.Video;

public class VideoFrameTests
{
    [Fact]
    public void Pool_frames_start_on_a_cache_line_and_their_span_is_their_pointer()
    {
        // Streaming (non-temporal) stores of a whole frame need aligned addresses; the pinned heap only gives 8 bytes.
        var pool = new FramePool(new VideoMode(33, 7, FrameRate.Fps25, PixelFormat.Rgba32F), 8);
        var frames = new List<VideoFrame>();
        while (pool.TryRent() is { } frame)
        {
            frames.Add(frame);
            Assert.Equal(0, frame.Pointer % VideoFrame.Alignment);
            unsafe
            {
                fixed (byte* data = frame.Data) Assert.Equal(frame.Pointer, (nint)data);
            }
            Assert.Equal(frame.Mode.FrameBytes, frame.Data.Length);
            frame.Data.Fill(0x5A); // the whole frame is writable: the offset leaves room at the end
        }
        Assert.Equal(8, frames.Count);
    }
}
