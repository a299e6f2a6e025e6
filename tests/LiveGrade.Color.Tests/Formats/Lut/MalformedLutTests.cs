using System.Text;
using LiveGrade.Color.Formats.Lut;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Color.Tests.Formats.Lut;

/// <summary>
/// Malformed LUT files of every format: each must fail with an <see cref="InputException"/> naming the
/// file and the 1-based line where the problem is (for a table that ends early: the line after its last
/// entry, where the next entry was expected).
/// </summary>
public class MalformedLutTests
{
    /// <summary>Lines of "r g b" for n entries (all zero).</summary>
    private static string Rows(int n, string row = "0 0 0") => string.Concat(Enumerable.Repeat(row + "\n", n));

    private static string Spi3DRows(int size, int skip = -1)
    {
        var sb = new StringBuilder();
        int k = 0;
        for (int r = 0; r < size; r++)
        {
            for (int g = 0; g < size; g++)
            {
                for (int b = 0; b < size; b++, k++)
                {
                    if (k != skip)
                    {
                        sb.Append($"{r} {g} {b} 0.5 0.5 0.5\n");
                    }
                }
            }
        }
        return sb.ToString();
    }

    private const string Mesh5 = "0 256 512 767 1023\n";
    private const string CspHead = "CSPLUTV100\n3D\n\n";
    private const string CspIdentityPreluts = "2\n0 1\n0 1\n2\n0 1\n0 1\n2\n0 1\n0 1\n";

    /// <summary>(file name, text, expected line, a fragment of the expected reason).</summary>
    public static TheoryData<string, string, int, string> Cases() => new()
    {
        // .cube
        { "truncated.cube", "LUT_3D_SIZE 2\n" + Rows(7), 9, "ends after 7 of 8" },
        { "truncated_shaper.cube", "LUT_1D_SIZE 4\nLUT_3D_SIZE 2\n" + Rows(4) + "\n" + Rows(3), 11, "ends after 7 of 12" },
        { "too_many.cube", "LUT_3D_SIZE 2\n" + Rows(8) + "1 1 1\n", 10, "more table entries" },
        { "two_values.cube", "TITLE \"x\"\nLUT_3D_SIZE 2\n0 0\n" + Rows(7), 3, "expected 3 values" },
        { "four_values.cube", "LUT_3D_SIZE 2\n" + Rows(3) + "0 0 0 0\n" + Rows(4), 5, "found 4" },
        { "bad_number.cube", "LUT_3D_SIZE 2\n" + Rows(2) + "0 0 abc\n" + Rows(5), 4, "bad number 'abc'" },
        { "bad_number2.cube", "LUT_3D_SIZE 2\n" + Rows(2) + "0 0,5 0\n" + Rows(5), 4, "bad number '0,5'" },
        { "size_too_big.cube", "# big\nLUT_3D_SIZE 130\n", 2, "LUT_3D_SIZE 130 is out of range" },
        { "size_too_small.cube", "LUT_3D_SIZE 1\n0 0 0\n", 1, "out of range" },
        { "size_1d_too_big.cube", "LUT_1D_SIZE 65537\n", 1, "LUT_1D_SIZE 65537 is out of range" },
        { "size_not_a_number.cube", "LUT_3D_SIZE 33.5\n", 1, "bad integer" },
        { "nan.cube", "LUT_3D_SIZE 2\n" + Rows(3) + "0 nan 0\n" + Rows(4), 5, "not a finite number" },
        { "nan_first.cube", "LUT_3D_SIZE 2\nNaN 0 0\n" + Rows(7), 2, "not a finite number" },
        { "infinity.cube", "LUT_1D_SIZE 2\n0 0 0\n1e999 1 1\n", 3, "not a finite number" },
        { "data_first.cube", "TITLE \"t\"\n0 0 0\nLUT_3D_SIZE 2\n", 2, "before LUT_3D_SIZE" },
        { "keyword_late.cube", "LUT_3D_SIZE 2\n0 0 0\nDOMAIN_MIN 0 0 0\n", 3, "after the table has started" },
        { "domain_reversed.cube", "LUT_3D_SIZE 2\nDOMAIN_MIN 1 0 0\nDOMAIN_MAX 0.5 1 1\n" + Rows(8), 3, "must be below" },
        { "range_reversed.cube", "LUT_3D_SIZE 2\nLUT_3D_INPUT_RANGE 2 1\n" + Rows(8), 2, "must be below" },
        { "ranges_disagree.cube", "LUT_3D_SIZE 2\nDOMAIN_MIN 0 0 0\nDOMAIN_MAX 1 1 1\nLUT_3D_INPUT_RANGE 0 2\n" + Rows(8), 4, "disagree" },
        { "domain_nan.cube", "LUT_3D_SIZE 2\nDOMAIN_MIN 0 NaN 0\n", 2, "not a finite number" },
        { "empty.cube", "", 1, "not a .cube" },
        { "2d.cube", "LUT_2D_SIZE 4\n", 1, "not supported" },
        { "size_twice.cube", "LUT_3D_SIZE 2\nLUT_3D_SIZE 3\n", 2, "twice" },

        // .spi1d
        { "truncated.spi1d", "Version 1\nFrom 0 1\nLength 4\nComponents 1\n{\n0\n0.5\n1\n}\n", 9, "ends after 3 of 4" },
        { "unclosed.spi1d", "Version 1\nFrom 0 1\nLength 4\nComponents 1\n{\n0\n0.5\n1\n", 9, "ends after 3 of 4" },
        { "too_many.spi1d", "Version 1\nLength 2\nComponents 1\n{\n0\n1\n2\n}\n", 7, "more entries" },
        { "nan.spi1d", "Version 1\nLength 3\nComponents 3\n{\n0 0 0\n0 NaN 0\n1 1 1\n}\n", 6, "not a finite number" },
        { "wrong_count.spi1d", "Version 1\nLength 3\nComponents 3\n{\n0 0 0\n0.5 0.5\n1 1 1\n}\n", 6, "expected 3 values" },
        { "length_too_big.spi1d", "Version 1\nFrom 0 1\nLength 70000\n", 3, "Length must be" },
        { "bad_from.spi1d", "Version 1\nFrom 0 x\n", 2, "bad number 'x'" },
        { "no_table.spi1d", "Version 1\nLength 2\nComponents 1\n", 4, "no '{'" },
        { "no_length.spi1d", "Version 1\nComponents 1\n{\n0\n}\n", 3, "missing 'Length'" },
        { "version2.spi1d", "Version 2\n", 1, "Version 1" },

        // .spi3d
        { "not_spi.spi3d", "LUT_3D_SIZE 2\n", 1, "SPILUT" },
        { "size_too_big.spi3d", "SPILUT 1.0\n3 3\n130 130 130\n", 3, "out of range" },
        { "uneven.spi3d", "SPILUT 1.0\n3 3\n2 2 3\n", 3, "same size" },
        { "missing_point.spi3d", "SPILUT 1.0\n3 3\n2 2 2\n" + Spi3DRows(2, skip: 5), 11, "first (1 0 1)" },
        { "index_out.spi3d", "SPILUT 1.0\n3 3\n2 2 2\n0 0 0 0 0 0\n0 2 0 1 1 1\n", 5, "outside 0..1" },
        { "nan.spi3d", "SPILUT 1.0\n3 3\n2 2 2\n0 0 0 0 0 0\n0 0 1 0 -nan 0\n", 5, "not a finite number" },
        { "short_line.spi3d", "SPILUT 1.0\n3 3\n2 2 2\n0 0 0 0 0\n", 4, "expected 6 values" },

        // .3dl
        { "not_cube.3dl", Mesh5 + Rows(124), 126, "do not form a cube" },
        { "float.3dl", Mesh5 + Rows(3, "0 0 4095") + "0.5 0 0\n" + Rows(121, "0 0 4095"), 5, "integer" },
        { "nan.3dl", Mesh5 + Rows(3, "0 0 4095") + "NaN 0 0\n" + Rows(121, "0 0 4095"), 5, "bad number 'NaN'" },
        { "negative.3dl", Mesh5 + Rows(10, "0 0 4095") + "0 -1 0\n" + Rows(114, "0 0 4095"), 12, "negative" },
        { "two_values.3dl", Mesh5 + Rows(10, "0 0 4095") + "0 1\n" + Rows(114, "0 0 4095"), 12, "expected 3 values" },
        { "mesh_mismatch.3dl", "0 100 200 300 400 500 1023\n" + Rows(125, "0 0 4095"), 1, "mesh has 7 points" },
        { "mesh_late.3dl", Rows(2, "0 0 4095") + Mesh5 + Rows(123, "0 0 4095"), 3, "after lattice entries" },
        { "mesh_twice.3dl", Mesh5 + Mesh5 + Rows(125, "0 0 4095"), 2, "second mesh" },
        { "mesh_decreasing.3dl", "0 512 256 767 1023\n" + Rows(125, "0 0 4095"), 1, "must increase" },
        { "mesh_too_long.3dl", string.Join(' ', Enumerable.Range(0, 130).Select(i => i * 8)) + "\n", 1, "out of range" },
        { "low_values.3dl", Mesh5 + Rows(125, "0 0 100"), 2, "implausibly low" },
        { "xml.3dl", "<?xml version=\"1.0\"?>\n", 1, "XML" },
        { "empty.3dl", "# nothing\n", 2, "no lattice entries" },

        // .csp
        { "not_csp.csp", "LUT_3D_SIZE 2\n", 1, "CSPLUTV100" },
        { "bad_type.csp", "CSPLUTV100\n2D\n", 2, "'1D' or '3D'" },
        { "prelut_count.csp", CspHead + "3\n0 0.5 1\n0 0.5\n", 6, "expected 3 prelut 1 outputs, found 2" },
        { "prelut_nan.csp", CspHead + "2\n0 1\n0 nan\n", 6, "not a finite number" },
        { "prelut_order.csp", CspHead + "3\n0 1 0.5\n0 0.5 1\n", 5, "must increase" },
        { "size_too_big.csp", CspHead + CspIdentityPreluts + "\n200 200 200\n", 14, "out of range" },
        { "truncated.csp", CspHead + CspIdentityPreluts + "\n2 2 2\n" + Rows(7), 22, "ends after 7 of 8" },
        { "bad_number.csp", CspHead + CspIdentityPreluts + "\n2 2 2\n" + Rows(3) + "0 O 0\n" + Rows(4), 18, "bad number 'O'" },
        { "unended_metadata.csp", "CSPLUTV100\n3D\nBEGIN METADATA\ntitle\n", 3, "END METADATA" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_LUT_reports_file_and_line(string fileName, string text, int line, string reason)
    {
        var e = Assert.Throws<InputException>(() => LutFormats.Parse(text, fileName));
        Assert.Equal(fileName, e.File);
        Assert.True(e.Line == line, $"expected line {line}, got {e.Line}: {e.ToOneLine()}");
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"error: {fileName}:{line}: ", e.ToOneLine(), StringComparison.Ordinal);
    }

    [Fact]
    public void Files_over_256_MiB_are_refused_before_reading()
    {
        var path = Path.Combine(Path.GetTempPath(), $"livegrade-big-{Guid.NewGuid():N}.cube");
        try
        {
            using (var f = File.Create(path))
            {
                f.SetLength(LutFormats.MaxFileBytes + 1); // sparse on every file system the tests run on
            }
            var e = Assert.Throws<InputException>(() => LutFormats.Read(path));
            Assert.Equal(path, e.File);
            Assert.Contains("256 MiB", e.Reason, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Unknown_extension_and_missing_file_are_input_errors()
    {
        Assert.Contains("unknown LUT extension", Assert.Throws<InputException>(() => LutFormats.Parse("", "x.lut")).Reason,
            StringComparison.Ordinal);
        var missing = Path.Combine(Path.GetTempPath(), $"livegrade-missing-{Guid.NewGuid():N}.cube");
        Assert.Equal(missing, Assert.Throws<InputException>(() => LutFormats.Read(missing)).File);
    }
}
