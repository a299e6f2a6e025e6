using Silk.NET.OpenGL;

namespace LiveGrade.Gpu.Context;

/// <summary>
/// An OpenGL 4.5 core context owned by one GL thread (headless EGL or a GLFW window). Every GL call runs
/// on that thread through <see cref="Invoke{T}"/>; objects are created and deleted there.
/// </summary>
public interface IGlContext : IDisposable
{
    /// <summary>The GL_RENDERER string, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)".</summary>
    string Renderer { get; }

    /// <summary>True on the context's GL thread (where GL may be called directly).</summary>
    bool IsCurrentThread { get; }

    /// <summary>Runs <paramref name="work"/> on the GL thread and waits for its result (inline when already there).</summary>
    T Invoke<T>(Func<GL, T> work);

    void Invoke(Action<GL> work);
}
