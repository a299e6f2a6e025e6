using LiveGrade.Core.Video;
using LiveGrade.Interop.DeckLink;

namespace LiveGrade.Interop.Tests.DeckLink;

/// <summary>Loading the driver (or not), its version and the interface generation, devices, modes, pixel formats.</summary>
[Collection(DeckLinkSimulatorCollection.Name)]
public class DeckLinkDriverTests
{
    [Fact]
    public void Without_a_driver_the_message_says_none_is_installed()
    {
        var e = Assert.Throws<DeckLinkException>(() => DeckLinkDriver.Open("/nonexistent/libDeckLinkAPI.so"));
        Assert.True(e.IsNoDriver);
        Assert.Contains("no DeckLink driver installed", e.Message);

        Assert.Null(DeckLinkDriver.TryOpen("/nonexistent/libDeckLinkAPI.so", out var error));
        Assert.StartsWith("no DeckLink driver installed", error);
        Assert.DoesNotContain('\n', error!);
    }

    [Fact]
    public void The_simulator_loads_through_the_same_path_and_offers_two_devices()
    {
        var sim = Sim.Fresh();
        using (var driver = DeckLinkDriver.Open(sim.Path))
        {
            Assert.Equal(sim.Path, driver.LibraryPath);
            Assert.Equal("16.0", driver.Version);
            Assert.Equal(0x10000000, driver.VersionCode);
            Assert.Equal(DeckLinkApiGeneration.V16_0, driver.ApiGeneration);
            Assert.Equal(2, driver.Devices.Count);
            Assert.Equal(["DeckLink Simulator (1)", "DeckLink Simulator (2)"], driver.Devices.Select(d => d.DisplayName));
            foreach (var d in driver.Devices)
            {
                Assert.Equal("DeckLink Simulator", d.ModelName);
                Assert.True(d.HasInput && d.HasOutput && d.SupportsFormatDetection && d.SupportsHdrMetadata);
                Assert.Equal(1, d.VideoInputConnections); // bmdVideoConnectionSDI
                Assert.Equal(3, d.MinimumPrerollFrames);
            }
            Assert.NotEqual(driver.Devices[0].PersistentId, driver.Devices[1].PersistentId);

            var hd25 = driver.Devices[0].FindInputMode(1920, 1080, FrameRate.Fps25)!;
            Assert.Equal("1080p25", hd25.Name);
            Assert.Equal("Hp25", hd25.CodeText);
            Assert.True(hd25.IsProgressive);
            Assert.Equal(FrameRate.Fps25, hd25.Rate);
            Assert.Contains(DeckLinkPixelFormat.Yuv10, hd25.PixelFormats);
            Assert.Contains(DeckLinkPixelFormat.Yuv8, hd25.PixelFormats);
            Assert.Contains(DeckLinkPixelFormat.Rgb12, hd25.PixelFormats);
            Assert.DoesNotContain(DeckLinkPixelFormat.Bgra8, hd25.PixelFormats); // capture of 8-bit RGB: not on SDI inputs

            Assert.Equal(new FrameRate(30000, 1001), driver.Devices[0].InputModes.Single(m => m.Code == Sim.Hp29).Rate);
            // The simulated card, like a 12G one, has no 12-bit 4:4:4 above 30p at UHD, and SD is YUV only.
            var uhd50 = driver.Devices[0].OutputModes.Single(m => m.Code == Sim.K50);
            Assert.DoesNotContain(DeckLinkPixelFormat.Rgb12, uhd50.PixelFormats);
            Assert.Contains(DeckLinkPixelFormat.Bgra8, uhd50.PixelFormats);
            Assert.Equal([DeckLinkPixelFormat.Yuv10, DeckLinkPixelFormat.Yuv8],
                driver.Devices[0].InputModes.Single(m => m.Code == Sim.Ntsc).PixelFormats);
            // An interlaced mode is found only when asked for by its own rate, and progressive wins a tie.
            Assert.False(driver.Devices[0].InputModes.Single(m => m.Code == Sim.Hi50).IsProgressive);
        }
        Sim.AssertNoLeaks(sim);
    }

    [Theory]
    [InlineData(15, 3, 1, DeckLinkApiGeneration.V15_3)]
    [InlineData(14, 3, 0, DeckLinkApiGeneration.V15_3)]
    [InlineData(14, 2, 1, DeckLinkApiGeneration.V14_2)]
    [InlineData(12, 8, 0, DeckLinkApiGeneration.V14_2)]
    public void Older_drivers_get_the_interfaces_of_their_era(int major, int minor, int patch, DeckLinkApiGeneration expected)
    {
        var sim = Sim.Fresh();
        sim.SetApiVersion(major, minor, patch);
        using (var driver = DeckLinkDriver.Open(sim.Path))
        {
            Assert.Equal(expected, driver.ApiGeneration);
            Assert.Equal(patch == 0 ? $"{major}.{minor}" : $"{major}.{minor}.{patch}", driver.Version);
            Assert.Equal(2, driver.Devices.Count);
            Assert.All(driver.Devices, d => Assert.True(d.HasInput && d.HasOutput && d.InputModes.Count == 25));
        }
        Sim.AssertNoLeaks(sim);
        sim.Reset();
    }

    [Fact]
    public void A_driver_older_than_11_6_is_refused_with_the_reason()
    {
        var sim = Sim.Fresh();
        sim.SetApiVersion(10, 11, 4);
        var e = Assert.Throws<DeckLinkException>(() => DeckLinkDriver.Open(sim.Path));
        Assert.True(e.IsUnsupported);
        Assert.Contains("older than 11.6", e.Message);
        sim.Reset();
        Sim.AssertNoLeaks(sim);
    }

    [Fact]
    public void Unsupported_modes_and_formats_are_refused_before_anything_starts()
    {
        var sim = Sim.Fresh();
        using (var driver = DeckLinkDriver.Open(sim.Path))
        {
            var receiver = new QueueReceiver();
            var e = Assert.Throws<DeckLinkException>(() =>
                DeckLinkCapture.Start(driver, new DeckLinkCaptureOptions(0, Sim.Hp25, DeckLinkPixelFormat.Bgra8), receiver));
            Assert.True(e.IsUnsupported);
            Assert.Contains("BGRA", e.Message);
            e = Assert.Throws<DeckLinkException>(() =>
                DeckLinkPlayout.Create(driver, new DeckLinkPlayoutOptions(1, Sim.K50, DeckLinkPixelFormat.Rgb12)));
            Assert.True(e.IsUnsupported);
            e = Assert.Throws<DeckLinkException>(() =>
                DeckLinkCapture.Start(driver, new DeckLinkCaptureOptions(7, Sim.Hp25), receiver));
            Assert.Contains("no DeckLink device 7", e.Message);
            Assert.Equal(0, sim.Stats(0).InputEnabled);
        }
        Sim.AssertNoLeaks(sim);
    }
}
