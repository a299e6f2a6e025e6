// Loading the DeckLink driver, choosing the interface generation from its version, enumerating devices,
// display modes and pixel formats. Errors: thread-local message, int32 status, no exception escapes.
#include "shim_internal.h"

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <type_traits>

namespace lgshim {

namespace {
thread_local std::string t_lastError;

// The pixel formats the shim asks every device about, in the order reported.
constexpr BMDPixelFormat kProbeFormats[] = {
    bmdFormat10BitYUV, bmdFormat8BitYUV,      bmdFormat10BitRGB,    bmdFormat10BitRGBXLE, bmdFormat10BitRGBX,
    bmdFormat12BitRGB, bmdFormat12BitRGBLE, bmdFormat8BitBGRA,    bmdFormat8BitARGB,
};
static_assert(sizeof(kProbeFormats) / sizeof(kProbeFormats[0]) <= LG_DECKLINK_MAX_PIXEL_FORMATS, "pixel format list");

using FactoryFn = void *(*)();
} // namespace

void SetError(const std::string &message) { t_lastError = message; }

int32_t Fail(int32_t status, const std::string &message)
{
    t_lastError = message;
    return status;
}

std::string HresultText(HRESULT hr)
{
    const char *name = nullptr;
    switch (hr) {
    case S_OK: name = "S_OK"; break;
    case S_FALSE: name = "S_FALSE"; break;
    case E_NOTIMPL: name = "E_NOTIMPL"; break;
    case E_OUTOFMEMORY: name = "E_OUTOFMEMORY"; break;
    case E_INVALIDARG: name = "E_INVALIDARG"; break;
    case E_NOINTERFACE: name = "E_NOINTERFACE"; break;
    case E_POINTER: name = "E_POINTER"; break;
    case E_HANDLE: name = "E_HANDLE"; break;
    case E_ABORT: name = "E_ABORT"; break;
    case E_FAIL: name = "E_FAIL"; break;
    case E_ACCESSDENIED: name = "E_ACCESSDENIED"; break;
    case E_UNEXPECTED: name = "E_UNEXPECTED"; break;
    default: break;
    }
    char buf[48];
    if (name != nullptr) {
        std::snprintf(buf, sizeof buf, "%s (0x%08X)", name, static_cast<unsigned>(hr));
    } else {
        std::snprintf(buf, sizeof buf, "HRESULT 0x%08X", static_cast<unsigned>(hr));
    }
    return buf;
}

std::string FourCCText(uint32_t value)
{
    char c[4] = {static_cast<char>(value >> 24), static_cast<char>(value >> 16), static_cast<char>(value >> 8),
                 static_cast<char>(value)};
    bool printable = true;
    for (char ch : c) {
        printable = printable && ch >= 0x20 && ch < 0x7F;
    }
    char buf[16];
    if (printable) {
        std::snprintf(buf, sizeof buf, "'%c%c%c%c'", c[0], c[1], c[2], c[3]);
    } else {
        std::snprintf(buf, sizeof buf, "0x%08X", value);
    }
    return buf;
}

std::string TakeDriverString(const char *s)
{
    if (s == nullptr) {
        return std::string();
    }
    std::string copy(s);
    std::free(const_cast<char *>(s)); // Linux convention: strings from the driver are freed with free()
    return copy;
}

const ModeEntry *FindMode(const DeviceEntry &device, int32_t direction, uint32_t displayMode)
{
    const auto &modes = direction == LG_DECKLINK_OUTPUT ? device.outputModes : device.inputModes;
    for (const auto &m : modes) {
        if (m.info.displayMode == displayMode) {
            return &m;
        }
    }
    return nullptr;
}

namespace {

int32_t GenerationForVersion(int64_t version)
{
    if (version >= ApiVersion(16, 0, 0)) {
        return LG_DECKLINK_API_16_0;
    }
    if (version >= ApiVersion(14, 3, 0)) {
        return LG_DECKLINK_API_15_3;
    }
    if (version >= ApiVersion(11, 6, 0)) {
        return LG_DECKLINK_API_14_2;
    }
    return 0;
}

int32_t OlderGeneration(int32_t generation)
{
    switch (generation) {
    case LG_DECKLINK_API_16_0: return LG_DECKLINK_API_15_3;
    case LG_DECKLINK_API_15_3: return LG_DECKLINK_API_14_2;
    default: return 0;
    }
}

std::string VersionText(int64_t code)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d.%d.%d", static_cast<int>((code >> 24) & 0xFF), static_cast<int>((code >> 16) & 0xFF),
                  static_cast<int>((code >> 8) & 0xFF));
    return buf;
}

// Reads the modes of one direction through a port (InputPort or OutputPort share the calls used here).
template <class Port> void ReadModes(Port &port, std::vector<ModeEntry> &modes)
{
    IDeckLinkDisplayModeIterator *it = nullptr;
    if (!Succeeded(port.ModeIterator(&it)) || it == nullptr) {
        return;
    }
    IDeckLinkDisplayMode *mode = nullptr;
    while (it->Next(&mode) == S_OK && mode != nullptr) {
        ModeEntry entry;
        const char *name = nullptr;
        if (Succeeded(mode->GetName(&name))) {
            entry.name = TakeDriverString(name);
        }
        entry.info.displayMode = mode->GetDisplayMode();
        entry.info.width = static_cast<int32_t>(mode->GetWidth());
        entry.info.height = static_cast<int32_t>(mode->GetHeight());
        mode->GetFrameRate(&entry.info.frameDuration, &entry.info.timeScale);
        entry.info.fieldDominance = mode->GetFieldDominance();
        entry.info.flags = mode->GetFlags();
        for (BMDPixelFormat format : kProbeFormats) {
            bool supported = false;
            if (Succeeded(port.DoesSupport(entry.info.displayMode, format, &supported)) && supported) {
                entry.info.pixelFormats[entry.info.pixelFormatCount++] = format;
            }
        }
        mode->Release();
        mode = nullptr;
        modes.push_back(std::move(entry));
    }
    it->Release();
    for (auto &m : modes) {
        m.info.name = m.name.c_str();
    }
}

template <class Attributes> void ReadAttributes(Attributes *attributes, DeviceEntry &device)
{
    bool flag = false;
    int64_t value = 0;
    if (Succeeded(attributes->GetFlag(BMDDeckLinkSupportsInputFormatDetection, &flag))) {
        device.info.supportsFormatDetection = flag ? 1 : 0;
    }
    if (Succeeded(attributes->GetFlag(BMDDeckLinkSupportsHDRMetadata, &flag))) {
        device.info.supportsHdrMetadata = flag ? 1 : 0;
    }
    if (Succeeded(attributes->GetInt(BMDDeckLinkPersistentID, &value))) {
        device.info.persistentId = value;
    }
    if (Succeeded(attributes->GetInt(BMDDeckLinkVideoInputConnections, &value))) {
        device.info.videoInputConnections = value;
    }
    if (Succeeded(attributes->GetInt(BMDDeckLinkVideoOutputConnections, &value))) {
        device.info.videoOutputConnections = value;
    }
    if (Succeeded(attributes->GetInt(BMDDeckLinkMinimumPrerollFrames, &value))) {
        device.info.minimumPrerollFrames = value;
    }
}

void ReadDevice(Driver &driver, IDeckLink *deckLink, DeviceEntry &device)
{
    device.deckLink = deckLink;
    const char *s = nullptr;
    if (Succeeded(deckLink->GetModelName(&s))) {
        device.modelName = TakeDriverString(s);
    }
    s = nullptr;
    if (Succeeded(deckLink->GetDisplayName(&s))) {
        device.displayName = TakeDriverString(s);
    }
    if (device.displayName.empty()) {
        device.displayName = device.modelName;
    }

    void *p = nullptr;
    if (driver.generation == LG_DECKLINK_API_16_0 &&
        Succeeded(deckLink->QueryInterface(IID_IDeckLinkProfileAttributes, &p)) && p != nullptr) {
        auto *attributes = static_cast<IDeckLinkProfileAttributes *>(p);
        ReadAttributes(attributes, device);
        attributes->Release();
    } else if (Succeeded(deckLink->QueryInterface(IID_IDeckLinkProfileAttributes_v15_3_1, &p)) && p != nullptr) {
        auto *attributes = static_cast<IDeckLinkProfileAttributes_v15_3_1 *>(p);
        ReadAttributes(attributes, device);
        attributes->Release();
    }

    // Newest-first from the driver's generation: a newer driver answers older IIDs as well.
    for (int32_t gen = driver.generation; gen != 0 && device.inputGeneration == 0; gen = OlderGeneration(gen)) {
        HRESULT hr = S_OK;
        if (auto port = OpenInputPort(deckLink, gen, &hr)) {
            device.inputGeneration = gen;
            ReadModes(*port, device.inputModes);
        }
    }
    for (int32_t gen = driver.generation; gen != 0 && device.outputGeneration == 0; gen = OlderGeneration(gen)) {
        HRESULT hr = S_OK;
        if (auto port = OpenOutputPort(deckLink, gen, &hr)) {
            device.outputGeneration = gen;
            ReadModes(*port, device.outputModes);
        }
    }
    device.info.hasInput = device.inputGeneration != 0 ? 1 : 0;
    device.info.hasOutput = device.outputGeneration != 0 ? 1 : 0;
    device.info.inputModeCount = static_cast<int32_t>(device.inputModes.size());
    device.info.outputModeCount = static_cast<int32_t>(device.outputModes.size());
}

int32_t OpenDriver(const char *requestedPath, LgDeckLinkDriver **outDriver)
{
    if (outDriver == nullptr) {
        return Fail(LG_DECKLINK_ERROR, "outDriver is NULL");
    }
    *outDriver = nullptr;
    std::string path;
    if (requestedPath != nullptr && requestedPath[0] != '\0') {
        path = requestedPath;
    } else if (const char *env = std::getenv("LIVEGRADE_DECKLINK_LIB"); env != nullptr && env[0] != '\0') {
        path = env;
    } else {
        path = "libDeckLinkAPI.so";
    }

    // The SDK's dispatch code loads the library the same way; it is never unloaded.
    void *library = dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
    if (library == nullptr) {
        const char *why = dlerror();
        return Fail(LG_DECKLINK_NO_DRIVER, "no DeckLink driver installed (" + path + ": " +
                                               (why != nullptr ? why : "cannot be loaded") + ")");
    }

    auto driver = std::make_unique<LgDeckLinkDriver>();
    driver->library = library;
    driver->libraryPath = path;

    auto createInformation = reinterpret_cast<FactoryFn>(dlsym(library, LG_DL_SYMBOL_API_INFORMATION));
    if (createInformation != nullptr) {
        if (auto *info = static_cast<IDeckLinkAPIInformation *>(createInformation())) {
            int64_t version = 0;
            if (Succeeded(info->GetInt(BMDDeckLinkAPIVersion, &version))) {
                driver->versionCode = version;
            }
            const char *text = nullptr;
            if (Succeeded(info->GetString(BMDDeckLinkAPIVersion, &text))) {
                driver->versionString = TakeDriverString(text);
            }
            info->Release();
        }
    }
    if (driver->versionString.empty() && driver->versionCode != 0) {
        driver->versionString = VersionText(driver->versionCode);
    }
    if (driver->versionCode != 0) {
        driver->generation = GenerationForVersion(driver->versionCode);
        if (driver->generation == 0) {
            return Fail(LG_DECKLINK_UNSUPPORTED, "DeckLink driver " + driver->versionString +
                                                     " is older than 11.6, the oldest LiveGrade supports; "
                                                     "update Blackmagic Desktop Video");
        }
    } // unknown version: start at 16.0 and let QueryInterface fall back

    auto createIterator = reinterpret_cast<FactoryFn>(dlsym(library, LG_DL_SYMBOL_ITERATOR));
    if (createIterator == nullptr) {
        return Fail(LG_DECKLINK_UNSUPPORTED, path + " does not export " LG_DL_SYMBOL_ITERATOR
                                                    " (a DeckLink driver older than 11.0?)");
    }
    auto *iterator = static_cast<IDeckLinkIterator *>(createIterator());
    if (iterator == nullptr) {
        return Fail(LG_DECKLINK_ERROR, "the DeckLink driver could not create a device iterator");
    }
    IDeckLink *deckLink = nullptr;
    while (iterator->Next(&deckLink) == S_OK && deckLink != nullptr) {
        driver->devices.emplace_back();
        ReadDevice(*driver, deckLink, driver->devices.back());
        deckLink = nullptr;
    }
    iterator->Release();

    for (auto &d : driver->devices) {
        d.info.modelName = d.modelName.c_str();
        d.info.displayName = d.displayName.c_str();
    }
    *outDriver = driver.release();
    return LG_DECKLINK_OK;
}

DeviceEntry *DeviceAt(LgDeckLinkDriver *driver, int32_t index)
{
    if (driver == nullptr || index < 0 || index >= static_cast<int32_t>(driver->devices.size())) {
        return nullptr;
    }
    return &driver->devices[static_cast<size_t>(index)];
}

} // namespace
} // namespace lgshim

using namespace lgshim;

void LgDeckLinkDriver::Unref()
{
    if (--refs == 0) {
        for (auto &d : devices) {
            SafeRelease(d.deckLink);
        }
        delete this;
    }
}

extern "C" {

const char *LgDeckLink_LastError(void) { return t_lastError.c_str(); }

int32_t LgDeckLink_DriverOpen(const char *libraryPath, LgDeckLinkDriver **outDriver)
{
    return Guard("DriverOpen", [&] { return OpenDriver(libraryPath, outDriver); });
}

void LgDeckLink_DriverClose(LgDeckLinkDriver *driver)
{
    if (driver != nullptr) {
        driver->Unref();
    }
}

int32_t LgDeckLink_DriverGetInfo(LgDeckLinkDriver *driver, LgDeckLinkDriverInfo *outInfo)
{
    if (driver == nullptr || outInfo == nullptr) {
        return Fail(LG_DECKLINK_ERROR, "DriverGetInfo: NULL argument");
    }
    outInfo->versionCode = driver->versionCode;
    outInfo->versionString = driver->versionString.c_str();
    outInfo->libraryPath = driver->libraryPath.c_str();
    outInfo->apiGeneration = driver->generation;
    outInfo->deviceCount = static_cast<int32_t>(driver->devices.size());
    return LG_DECKLINK_OK;
}

int32_t LgDeckLink_DeviceGetInfo(LgDeckLinkDriver *driver, int32_t deviceIndex, LgDeckLinkDeviceInfo *outInfo)
{
    DeviceEntry *d = DeviceAt(driver, deviceIndex);
    if (d == nullptr || outInfo == nullptr) {
        return Fail(LG_DECKLINK_ERROR, "DeviceGetInfo: no device " + std::to_string(deviceIndex));
    }
    *outInfo = d->info;
    return LG_DECKLINK_OK;
}

int32_t LgDeckLink_DeviceGetMode(LgDeckLinkDriver *driver, int32_t deviceIndex, int32_t direction, int32_t modeIndex,
                                 LgDeckLinkModeInfo *outMode)
{
    DeviceEntry *d = DeviceAt(driver, deviceIndex);
    if (d == nullptr || outMode == nullptr) {
        return Fail(LG_DECKLINK_ERROR, "DeviceGetMode: no device " + std::to_string(deviceIndex));
    }
    const auto &modes = direction == LG_DECKLINK_OUTPUT ? d->outputModes : d->inputModes;
    if (modeIndex < 0 || modeIndex >= static_cast<int32_t>(modes.size())) {
        return Fail(LG_DECKLINK_ERROR, "DeviceGetMode: no mode " + std::to_string(modeIndex));
    }
    *outMode = modes[static_cast<size_t>(modeIndex)].info;
    return LG_DECKLINK_OK;
}

int32_t LgDeckLink_RowBytes(uint32_t pixelFormat, int32_t width) { return RowBytesFor(pixelFormat, width); }

int32_t LgDeckLink_AbiStructSize(const char *structName)
{
    if (structName == nullptr) {
        return 0;
    }
#define LG_SIZE(T)                                                                                                          \
    if (std::strcmp(structName, #T) == 0) {                                                                                 \
        return static_cast<int32_t>(sizeof(T));                                                                            \
    }
    LG_SIZE(LgDeckLinkDriverInfo)
    LG_SIZE(LgDeckLinkDeviceInfo)
    LG_SIZE(LgDeckLinkModeInfo)
    LG_SIZE(LgDeckLinkCaptureConfig)
    LG_SIZE(LgDeckLinkCapturedFrame)
    LG_SIZE(LgDeckLinkInputChange)
    LG_SIZE(LgDeckLinkCaptureStats)
    LG_SIZE(LgDeckLinkPlayoutConfig)
    LG_SIZE(LgDeckLinkPlayoutBuffer)
    LG_SIZE(LgDeckLinkTimecodeValue)
    LG_SIZE(LgDeckLinkPlayoutStats)
#undef LG_SIZE
    return 0;
}

} // extern "C"

// ---------------- interface layout self-description ----------------
//
// The slot of a virtual member function is read from its pointer-to-member representation (Itanium C++
// ABI §2.3: for a virtual function, x86-64 stores 1 + the vtable byte offset in `ptr`; ARM stores the
// offset in `ptr` and sets bit 0 of `adj`). So these numbers are what the compiler actually calls, not a
// hand-kept table.

namespace {

struct PmfRepresentation {
    uintptr_t ptr;
    ptrdiff_t adj;
};

template <typename Pmf> int32_t SlotOf(Pmf pmf)
{
    static_assert(sizeof(Pmf) == sizeof(PmfRepresentation), "Itanium pointer-to-member-function layout");
    PmfRepresentation rep;
    std::memcpy(&rep, &pmf, sizeof rep);
#if defined(__aarch64__) || defined(__arm__)
    if ((rep.adj & 1) == 0) {
        return -1;
    }
    return static_cast<int32_t>(rep.ptr / sizeof(void *));
#else
    if ((rep.ptr & 1) == 0) {
        return -1;
    }
    return static_cast<int32_t>((rep.ptr - 1) / sizeof(void *));
#endif
}

struct AbiMethod {
    const char *interfaceName;
    const char *methodName;
    int32_t slot;
};

struct AbiInterface {
    const char *name;
    const REFIID *iid;
    bool hasVirtualDestructor;
};

#define M(I, F) AbiMethod{#I, #F, SlotOf(&lgdl::I::F)}
#define IUNKNOWN_OF(I) M(I, QueryInterface), M(I, AddRef), M(I, Release)
#define VIDEO_FRAME_OF(I)                                                                                                   \
    M(I, GetWidth), M(I, GetHeight), M(I, GetRowBytes), M(I, GetPixelFormat), M(I, GetFlags), M(I, GetTimecode),        \
        M(I, GetAncillaryData)
#define VIDEO_FRAME_V14_OF(I)                                                                                               \
    M(I, GetWidth), M(I, GetHeight), M(I, GetRowBytes), M(I, GetPixelFormat), M(I, GetFlags), M(I, GetBytes),           \
        M(I, GetTimecode), M(I, GetAncillaryData)
#define INPUT_COMMON_OF(I)                                                                                                  \
    M(I, DoesSupportVideoMode), M(I, GetDisplayMode), M(I, GetDisplayModeIterator), M(I, SetScreenPreviewCallback),     \
        M(I, EnableVideoInput), M(I, DisableVideoInput), M(I, GetAvailableVideoFrameCount), M(I, EnableAudioInput),     \
        M(I, DisableAudioInput), M(I, GetAvailableAudioSampleFrameCount), M(I, StartStreams), M(I, StopStreams),        \
        M(I, PauseStreams), M(I, FlushStreams), M(I, SetCallback), M(I, GetHardwareReferenceClock)
#define OUTPUT_COMMON_OF(I)                                                                                                 \
    M(I, DoesSupportVideoMode), M(I, GetDisplayMode), M(I, GetDisplayModeIterator), M(I, SetScreenPreviewCallback),     \
        M(I, EnableVideoOutput), M(I, DisableVideoOutput), M(I, CreateVideoFrame), M(I, CreateAncillaryData),           \
        M(I, DisplayVideoFrameSync), M(I, ScheduleVideoFrame), M(I, SetScheduledFrameCompletionCallback),               \
        M(I, GetBufferedVideoFrameCount), M(I, EnableAudioOutput), M(I, DisableAudioOutput), M(I, WriteAudioSamplesSync), \
        M(I, BeginAudioPreroll), M(I, EndAudioPreroll), M(I, ScheduleAudioSamples), M(I, GetBufferedAudioSampleFrameCount), \
        M(I, FlushBufferedAudioSamples), M(I, SetAudioCallback), M(I, StartScheduledPlayback), M(I, StopScheduledPlayback), \
        M(I, IsScheduledPlaybackRunning), M(I, GetScheduledStreamTime), M(I, GetReferenceStatus),                       \
        M(I, GetHardwareReferenceClock), M(I, GetFrameCompletionReferenceTimestamp)

const std::vector<AbiMethod> &AbiMethods()
{
    static const std::vector<AbiMethod> methods = {
        IUNKNOWN_OF(IUnknown),
        IUNKNOWN_OF(IDeckLinkIterator), M(IDeckLinkIterator, Next),
        IUNKNOWN_OF(IDeckLink), M(IDeckLink, GetModelName), M(IDeckLink, GetDisplayName),
        IUNKNOWN_OF(IDeckLinkAPIInformation), M(IDeckLinkAPIInformation, GetFlag), M(IDeckLinkAPIInformation, GetInt),
        M(IDeckLinkAPIInformation, GetFloat), M(IDeckLinkAPIInformation, GetString),
        IUNKNOWN_OF(IDeckLinkProfileAttributes), M(IDeckLinkProfileAttributes, GetFlag), M(IDeckLinkProfileAttributes, GetInt),
        M(IDeckLinkProfileAttributes, GetFloat), M(IDeckLinkProfileAttributes, GetString),
        M(IDeckLinkProfileAttributes, GetStringWithParam),
        IUNKNOWN_OF(IDeckLinkDisplayModeIterator), M(IDeckLinkDisplayModeIterator, Next),
        IUNKNOWN_OF(IDeckLinkDisplayMode), M(IDeckLinkDisplayMode, GetName), M(IDeckLinkDisplayMode, GetDisplayMode),
        M(IDeckLinkDisplayMode, GetWidth), M(IDeckLinkDisplayMode, GetHeight), M(IDeckLinkDisplayMode, GetFrameRate),
        M(IDeckLinkDisplayMode, GetFieldDominance), M(IDeckLinkDisplayMode, GetFlags),
        IUNKNOWN_OF(IDeckLinkTimecode), M(IDeckLinkTimecode, GetBCD), M(IDeckLinkTimecode, GetComponents),
        M(IDeckLinkTimecode, GetString), M(IDeckLinkTimecode, GetFlags), M(IDeckLinkTimecode, GetTimecodeUserBits),
        IUNKNOWN_OF(IDeckLinkVideoFrame), VIDEO_FRAME_OF(IDeckLinkVideoFrame),
        IUNKNOWN_OF(IDeckLinkMutableVideoFrame), VIDEO_FRAME_OF(IDeckLinkMutableVideoFrame),
        M(IDeckLinkMutableVideoFrame, SetFlags), M(IDeckLinkMutableVideoFrame, SetTimecode),
        M(IDeckLinkMutableVideoFrame, SetTimecodeFromComponents), M(IDeckLinkMutableVideoFrame, SetAncillaryData),
        M(IDeckLinkMutableVideoFrame, SetTimecodeUserBits), M(IDeckLinkMutableVideoFrame, SetInterfaceProvider),
        IUNKNOWN_OF(IDeckLinkVideoInputFrame), VIDEO_FRAME_OF(IDeckLinkVideoInputFrame),
        M(IDeckLinkVideoInputFrame, GetStreamTime), M(IDeckLinkVideoInputFrame, GetHardwareReferenceTimestamp),
        IUNKNOWN_OF(IDeckLinkVideoBuffer), M(IDeckLinkVideoBuffer, GetBytes), M(IDeckLinkVideoBuffer, GetSize),
        M(IDeckLinkVideoBuffer, StartAccess), M(IDeckLinkVideoBuffer, EndAccess),
        IUNKNOWN_OF(IDeckLinkVideoFrameMetadataExtensions), M(IDeckLinkVideoFrameMetadataExtensions, GetInt),
        M(IDeckLinkVideoFrameMetadataExtensions, GetFloat), M(IDeckLinkVideoFrameMetadataExtensions, GetFlag),
        M(IDeckLinkVideoFrameMetadataExtensions, GetString), M(IDeckLinkVideoFrameMetadataExtensions, GetBytes),
        IUNKNOWN_OF(IDeckLinkAudioInputPacket), M(IDeckLinkAudioInputPacket, GetSampleFrameCount),
        M(IDeckLinkAudioInputPacket, GetBytes), M(IDeckLinkAudioInputPacket, GetPacketTime),
        IUNKNOWN_OF(IDeckLinkInputCallback), M(IDeckLinkInputCallback, VideoInputFormatChanged),
        M(IDeckLinkInputCallback, VideoInputFrameArrived),
        IUNKNOWN_OF(IDeckLinkVideoOutputCallback), M(IDeckLinkVideoOutputCallback, ScheduledFrameCompleted),
        M(IDeckLinkVideoOutputCallback, ScheduledPlaybackHasStopped),
        IUNKNOWN_OF(IDeckLinkInput), INPUT_COMMON_OF(IDeckLinkInput), M(IDeckLinkInput, EnableVideoInputWithAllocatorProvider),
        IUNKNOWN_OF(IDeckLinkOutput), OUTPUT_COMMON_OF(IDeckLinkOutput), M(IDeckLinkOutput, CreateVideoFrameWithBuffer),
        M(IDeckLinkOutput, RowBytesForPixelFormat),
        IUNKNOWN_OF(IDeckLinkProfileAttributes_v15_3_1), M(IDeckLinkProfileAttributes_v15_3_1, GetFlag),
        M(IDeckLinkProfileAttributes_v15_3_1, GetInt), M(IDeckLinkProfileAttributes_v15_3_1, GetFloat),
        M(IDeckLinkProfileAttributes_v15_3_1, GetString),
        IUNKNOWN_OF(IDeckLinkVideoBuffer_v15_3_1), M(IDeckLinkVideoBuffer_v15_3_1, GetBytes),
        M(IDeckLinkVideoBuffer_v15_3_1, StartAccess), M(IDeckLinkVideoBuffer_v15_3_1, EndAccess),
        IUNKNOWN_OF(IDeckLinkInput_v15_3_1), INPUT_COMMON_OF(IDeckLinkInput_v15_3_1),
        M(IDeckLinkInput_v15_3_1, EnableVideoInputWithAllocatorProvider),
        IUNKNOWN_OF(IDeckLinkOutput_v15_3_1), OUTPUT_COMMON_OF(IDeckLinkOutput_v15_3_1),
        M(IDeckLinkOutput_v15_3_1, CreateVideoFrameWithBuffer), M(IDeckLinkOutput_v15_3_1, RowBytesForPixelFormat),
        IUNKNOWN_OF(IDeckLinkVideoFrame_v14_2_1), VIDEO_FRAME_V14_OF(IDeckLinkVideoFrame_v14_2_1),
        IUNKNOWN_OF(IDeckLinkMutableVideoFrame_v14_2_1), VIDEO_FRAME_V14_OF(IDeckLinkMutableVideoFrame_v14_2_1),
        M(IDeckLinkMutableVideoFrame_v14_2_1, SetFlags), M(IDeckLinkMutableVideoFrame_v14_2_1, SetTimecode),
        M(IDeckLinkMutableVideoFrame_v14_2_1, SetTimecodeFromComponents),
        M(IDeckLinkMutableVideoFrame_v14_2_1, SetAncillaryData), M(IDeckLinkMutableVideoFrame_v14_2_1, SetTimecodeUserBits),
        IUNKNOWN_OF(IDeckLinkVideoInputFrame_v14_2_1), VIDEO_FRAME_V14_OF(IDeckLinkVideoInputFrame_v14_2_1),
        M(IDeckLinkVideoInputFrame_v14_2_1, GetStreamTime), M(IDeckLinkVideoInputFrame_v14_2_1, GetHardwareReferenceTimestamp),
        IUNKNOWN_OF(IDeckLinkInputCallback_v14_2_1), M(IDeckLinkInputCallback_v14_2_1, VideoInputFormatChanged),
        M(IDeckLinkInputCallback_v14_2_1, VideoInputFrameArrived),
        IUNKNOWN_OF(IDeckLinkVideoOutputCallback_v14_2_1), M(IDeckLinkVideoOutputCallback_v14_2_1, ScheduledFrameCompleted),
        M(IDeckLinkVideoOutputCallback_v14_2_1, ScheduledPlaybackHasStopped),
        IUNKNOWN_OF(IDeckLinkInput_v14_2_1), INPUT_COMMON_OF(IDeckLinkInput_v14_2_1),
        M(IDeckLinkInput_v14_2_1, SetVideoInputFrameMemoryAllocator),
        IUNKNOWN_OF(IDeckLinkOutput_v14_2_1), OUTPUT_COMMON_OF(IDeckLinkOutput_v14_2_1),
        M(IDeckLinkOutput_v14_2_1, SetVideoOutputFrameMemoryAllocator),
    };
    return methods;
}

#define I(N) AbiInterface{#N, &lgdl::IID_##N, std::has_virtual_destructor<lgdl::N>::value}

const std::vector<AbiInterface> &AbiInterfaces()
{
    static const std::vector<AbiInterface> interfaces = {
        I(IUnknown), I(IDeckLinkIterator), I(IDeckLink), I(IDeckLinkAPIInformation), I(IDeckLinkProfileAttributes),
        I(IDeckLinkDisplayModeIterator), I(IDeckLinkDisplayMode), I(IDeckLinkTimecode), I(IDeckLinkVideoFrame),
        I(IDeckLinkMutableVideoFrame), I(IDeckLinkVideoInputFrame), I(IDeckLinkVideoBuffer),
        I(IDeckLinkVideoFrameMetadataExtensions), I(IDeckLinkAudioInputPacket), I(IDeckLinkInputCallback),
        I(IDeckLinkVideoOutputCallback), I(IDeckLinkInput), I(IDeckLinkOutput), I(IDeckLinkProfileAttributes_v15_3_1),
        I(IDeckLinkVideoBuffer_v15_3_1), I(IDeckLinkInput_v15_3_1), I(IDeckLinkOutput_v15_3_1),
        I(IDeckLinkVideoFrame_v14_2_1), I(IDeckLinkMutableVideoFrame_v14_2_1), I(IDeckLinkVideoInputFrame_v14_2_1),
        I(IDeckLinkInputCallback_v14_2_1), I(IDeckLinkVideoOutputCallback_v14_2_1), I(IDeckLinkInput_v14_2_1),
        I(IDeckLinkOutput_v14_2_1),
    };
    return interfaces;
}

#undef I
#undef M

} // namespace

extern "C" {

int32_t LgDeckLink_AbiMethodCount(void) { return static_cast<int32_t>(AbiMethods().size()); }

int32_t LgDeckLink_AbiMethod(int32_t index, const char **outInterface, const char **outMethod, int32_t *outSlot)
{
    const auto &methods = AbiMethods();
    if (index < 0 || index >= static_cast<int32_t>(methods.size()) || outInterface == nullptr || outMethod == nullptr ||
        outSlot == nullptr) {
        return Fail(LG_DECKLINK_ERROR, "AbiMethod: index out of range");
    }
    const AbiMethod &m = methods[static_cast<size_t>(index)];
    *outInterface = m.interfaceName;
    *outMethod = m.methodName;
    *outSlot = m.slot;
    return LG_DECKLINK_OK;
}

int32_t LgDeckLink_AbiInterfaceCount(void) { return static_cast<int32_t>(AbiInterfaces().size()); }

int32_t LgDeckLink_AbiInterface(int32_t index, const char **outName, uint8_t *outIid16, int32_t *outHasVirtualDestructor)
{
    const auto &interfaces = AbiInterfaces();
    if (index < 0 || index >= static_cast<int32_t>(interfaces.size()) || outName == nullptr || outIid16 == nullptr ||
        outHasVirtualDestructor == nullptr) {
        return Fail(LG_DECKLINK_ERROR, "AbiInterface: index out of range");
    }
    const AbiInterface &i = interfaces[static_cast<size_t>(index)];
    *outName = i.name;
    std::memcpy(outIid16, i.iid->bytes, 16);
    *outHasVirtualDestructor = i.hasVirtualDestructor ? 1 : 0;
    return LG_DECKLINK_OK;
}

} // extern "C"
