using System.Runtime.InteropServices;

namespace Dashboard.Training.Precision;

/// <summary>
/// libtorch's own autocast switches (<c>at::autocast</c> in libtorch_cpu, the library TorchSharp loads), which TorchSharp
/// 0.107 does not expose. The state is thread-local in libtorch. <c>c10::DeviceType</c> and <c>c10::ScalarType</c> are
/// 8-bit enums.
/// </summary>
internal static partial class LibtorchAutocast
{
    private const string Library = "libtorch_cpu";

    [DllImport(Library, EntryPoint = "_ZN2at8autocast20set_autocast_enabledEN3c1010DeviceTypeEb")]
    public static extern void SetEnabled(sbyte device, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [DllImport(Library, EntryPoint = "_ZN2at8autocast19is_autocast_enabledEN3c1010DeviceTypeE")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static extern bool IsEnabled(sbyte device);

    [DllImport(Library, EntryPoint = "_ZN2at8autocast18set_autocast_dtypeEN3c1010DeviceTypeENS1_10ScalarTypeE")]
    public static extern void SetDtype(sbyte device, sbyte dtype);

    [DllImport(Library, EntryPoint = "_ZN2at8autocast18get_autocast_dtypeEN3c1010DeviceTypeE")]
    public static extern sbyte GetDtype(sbyte device);

    [DllImport(Library, EntryPoint = "_ZN2at8autocast17increment_nestingEv")]
    public static extern long IncrementNesting();

    [DllImport(Library, EntryPoint = "_ZN2at8autocast17decrement_nestingEv")]
    public static extern long DecrementNesting();

    [DllImport(Library, EntryPoint = "_ZN2at8autocast11clear_cacheEv")]
    public static extern void ClearCache();
}
