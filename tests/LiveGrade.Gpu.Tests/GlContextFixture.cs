using LiveGrade.Gpu.Context;

namespace LiveGrade.Gpu.Tests;

/// <summary>One headless GL context for the whole GPU test collection (llvmpipe in CI, a GPU where present).</summary>
public sealed class GlContextFixture : IDisposable
{
    public HeadlessGlContext Context { get; } = HeadlessGlContext.Create("lg-gl-tests");

    public void Dispose() => Context.Dispose();
}

[CollectionDefinition("Gpu")]
public sealed class GpuCollection : ICollectionFixture<GlContextFixture>;
