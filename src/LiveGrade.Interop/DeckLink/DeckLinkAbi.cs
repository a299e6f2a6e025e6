namespace LiveGrade.Interop.DeckLink;

/// <summary>
/// What the shim's own DeckLink interface declarations compiled to: the vtable slot of every declared method
/// (read from the compiler's pointer-to-member representation, not a hand-kept table), each interface's IID
/// and whether it has the two Itanium destructor slots. Tests compare this with the SDK fact sheet.
/// </summary>
public static unsafe class DeckLinkAbi
{
    public readonly record struct Method(string Interface, string Name, int Slot);

    public readonly record struct Interface(string Name, byte[] Iid, bool HasVirtualDestructor);

    public static IReadOnlyList<Method> Methods()
    {
        var n = DeckLinkNative.LgDeckLink_AbiMethodCount();
        var list = new List<Method>(n);
        for (var i = 0; i < n; i++)
        {
            DeckLinkNative.Check(DeckLinkNative.LgDeckLink_AbiMethod(i, out var iface, out var name, out var slot), "ABI method");
            list.Add(new Method(DeckLinkNative.Text(iface), DeckLinkNative.Text(name), slot));
        }
        return list;
    }

    public static IReadOnlyList<Interface> Interfaces()
    {
        var n = DeckLinkNative.LgDeckLink_AbiInterfaceCount();
        var list = new List<Interface>(n);
        for (var i = 0; i < n; i++)
        {
            var iid = new byte[16];
            fixed (byte* p = iid)
            {
                DeckLinkNative.Check(DeckLinkNative.LgDeckLink_AbiInterface(i, out var name, p, out var dtor), "ABI interface");
                list.Add(new Interface(DeckLinkNative.Text(name), iid, dtor != 0));
            }
        }
        return list;
    }

    /// <summary>The C structs of lg_decklink.h and the size of their C# mirrors, to compare with <see cref="NativeStructSize"/>.</summary>
    public static IReadOnlyDictionary<string, int> ManagedStructSizes() => new Dictionary<string, int>
    {
        ["LgDeckLinkDriverInfo"] = sizeof(DeckLinkNative.DriverInfo),
        ["LgDeckLinkDeviceInfo"] = sizeof(DeckLinkNative.DeviceInfo),
        ["LgDeckLinkModeInfo"] = sizeof(DeckLinkNative.ModeInfo),
        ["LgDeckLinkCaptureConfig"] = sizeof(DeckLinkNative.CaptureConfig),
        ["LgDeckLinkCapturedFrame"] = sizeof(DeckLinkCapturedFrame),
        ["LgDeckLinkInputChange"] = sizeof(DeckLinkInputChange),
        ["LgDeckLinkCaptureStats"] = sizeof(DeckLinkCaptureStats),
        ["LgDeckLinkPlayoutConfig"] = sizeof(DeckLinkNative.PlayoutConfig),
        ["LgDeckLinkPlayoutBuffer"] = sizeof(DeckLinkPlayoutBuffer),
        ["LgDeckLinkTimecodeValue"] = sizeof(DeckLinkNative.TimecodeValue),
        ["LgDeckLinkPlayoutStats"] = sizeof(DeckLinkPlayoutStats),
    };

    /// <summary>sizeof() of a public C struct of lg_decklink.h, 0 when the shim does not know the name.</summary>
    public static int NativeStructSize(string name) => DeckLinkNative.LgDeckLink_AbiStructSize(name);
}
