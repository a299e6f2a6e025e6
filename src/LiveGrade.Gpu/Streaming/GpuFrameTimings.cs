namespace LiveGrade.Gpu.Streaming;

/// <summary>
/// Where one frame's time went, in milliseconds. GPU stages come from GL timestamp queries
/// (glQueryCounter) written between the stages, so they measure GPU execution, not submission; they are
/// NaN where the driver has no timer queries. CPU stages are Stopwatch times of the memory copies between
/// the frame and the mapped staging buffers.
/// </summary>
public struct GpuFrameTimings
{
    /// <summary>CPU: frame bytes into the persistently mapped upload buffer.</summary>
    public double UploadCopyMs;
    /// <summary>GPU: staging buffer to the device buffer the unpack shader reads (the PBO-style transfer).</summary>
    public double UploadTransferMs;
    public double UnpackMs;
    /// <summary>GPU: the look shader.</summary>
    public double GradeMs;
    public double PackMs;
    /// <summary>GPU: packed frame into the mapped readback buffer.</summary>
    public double ReadbackTransferMs;
    /// <summary>CPU: mapped readback buffer into the output frame.</summary>
    public double ReadbackCopyMs;

    /// <summary>Upload = CPU copy + GPU transfer.</summary>
    public readonly double UploadMs => UploadCopyMs + UploadTransferMs;

    /// <summary>Readback = GPU transfer + CPU copy.</summary>
    public readonly double ReadbackMs => ReadbackTransferMs + ReadbackCopyMs;

    public void Add(in GpuFrameTimings t)
    {
        UploadCopyMs += t.UploadCopyMs;
        UploadTransferMs += t.UploadTransferMs;
        UnpackMs += t.UnpackMs;
        GradeMs += t.GradeMs;
        PackMs += t.PackMs;
        ReadbackTransferMs += t.ReadbackTransferMs;
        ReadbackCopyMs += t.ReadbackCopyMs;
    }

    public readonly GpuFrameTimings Divide(int n) => new()
    {
        UploadCopyMs = UploadCopyMs / n,
        UploadTransferMs = UploadTransferMs / n,
        UnpackMs = UnpackMs / n,
        GradeMs = GradeMs / n,
        PackMs = PackMs / n,
        ReadbackTransferMs = ReadbackTransferMs / n,
        ReadbackCopyMs = ReadbackCopyMs / n,
    };
}
