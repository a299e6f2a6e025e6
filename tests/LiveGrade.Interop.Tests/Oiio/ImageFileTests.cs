using LiveGrade.Core.Diagnostics;
using LiveGrade.Interop.Oiio;

namespace LiveGrade.Interop.Tests.Oiio;

/// <summary>Every image format LiveGrade exchanges, written and read back through the OIIO shim.</summary>
public class ImageFileTests
{
    private static RgbaImage Ramp(int w, int h)
    {
        var img = RgbaImage.Create(w, h);
        for (int i = 0; i < w * h; i++)
        {
            img.Pixels[i * 4] = (float)i / (w * h - 1);
            img.Pixels[i * 4 + 1] = 1f - (float)i / (w * h - 1);
            img.Pixels[i * 4 + 2] = (i % 7) / 6f;
            img.Pixels[i * 4 + 3] = 1f;
        }
        return img;
    }

    private static string Temp(string ext) =>
        Path.Combine(Path.GetTempPath(), $"lg-img-{Guid.NewGuid():N}{ext}");

    [Fact]
    public void Float_EXR_round_trips_exactly_including_values_beyond_white_and_negatives()
    {
        var img = Ramp(64, 32);
        img.Pixels[0] = -0.25f;
        img.Pixels[1] = 1234.5f;
        string path = Temp(".exr");
        ImageFile.Write(path, img, ImageSampleFormat.Float);
        Assert.Equal(img.Pixels, ImageFile.Read(path).Pixels);
    }

    [Fact]
    public void Half_EXR_round_trips_to_half_precision()
    {
        var img = Ramp(64, 32);
        string path = Temp(".exr");
        ImageFile.Write(path, img, ImageSampleFormat.Half);
        var back = ImageFile.Read(path);
        for (int i = 0; i < img.Pixels.Length; i++)
        {
            Assert.Equal((float)(Half)img.Pixels[i], back.Pixels[i]);
        }
    }

    [Theory]
    [InlineData(".tif", ImageSampleFormat.UInt16, 65535)]
    [InlineData(".png", ImageSampleFormat.UInt16, 65535)]
    [InlineData(".png", ImageSampleFormat.UInt8, 255)]
    [InlineData(".dpx", ImageSampleFormat.UInt10, 1023)]
    public void Integer_formats_quantise_to_the_nearest_code_value(string ext, ImageSampleFormat format, int max)
    {
        var img = Ramp(64, 32);
        string path = Temp(ext);
        ImageFile.Write(path, img, format, withAlpha: false);
        var back = ImageFile.Read(path);
        for (int i = 0; i < img.Pixels.Length; i++)
        {
            if (i % 4 == 3)
            {
                continue;
            }
            // The file holds an integer code within half a code of the value written (ties may go either
            // way), and reading gives exactly code / max.
            double code = back.Pixels[i] * max;
            Assert.Equal(System.Math.Round(code), code, 1e-3);
            Assert.True(System.Math.Abs(code - img.Pixels[i] * max) <= 0.5 + 1e-3, $"value {img.Pixels[i]} came back as code {code}");
        }
    }

    [Fact]
    public void DPX_is_written_and_reported_as_10_bit()
    {
        string path = Temp(".dpx");
        ImageFile.Write(path, Ramp(16, 16), ImageSampleFormat.UInt10, withAlpha: false);
        Assert.Equal(ImageSampleFormat.UInt10, ImageFile.Read(path).FileFormat);
    }

    [Fact]
    public void Float_TIFF_keeps_values_above_one()
    {
        var img = Ramp(8, 8);
        img.Pixels[0] = 7.5f;
        string path = Temp(".tif");
        ImageFile.Write(path, img, ImageSampleFormat.Float);
        Assert.Equal(7.5f, ImageFile.Read(path).Pixels[0]);
    }

    [Fact]
    public void Garbage_and_missing_files_are_input_errors_naming_the_file()
    {
        string bogus = Temp(".exr");
        File.WriteAllBytes(bogus, [1, 2, 3, 4, 5]);
        var e = Assert.Throws<InputException>(() => ImageFile.Read(bogus));
        Assert.Equal(bogus, e.File);
        var missing = Assert.Throws<InputException>(() => ImageFile.Read("/nonexistent/x.exr"));
        Assert.Equal("no such file", missing.Reason);
    }

    [Fact]
    public void Writing_into_a_missing_folder_is_an_input_error()
    {
        var e = Assert.Throws<InputException>(() => ImageFile.Write("/nonexistent/dir/x.exr", Ramp(4, 4), ImageSampleFormat.Float));
        Assert.Contains("folder", e.Reason);
    }
}
