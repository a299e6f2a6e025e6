namespace LiveGrade.Gpu.Context;

/// <summary>No usable GL 4.5 context could be made (no EGL, no driver, no device). The message says why.</summary>
public sealed class GpuUnavailableException(string message) : Exception(message);
