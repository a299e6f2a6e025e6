using System.Text.Json;
using LiveGrade.Core.Video;
using LiveGrade.Interop.DeckLink;

namespace LiveGrade.Interop.Tests.DeckLink;

/// <summary>
/// The shim's own interface declarations against the DeckLink SDK 16.0 Linux ABI fact sheet
/// (decklink-abi.json, copied from shared/reference/decklink/): every vtable slot the compiler assigned,
/// every IID byte, the destructor slots, and the C struct layouts the C# side mirrors.
/// </summary>
public class DeckLinkAbiLayoutTests
{
    private static readonly JsonElement FactSheet = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "DeckLink", "decklink-abi.json"))).RootElement;

    private static JsonElement FactInterface(string name) =>
        FactSheet.GetProperty("interfaces").TryGetProperty(name, out var i) ? i : FactSheet.GetProperty("compat_interfaces").GetProperty(name);

    [Fact]
    public void Every_declared_method_sits_in_the_fact_sheets_vtable_slot()
    {
        var methods = DeckLinkAbi.Methods();
        Assert.True(methods.Count > 300, $"only {methods.Count} methods declared");
        var wrong = new List<string>();
        foreach (var m in methods)
        {
            var slots = FactInterface(m.Interface).GetProperty("vtable").EnumerateArray()
                .Where(e => e.GetProperty("kind").GetString() == "method" && e.GetProperty("name").GetString() == m.Name)
                .Select(e => e.GetProperty("slot").GetInt32()).ToList();
            if (slots.Count != 1 || slots[0] != m.Slot)
            {
                wrong.Add($"{m.Interface}::{m.Name} compiled to slot {m.Slot}, fact sheet says [{string.Join(",", slots)}]");
            }
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public void Every_declared_interface_declares_all_of_its_methods()
    {
        var declared = DeckLinkAbi.Methods().GroupBy(m => m.Interface).ToDictionary(g => g.Key, g => g.Select(m => m.Name).ToHashSet());
        foreach (var iface in DeckLinkAbi.Interfaces())
        {
            var expected = FactInterface(iface.Name).GetProperty("vtable").EnumerateArray()
                .Where(e => e.GetProperty("kind").GetString() == "method")
                .Select(e => e.GetProperty("name").GetString()!).ToHashSet();
            Assert.True(declared.ContainsKey(iface.Name), $"{iface.Name}: no methods in the layout table");
            Assert.Equal(expected.Order(), declared[iface.Name].Order());
        }
    }

    [Fact]
    public void Destructor_slots_exist_exactly_where_the_headers_declare_a_virtual_destructor()
    {
        foreach (var iface in DeckLinkAbi.Interfaces())
        {
            var fact = FactInterface(iface.Name);
            Assert.True(fact.GetProperty("declares_virtual_dtor").GetBoolean() == iface.HasVirtualDestructor, iface.Name);
            // Itanium ABI: a virtual destructor adds two slots after the methods of an interface derived from
            // IUnknown; a derived interface's destructor overrides its base's two slots instead.
            var lastMethod = DeckLinkAbi.Methods().Where(m => m.Interface == iface.Name).Max(m => m.Slot);
            var total = fact.GetProperty("total_vtable_slots_linux").GetInt32();
            var newDtorSlots = iface.HasVirtualDestructor && fact.GetProperty("base").GetString() == "IUnknown" ? 2 : 0;
            Assert.Equal(total, lastMethod + 1 + newDtorSlots);
        }
    }

    [Fact]
    public void Derived_interfaces_start_after_the_bases_destructor_slots()
    {
        // The fact sheet's "rule that bites" (§4), checked on the compiled declarations directly.
        var slot = DeckLinkAbi.Methods().ToDictionary(m => (m.Interface, m.Name), m => m.Slot);
        Assert.Equal(12, slot[("IDeckLinkMutableVideoFrame", "SetFlags")]);
        Assert.Equal(12, slot[("IDeckLinkVideoInputFrame", "GetStreamTime")]);
        Assert.Equal(13, slot[("IDeckLinkMutableVideoFrame_v14_2_1", "SetFlags")]);
        Assert.Equal(13, slot[("IDeckLinkVideoInputFrame_v14_2_1", "GetStreamTime")]);
        Assert.Equal(8, slot[("IDeckLinkVideoFrame_v14_2_1", "GetBytes")]);
        Assert.Equal(14, slot[("IDeckLinkOutput", "ScheduleVideoFrame")]);
        Assert.Equal(13, slot[("IDeckLinkOutput_v14_2_1", "ScheduleVideoFrame")]);
        Assert.Equal(8, slot[("IDeckLinkInput", "EnableVideoInputWithAllocatorProvider")]);
        Assert.Equal(8, slot[("IDeckLinkInput_v14_2_1", "DisableVideoInput")]);
    }

    [Fact]
    public void Iids_match_the_fact_sheet_bytes_and_the_textual_guid_in_big_endian_order()
    {
        var interfaces = DeckLinkAbi.Interfaces();
        Assert.Equal(29, interfaces.Count);
        foreach (var iface in interfaces)
        {
            var fact = FactInterface(iface.Name);
            var bytes = fact.GetProperty("iid_bytes_in_memory_order").EnumerateArray()
                .Select(e => Convert.ToByte(e.GetString()!, 16)).ToArray();
            Assert.Equal(bytes, iface.Iid);
            // Independent check: the GUID text read as RFC 4122 (big-endian) bytes.
            Assert.Equal(Guid.Parse(fact.GetProperty("iid").GetString()!).ToByteArray(bigEndian: true), iface.Iid);
        }
    }

    [Fact]
    public void The_csharp_mirrors_of_the_c_structs_have_the_shims_sizes()
    {
        foreach (var (name, managed) in DeckLinkAbi.ManagedStructSizes())
        {
            Assert.True(DeckLinkAbi.NativeStructSize(name) == managed, $"{name}: C {DeckLinkAbi.NativeStructSize(name)} bytes, C# {managed}");
        }
        Assert.Equal(0, DeckLinkAbi.NativeStructSize("NoSuchStruct"));
    }

    [Theory]
    [InlineData(DeckLinkPixelFormat.Yuv10, 1920, 5120)] // fact sheet §7 examples
    [InlineData(DeckLinkPixelFormat.Yuv10, 1280, 3456)]
    [InlineData(DeckLinkPixelFormat.Yuv10, 3840, 10240)]
    [InlineData(DeckLinkPixelFormat.Yuv8, 1920, 3840)]
    [InlineData(DeckLinkPixelFormat.Rgb10, 1920, 7680)]
    [InlineData(DeckLinkPixelFormat.Rgb12, 1920, 8640)]
    [InlineData(DeckLinkPixelFormat.Bgra8, 1920, 7680)]
    public void Row_bytes_follow_the_sdk_manuals_rules(uint format, int width, int expected)
    {
        Assert.Equal(expected, DeckLinkPixelFormat.RowBytes(format, width));
        if (DeckLinkPixelFormat.TryToCore(format, out var core))
        {
            Assert.Equal(expected, PixelFormats.RowBytes(core, width)); // LiveGrade.Core agrees
        }
    }

    [Fact]
    public void Pixel_format_names_are_their_fourccs()
    {
        Assert.Equal("v210", DeckLinkPixelFormat.Name(DeckLinkPixelFormat.Yuv10));
        Assert.Equal("2vuy", DeckLinkPixelFormat.Name(DeckLinkPixelFormat.Yuv8));
        Assert.Equal("ARGB", DeckLinkPixelFormat.Name(DeckLinkPixelFormat.Argb8));
        Assert.Equal(0x48703235u, DeckLinkPixelFormat.FromFourCC("Hp25"));
        Assert.Equal((uint)PixelFormat.V210, DeckLinkPixelFormat.Yuv10);
    }
}
