/*
 * decklink_abi.h — LiveGrade's own declarations of the DeckLink SDK's Linux binary interface.
 *
 * Written from the fact sheet in shared/reference/decklink/ (decklink-abi.md / .json: SDK 16.0 layout
 * plus the compatibility interfaces of the 15.3.x and 14.2.1 eras). No SDK header text is used.
 * Only the interfaces LiveGrade calls or implements are declared; interfaces that only appear as
 * parameter types are forward-declared.
 *
 * Linux COM conventions (fact sheet §3), which differ from Windows COM:
 *  - HRESULT is int32_t and the E_* values are not the Windows ones (E_FAIL = 0x80000008).
 *  - AddRef/Release return unsigned long: 64 bits on LP64.
 *  - REFIID is a 16-byte struct passed BY VALUE, bytes in the GUID's textual order.
 *  - Interfaces that declare a virtual destructor (most of them) occupy two vtable slots for it
 *    (Itanium ABI: complete-object D1 then deleting D0) right after their own methods; derived
 *    interfaces start their methods after those two slots. Declaring the destructor here exactly
 *    where the SDK does makes GCC/Clang produce the same layout; tests/LiveGrade.Interop.Tests/
 *    DeckLink/DeckLinkAbiLayoutTests checks every slot index and IID byte against the fact sheet.
 *  - Every const char** out-parameter is allocated by the library; the caller frees it with free().
 *
 * Shared by native/decklink (the shim, which calls these) and native/decklink-sim (the simulated
 * driver, which implements them), so both sides follow one checked layout.
 */
#ifndef LG_DECKLINK_ABI_H
#define LG_DECKLINK_ABI_H

#include <stdint.h>

namespace lgdl {

typedef int32_t HRESULT;
typedef unsigned long ULONG; // 64-bit on LP64 Linux
static_assert(sizeof(ULONG) == 8, "the DeckLink Linux ABI needs LP64 (unsigned long = 64 bits)");
static_assert(sizeof(long) == 8, "GetWidth/GetHeight/GetRowBytes return a 64-bit long");
static_assert(sizeof(bool) == 1, "the API passes C++ bool (1 byte)");

/* A GUID as 16 bytes in textual order (RFC 4122 / big-endian), passed by value. */
struct REFIID {
    uint8_t bytes[16];
};
static_assert(sizeof(REFIID) == 16, "REFIID is a 16-byte struct");

inline bool SameIid(const REFIID &a, const REFIID &b)
{
    for (int i = 0; i < 16; ++i) {
        if (a.bytes[i] != b.bytes[i]) {
            return false;
        }
    }
    return true;
}

constexpr HRESULT S_OK = 0x00000000;
constexpr HRESULT S_FALSE = 0x00000001;
constexpr HRESULT E_NOTIMPL = static_cast<HRESULT>(0x80000001u);
constexpr HRESULT E_OUTOFMEMORY = static_cast<HRESULT>(0x80000002u);
constexpr HRESULT E_INVALIDARG = static_cast<HRESULT>(0x80000003u);
constexpr HRESULT E_NOINTERFACE = static_cast<HRESULT>(0x80000004u);
constexpr HRESULT E_POINTER = static_cast<HRESULT>(0x80000005u);
constexpr HRESULT E_HANDLE = static_cast<HRESULT>(0x80000006u);
constexpr HRESULT E_ABORT = static_cast<HRESULT>(0x80000007u);
constexpr HRESULT E_FAIL = static_cast<HRESULT>(0x80000008u);
constexpr HRESULT E_ACCESSDENIED = static_cast<HRESULT>(0x80000009u);
constexpr HRESULT E_UNEXPECTED = static_cast<HRESULT>(0x8000FFFFu);
inline bool Succeeded(HRESULT hr) { return hr >= 0; }

/* Every BMD* enum is a uint32_t typedef; times are int64_t. */
typedef int64_t BMDTimeValue;
typedef int64_t BMDTimeScale;
typedef uint32_t BMDTimecodeBCD;
typedef uint32_t BMDTimecodeUserBits;
typedef uint32_t BMDDisplayMode;
typedef uint32_t BMDFieldDominance;
typedef uint32_t BMDPixelFormat;
typedef uint32_t BMDDisplayModeFlags;
typedef uint32_t BMDTimecodeFlags;
typedef uint32_t BMDTimecodeFormat;
typedef uint32_t BMDVideoConnection;
typedef uint32_t BMDBufferAccessFlags;
typedef uint32_t BMDVideoOutputFlags;
typedef uint32_t BMDVideoInputFlags;
typedef uint32_t BMDSupportedVideoModeFlags;
typedef uint32_t BMDFrameFlags;
typedef uint32_t BMDVideoInputFormatChangedEvents;
typedef uint32_t BMDDetectedVideoInputFormatFlags;
typedef uint32_t BMDOutputFrameCompletionResult;
typedef uint32_t BMDReferenceStatus;
typedef uint32_t BMDAudioSampleRate;
typedef uint32_t BMDAudioSampleType;
typedef uint32_t BMDAudioOutputStreamType;
typedef uint32_t BMDVideoInputConversionMode;
typedef uint32_t BMDVideoOutputConversionMode;
typedef uint32_t BMDDeckLinkAttributeID;
typedef uint32_t BMDDeckLinkAPIInformationID;
typedef uint32_t BMDDeckLinkFrameMetadataID;
typedef uint32_t BMDColorspace;

/* Enum values used by LiveGrade (fact sheet §8 and the JSON `enums`). */
constexpr uint32_t FourCC(char a, char b, char c, char d)
{
    return (static_cast<uint32_t>(static_cast<uint8_t>(a)) << 24) | (static_cast<uint32_t>(static_cast<uint8_t>(b)) << 16) |
           (static_cast<uint32_t>(static_cast<uint8_t>(c)) << 8) | static_cast<uint32_t>(static_cast<uint8_t>(d));
}

constexpr BMDPixelFormat bmdFormatUnspecified = 0;
constexpr BMDPixelFormat bmdFormat8BitYUV = FourCC('2', 'v', 'u', 'y');
constexpr BMDPixelFormat bmdFormat10BitYUV = FourCC('v', '2', '1', '0');
constexpr BMDPixelFormat bmdFormat8BitARGB = 32;
constexpr BMDPixelFormat bmdFormat8BitBGRA = FourCC('B', 'G', 'R', 'A');
constexpr BMDPixelFormat bmdFormat10BitRGB = FourCC('r', '2', '1', '0');
constexpr BMDPixelFormat bmdFormat12BitRGB = FourCC('R', '1', '2', 'B');
constexpr BMDPixelFormat bmdFormat12BitRGBLE = FourCC('R', '1', '2', 'L');
constexpr BMDPixelFormat bmdFormat10BitRGBXLE = FourCC('R', '1', '0', 'l');
constexpr BMDPixelFormat bmdFormat10BitRGBX = FourCC('R', '1', '0', 'b');

constexpr BMDFieldDominance bmdUnknownFieldDominance = 0;
constexpr BMDFieldDominance bmdLowerFieldFirst = FourCC('l', 'o', 'w', 'r');
constexpr BMDFieldDominance bmdUpperFieldFirst = FourCC('u', 'p', 'p', 'r');
constexpr BMDFieldDominance bmdProgressiveFrame = FourCC('p', 'r', 'o', 'g');
constexpr BMDFieldDominance bmdProgressiveSegmentedFrame = FourCC('p', 's', 'f', ' ');

constexpr BMDDisplayModeFlags bmdDisplayModeColorspaceRec601 = 0x2;
constexpr BMDDisplayModeFlags bmdDisplayModeColorspaceRec709 = 0x4;
constexpr BMDDisplayModeFlags bmdDisplayModeColorspaceRec2020 = 0x8;

constexpr BMDDisplayMode bmdModeUnknown = FourCC('i', 'u', 'n', 'k');

constexpr BMDVideoInputFlags bmdVideoInputFlagDefault = 0;
constexpr BMDVideoInputFlags bmdVideoInputEnableFormatDetection = 0x1;

constexpr BMDVideoInputFormatChangedEvents bmdVideoInputDisplayModeChanged = 0x1;
constexpr BMDVideoInputFormatChangedEvents bmdVideoInputFieldDominanceChanged = 0x2;
constexpr BMDVideoInputFormatChangedEvents bmdVideoInputColorspaceChanged = 0x4;

constexpr BMDDetectedVideoInputFormatFlags bmdDetectedVideoInputYCbCr422 = 0x01;
constexpr BMDDetectedVideoInputFormatFlags bmdDetectedVideoInputRGB444 = 0x02;
constexpr BMDDetectedVideoInputFormatFlags bmdDetectedVideoInputDualStream3D = 0x04;
constexpr BMDDetectedVideoInputFormatFlags bmdDetectedVideoInput12BitDepth = 0x08;
constexpr BMDDetectedVideoInputFormatFlags bmdDetectedVideoInput10BitDepth = 0x10;
constexpr BMDDetectedVideoInputFormatFlags bmdDetectedVideoInput8BitDepth = 0x20;

constexpr BMDFrameFlags bmdFrameFlagDefault = 0;
constexpr BMDFrameFlags bmdFrameFlagFlipVertical = 0x1;
constexpr BMDFrameFlags bmdFrameContainsHDRMetadata = 0x2;
constexpr BMDFrameFlags bmdFrameCapturedAsPsF = 0x40000000;
constexpr BMDFrameFlags bmdFrameHasNoInputSource = 0x80000000u;

constexpr BMDVideoOutputFlags bmdVideoOutputFlagDefault = 0;
constexpr BMDVideoOutputFlags bmdVideoOutputVANC = 0x1;
constexpr BMDVideoOutputFlags bmdVideoOutputVITC = 0x2;
constexpr BMDVideoOutputFlags bmdVideoOutputRP188 = 0x4;

constexpr BMDOutputFrameCompletionResult bmdOutputFrameCompleted = 0;
constexpr BMDOutputFrameCompletionResult bmdOutputFrameDisplayedLate = 1;
constexpr BMDOutputFrameCompletionResult bmdOutputFrameDropped = 2;
constexpr BMDOutputFrameCompletionResult bmdOutputFrameFlushed = 3;

constexpr BMDTimecodeFormat bmdTimecodeRP188VITC1 = FourCC('r', 'p', 'v', '1');
constexpr BMDTimecodeFormat bmdTimecodeRP188VITC2 = FourCC('r', 'p', '1', '2');
constexpr BMDTimecodeFormat bmdTimecodeRP188LTC = FourCC('r', 'p', 'l', 't');
constexpr BMDTimecodeFormat bmdTimecodeRP188HighFrameRate = FourCC('r', 'p', 'h', 'r');
constexpr BMDTimecodeFormat bmdTimecodeRP188Any = FourCC('r', 'p', '1', '8');
constexpr BMDTimecodeFormat bmdTimecodeVITC = FourCC('v', 'i', 't', 'c');

constexpr BMDTimecodeFlags bmdTimecodeFlagDefault = 0;
constexpr BMDTimecodeFlags bmdTimecodeIsDropFrame = 0x1;
constexpr BMDTimecodeFlags bmdTimecodeFieldMark = 0x2;

constexpr BMDBufferAccessFlags bmdBufferAccessRead = 0x1;
constexpr BMDBufferAccessFlags bmdBufferAccessWrite = 0x2;
constexpr BMDBufferAccessFlags bmdBufferAccessReadAndWrite = 0x3;

constexpr BMDVideoConnection bmdVideoConnectionUnspecified = 0;
constexpr BMDVideoConnection bmdVideoConnectionSDI = 0x1;
constexpr BMDVideoConnection bmdVideoConnectionHDMI = 0x2;

constexpr BMDSupportedVideoModeFlags bmdSupportedVideoModeDefault = 0;
constexpr BMDVideoInputConversionMode bmdNoVideoInputConversion = FourCC('n', 'o', 'n', 'e');
constexpr BMDVideoOutputConversionMode bmdNoVideoOutputConversion = FourCC('n', 'o', 'n', 'e');

constexpr BMDReferenceStatus bmdReferenceUnlocked = 0;
constexpr BMDReferenceStatus bmdReferenceNotSupportedByHardware = 1;
constexpr BMDReferenceStatus bmdReferenceLocked = 2;

constexpr BMDColorspace bmdColorspaceRec601 = FourCC('r', '6', '0', '1');
constexpr BMDColorspace bmdColorspaceRec709 = FourCC('r', '7', '0', '9');
constexpr BMDColorspace bmdColorspaceRec2020 = FourCC('2', '0', '2', '0');
constexpr BMDColorspace bmdColorspaceP3D65 = FourCC('P', '3', 'D', '6');
constexpr BMDColorspace bmdColorspaceUnknown = FourCC('N', 'c', 'o', 'l');

constexpr BMDDeckLinkAPIInformationID BMDDeckLinkAPIVersion = FourCC('v', 'e', 'r', 's');

constexpr BMDDeckLinkAttributeID BMDDeckLinkSupportsInputFormatDetection = FourCC('i', 'n', 'f', 'd');
constexpr BMDDeckLinkAttributeID BMDDeckLinkSupportsHDRMetadata = FourCC('h', 'd', 'r', 'm');
constexpr BMDDeckLinkAttributeID BMDDeckLinkSupportsColorspaceMetadata = FourCC('c', 'm', 'e', 't');
constexpr BMDDeckLinkAttributeID BMDDeckLinkHasReferenceInput = FourCC('h', 'r', 'i', 'n');
constexpr BMDDeckLinkAttributeID BMDDeckLinkPersistentID = FourCC('p', 'e', 'i', 'd');
constexpr BMDDeckLinkAttributeID BMDDeckLinkTopologicalID = FourCC('t', 'o', 'i', 'd');
constexpr BMDDeckLinkAttributeID BMDDeckLinkVideoOutputConnections = FourCC('v', 'o', 'c', 'n');
constexpr BMDDeckLinkAttributeID BMDDeckLinkVideoInputConnections = FourCC('v', 'i', 'c', 'n');
constexpr BMDDeckLinkAttributeID BMDDeckLinkMinimumPrerollFrames = FourCC('m', 'p', 'r', 'f');
constexpr BMDDeckLinkAttributeID BMDDeckLinkDisplayName = FourCC('d', 's', 'p', 'n');
constexpr BMDDeckLinkAttributeID BMDDeckLinkModelName = FourCC('m', 'd', 'l', 'n');

constexpr BMDDeckLinkFrameMetadataID bmdDeckLinkFrameMetadataColorspace = FourCC('c', 's', 'p', 'c');
constexpr BMDDeckLinkFrameMetadataID bmdDeckLinkFrameMetadataHDRElectroOpticalTransferFunc = FourCC('e', 'o', 't', 'f');
constexpr BMDDeckLinkFrameMetadataID bmdDeckLinkFrameMetadataHDRDisplayPrimariesRedX = FourCC('h', 'd', 'r', 'x');
constexpr BMDDeckLinkFrameMetadataID bmdDeckLinkFrameMetadataHDRDisplayPrimariesRedY = FourCC('h', 'd', 'r', 'y');
constexpr BMDDeckLinkFrameMetadataID bmdDeckLinkFrameMetadataHDRDisplayPrimariesGreenX = FourCC('h', 'd', 'g', 'x');
constexpr BMDDeckLinkFrameMetadataID bmdDeckLinkFrameMetadataHDRDisplayPrimariesGreenY = FourCC('h', 'd', 'g', 'y');
constexpr BMDDeckLinkFrameMetadataID bmdDeckLinkFrameMetadataHDRDisplayPrimariesBlueX = FourCC('h', 'd', 'b', 'x');
constexpr BMDDeckLinkFrameMetadataID bmdDeckLinkFrameMetadataHDRDisplayPrimariesBlueY = FourCC('h', 'd', 'b', 'y');
constexpr BMDDeckLinkFrameMetadataID bmdDeckLinkFrameMetadataHDRWhitePointX = FourCC('h', 'd', 'w', 'x');
constexpr BMDDeckLinkFrameMetadataID bmdDeckLinkFrameMetadataHDRWhitePointY = FourCC('h', 'd', 'w', 'y');
constexpr BMDDeckLinkFrameMetadataID bmdDeckLinkFrameMetadataHDRMaxDisplayMasteringLuminance = FourCC('h', 'd', 'm', 'l');
constexpr BMDDeckLinkFrameMetadataID bmdDeckLinkFrameMetadataHDRMinDisplayMasteringLuminance = FourCC('h', 'm', 'i', 'l');
constexpr BMDDeckLinkFrameMetadataID bmdDeckLinkFrameMetadataHDRMaximumContentLightLevel = FourCC('m', 'c', 'l', 'l');
constexpr BMDDeckLinkFrameMetadataID bmdDeckLinkFrameMetadataHDRMaximumFrameAverageLightLevel = FourCC('f', 'a', 'l', 'l');

/* Version encoding (fact sheet §1): (major<<24)|(minor<<16)|(patch<<8). */
constexpr int64_t ApiVersion(int major, int minor, int patch)
{
    return (static_cast<int64_t>(major) << 24) | (static_cast<int64_t>(minor) << 16) | (static_cast<int64_t>(patch) << 8);
}

/* Factory symbols in libDeckLinkAPI.so: void* fn(void), object returned with one reference. */
#define LG_DL_SYMBOL_ITERATOR "CreateDeckLinkIteratorInstance_0004"
#define LG_DL_SYMBOL_API_INFORMATION "CreateDeckLinkAPIInformationInstance_0001"

/* ---- forward declarations of interfaces only used as parameter types ---- */
class IDeckLinkVideoFrameAncillary;
class IDeckLinkScreenPreviewCallback;
class IDeckLinkScreenPreviewCallback_v14_2_1;
class IDeckLinkVideoBufferAllocatorProvider;
class IDeckLinkVideoBufferAllocatorProvider_v15_3_1;
class IDeckLinkMemoryAllocator_v14_2_1;
class IDeckLinkAudioOutputCallback;

/* ---- IUnknown: slots 0-2, no destructor ---- */
class IUnknown {
public:
    virtual HRESULT QueryInterface(REFIID iid, void **ppv) = 0;
    virtual ULONG AddRef() = 0;
    virtual ULONG Release() = 0;
};

/* ==== current (16.0) interfaces ==== */

class IDeckLinkDisplayMode;
class IDeckLinkDisplayModeIterator;
class IDeckLink;
class IDeckLinkTimecode;
class IDeckLinkVideoFrame;
class IDeckLinkMutableVideoFrame;
class IDeckLinkVideoInputFrame;
class IDeckLinkVideoBuffer;
class IDeckLinkVideoBuffer_v15_3_1;
class IDeckLinkAudioInputPacket;
class IDeckLinkInputCallback;
class IDeckLinkVideoOutputCallback;

/* No virtual destructor declared: 4 slots. */
class IDeckLinkIterator : public IUnknown {
public:
    virtual HRESULT Next(IDeckLink **deckLinkInstance) = 0;
};

class IDeckLink : public IUnknown {
public:
    virtual HRESULT GetModelName(const char **modelName) = 0;
    virtual HRESULT GetDisplayName(const char **displayName) = 0;

protected:
    virtual ~IDeckLink() {}
};

class IDeckLinkAPIInformation : public IUnknown {
public:
    virtual HRESULT GetFlag(BMDDeckLinkAPIInformationID cfgID, bool *value) = 0;
    virtual HRESULT GetInt(BMDDeckLinkAPIInformationID cfgID, int64_t *value) = 0;
    virtual HRESULT GetFloat(BMDDeckLinkAPIInformationID cfgID, double *value) = 0;
    virtual HRESULT GetString(BMDDeckLinkAPIInformationID cfgID, const char **value) = 0;

protected:
    virtual ~IDeckLinkAPIInformation() {}
};

class IDeckLinkProfileAttributes : public IUnknown {
public:
    virtual HRESULT GetFlag(BMDDeckLinkAttributeID cfgID, bool *value) = 0;
    virtual HRESULT GetInt(BMDDeckLinkAttributeID cfgID, int64_t *value) = 0;
    virtual HRESULT GetFloat(BMDDeckLinkAttributeID cfgID, double *value) = 0;
    virtual HRESULT GetString(BMDDeckLinkAttributeID cfgID, const char **value) = 0;
    virtual HRESULT GetStringWithParam(BMDDeckLinkAttributeID cfgID, uint64_t param, const char **value) = 0;

protected:
    virtual ~IDeckLinkProfileAttributes() {}
};

class IDeckLinkDisplayModeIterator : public IUnknown {
public:
    virtual HRESULT Next(IDeckLinkDisplayMode **deckLinkDisplayMode) = 0;

protected:
    virtual ~IDeckLinkDisplayModeIterator() {}
};

class IDeckLinkDisplayMode : public IUnknown {
public:
    virtual HRESULT GetName(const char **name) = 0;
    virtual BMDDisplayMode GetDisplayMode() = 0;
    virtual long GetWidth() = 0;
    virtual long GetHeight() = 0;
    virtual HRESULT GetFrameRate(BMDTimeValue *frameDuration, BMDTimeScale *timeScale) = 0;
    virtual BMDFieldDominance GetFieldDominance() = 0;
    virtual BMDDisplayModeFlags GetFlags() = 0;

protected:
    virtual ~IDeckLinkDisplayMode() {}
};

class IDeckLinkTimecode : public IUnknown {
public:
    virtual BMDTimecodeBCD GetBCD() = 0;
    virtual HRESULT GetComponents(uint8_t *hours, uint8_t *minutes, uint8_t *seconds, uint8_t *frames) = 0;
    virtual HRESULT GetString(const char **timecode) = 0;
    virtual BMDTimecodeFlags GetFlags() = 0;
    virtual HRESULT GetTimecodeUserBits(BMDTimecodeUserBits *userBits) = 0;

protected:
    virtual ~IDeckLinkTimecode() {}
};

class IDeckLinkVideoFrame : public IUnknown {
public:
    virtual long GetWidth() = 0;
    virtual long GetHeight() = 0;
    virtual long GetRowBytes() = 0;
    virtual BMDPixelFormat GetPixelFormat() = 0;
    virtual BMDFrameFlags GetFlags() = 0;
    virtual HRESULT GetTimecode(BMDTimecodeFormat format, IDeckLinkTimecode **timecode) = 0;
    virtual HRESULT GetAncillaryData(IDeckLinkVideoFrameAncillary **ancillary) = 0;

protected:
    virtual ~IDeckLinkVideoFrame() {}
};

/* Own methods start at slot 12, after IDeckLinkVideoFrame's two destructor slots. */
class IDeckLinkMutableVideoFrame : public IDeckLinkVideoFrame {
public:
    virtual HRESULT SetFlags(BMDFrameFlags newFlags) = 0;
    virtual HRESULT SetTimecode(BMDTimecodeFormat format, IDeckLinkTimecode *timecode) = 0;
    virtual HRESULT SetTimecodeFromComponents(BMDTimecodeFormat format, uint8_t hours, uint8_t minutes, uint8_t seconds,
                                              uint8_t frames, BMDTimecodeFlags flags) = 0;
    virtual HRESULT SetAncillaryData(IDeckLinkVideoFrameAncillary *ancillary) = 0;
    virtual HRESULT SetTimecodeUserBits(BMDTimecodeFormat format, BMDTimecodeUserBits userBits) = 0;
    virtual HRESULT SetInterfaceProvider(REFIID iid, IUnknown *iface) = 0;

protected:
    virtual ~IDeckLinkMutableVideoFrame() {}
};

class IDeckLinkVideoInputFrame : public IDeckLinkVideoFrame {
public:
    virtual HRESULT GetStreamTime(BMDTimeValue *frameTime, BMDTimeValue *frameDuration, BMDTimeScale timeScale) = 0;
    virtual HRESULT GetHardwareReferenceTimestamp(BMDTimeScale timeScale, BMDTimeValue *frameTime,
                                                  BMDTimeValue *frameDuration) = 0;

protected:
    virtual ~IDeckLinkVideoInputFrame() {}
};

/* 16.0 pixel access: StartAccess before GetBytes, EndAccess with the same flags after. */
class IDeckLinkVideoBuffer : public IUnknown {
public:
    virtual HRESULT GetBytes(void **buffer) = 0;
    virtual HRESULT GetSize(uint64_t *bufferSize) = 0;
    virtual HRESULT StartAccess(BMDBufferAccessFlags flags) = 0;
    virtual HRESULT EndAccess(BMDBufferAccessFlags flags) = 0;

protected:
    virtual ~IDeckLinkVideoBuffer() {}
};

class IDeckLinkVideoFrameMetadataExtensions : public IUnknown {
public:
    virtual HRESULT GetInt(BMDDeckLinkFrameMetadataID metadataID, int64_t *value) = 0;
    virtual HRESULT GetFloat(BMDDeckLinkFrameMetadataID metadataID, double *value) = 0;
    virtual HRESULT GetFlag(BMDDeckLinkFrameMetadataID metadataID, bool *value) = 0;
    virtual HRESULT GetString(BMDDeckLinkFrameMetadataID metadataID, const char **value) = 0;
    virtual HRESULT GetBytes(BMDDeckLinkFrameMetadataID metadataID, void *buffer, uint32_t *bufferSize) = 0;

protected:
    virtual ~IDeckLinkVideoFrameMetadataExtensions() {}
};

class IDeckLinkAudioInputPacket : public IUnknown {
public:
    virtual long GetSampleFrameCount() = 0;
    virtual HRESULT GetBytes(void **buffer) = 0;
    virtual HRESULT GetPacketTime(BMDTimeValue *packetTime, BMDTimeScale timeScale) = 0;

protected:
    virtual ~IDeckLinkAudioInputPacket() {}
};

/* Implemented by the application (the shim). */
class IDeckLinkInputCallback : public IUnknown {
public:
    virtual HRESULT VideoInputFormatChanged(BMDVideoInputFormatChangedEvents notificationEvents,
                                            IDeckLinkDisplayMode *newDisplayMode,
                                            BMDDetectedVideoInputFormatFlags detectedSignalFlags) = 0;
    virtual HRESULT VideoInputFrameArrived(IDeckLinkVideoInputFrame *videoFrame, IDeckLinkAudioInputPacket *audioPacket) = 0;

protected:
    virtual ~IDeckLinkInputCallback() {}
};

/* Implemented by the application (the shim). */
class IDeckLinkVideoOutputCallback : public IUnknown {
public:
    virtual HRESULT ScheduledFrameCompleted(IDeckLinkVideoFrame *completedFrame, BMDOutputFrameCompletionResult result) = 0;
    virtual HRESULT ScheduledPlaybackHasStopped() = 0;

protected:
    virtual ~IDeckLinkVideoOutputCallback() {}
};

class IDeckLinkInput : public IUnknown {
public:
    virtual HRESULT DoesSupportVideoMode(BMDVideoConnection connection, BMDDisplayMode requestedMode,
                                         BMDPixelFormat requestedPixelFormat, BMDVideoInputConversionMode conversionMode,
                                         BMDSupportedVideoModeFlags flags, BMDDisplayMode *actualMode, bool *supported) = 0;
    virtual HRESULT GetDisplayMode(BMDDisplayMode displayMode, IDeckLinkDisplayMode **resultDisplayMode) = 0;
    virtual HRESULT GetDisplayModeIterator(IDeckLinkDisplayModeIterator **iterator) = 0;
    virtual HRESULT SetScreenPreviewCallback(IDeckLinkScreenPreviewCallback *previewCallback) = 0;
    virtual HRESULT EnableVideoInput(BMDDisplayMode displayMode, BMDPixelFormat pixelFormat, BMDVideoInputFlags flags) = 0;
    virtual HRESULT EnableVideoInputWithAllocatorProvider(BMDDisplayMode displayMode, BMDPixelFormat pixelFormat,
                                                          BMDVideoInputFlags flags,
                                                          IDeckLinkVideoBufferAllocatorProvider *allocatorProvider) = 0;
    virtual HRESULT DisableVideoInput() = 0;
    virtual HRESULT GetAvailableVideoFrameCount(uint32_t *availableFrameCount) = 0;
    virtual HRESULT EnableAudioInput(BMDAudioSampleRate sampleRate, BMDAudioSampleType sampleType, uint32_t channelCount) = 0;
    virtual HRESULT DisableAudioInput() = 0;
    virtual HRESULT GetAvailableAudioSampleFrameCount(uint32_t *availableSampleFrameCount) = 0;
    virtual HRESULT StartStreams() = 0;
    virtual HRESULT StopStreams() = 0;
    virtual HRESULT PauseStreams() = 0;
    virtual HRESULT FlushStreams() = 0;
    virtual HRESULT SetCallback(IDeckLinkInputCallback *theCallback) = 0;
    virtual HRESULT GetHardwareReferenceClock(BMDTimeScale desiredTimeScale, BMDTimeValue *hardwareTime,
                                              BMDTimeValue *timeInFrame, BMDTimeValue *ticksPerFrame) = 0;

protected:
    virtual ~IDeckLinkInput() {}
};

class IDeckLinkOutput : public IUnknown {
public:
    virtual HRESULT DoesSupportVideoMode(BMDVideoConnection connection, BMDDisplayMode requestedMode,
                                         BMDPixelFormat requestedPixelFormat, BMDVideoOutputConversionMode conversionMode,
                                         BMDSupportedVideoModeFlags flags, BMDDisplayMode *actualMode, bool *supported) = 0;
    virtual HRESULT GetDisplayMode(BMDDisplayMode displayMode, IDeckLinkDisplayMode **resultDisplayMode) = 0;
    virtual HRESULT GetDisplayModeIterator(IDeckLinkDisplayModeIterator **iterator) = 0;
    virtual HRESULT SetScreenPreviewCallback(IDeckLinkScreenPreviewCallback *previewCallback) = 0;
    virtual HRESULT EnableVideoOutput(BMDDisplayMode displayMode, BMDVideoOutputFlags flags) = 0;
    virtual HRESULT DisableVideoOutput() = 0;
    virtual HRESULT CreateVideoFrame(int32_t width, int32_t height, int32_t rowBytes, BMDPixelFormat pixelFormat,
                                     BMDFrameFlags flags, IDeckLinkMutableVideoFrame **outFrame) = 0;
    virtual HRESULT CreateVideoFrameWithBuffer(int32_t width, int32_t height, int32_t rowBytes, BMDPixelFormat pixelFormat,
                                               BMDFrameFlags flags, IDeckLinkVideoBuffer *buffer,
                                               IDeckLinkMutableVideoFrame **outFrame) = 0;
    virtual HRESULT RowBytesForPixelFormat(BMDPixelFormat pixelFormat, int32_t width, int32_t *rowBytes) = 0;
    virtual HRESULT CreateAncillaryData(BMDPixelFormat pixelFormat, IDeckLinkVideoFrameAncillary **outBuffer) = 0;
    virtual HRESULT DisplayVideoFrameSync(IDeckLinkVideoFrame *theFrame) = 0;
    virtual HRESULT ScheduleVideoFrame(IDeckLinkVideoFrame *theFrame, BMDTimeValue displayTime, BMDTimeValue displayDuration,
                                       BMDTimeScale timeScale) = 0;
    virtual HRESULT SetScheduledFrameCompletionCallback(IDeckLinkVideoOutputCallback *theCallback) = 0;
    virtual HRESULT GetBufferedVideoFrameCount(uint32_t *bufferedFrameCount) = 0;
    virtual HRESULT EnableAudioOutput(BMDAudioSampleRate sampleRate, BMDAudioSampleType sampleType, uint32_t channelCount,
                                      BMDAudioOutputStreamType streamType) = 0;
    virtual HRESULT DisableAudioOutput() = 0;
    virtual HRESULT WriteAudioSamplesSync(void *buffer, uint32_t sampleFrameCount, uint32_t *sampleFramesWritten) = 0;
    virtual HRESULT BeginAudioPreroll() = 0;
    virtual HRESULT EndAudioPreroll() = 0;
    virtual HRESULT ScheduleAudioSamples(void *buffer, uint32_t sampleFrameCount, BMDTimeValue streamTime,
                                         BMDTimeScale timeScale, uint32_t *sampleFramesWritten) = 0;
    virtual HRESULT GetBufferedAudioSampleFrameCount(uint32_t *bufferedSampleFrameCount) = 0;
    virtual HRESULT FlushBufferedAudioSamples() = 0;
    virtual HRESULT SetAudioCallback(IDeckLinkAudioOutputCallback *theCallback) = 0;
    virtual HRESULT StartScheduledPlayback(BMDTimeValue playbackStartTime, BMDTimeScale timeScale, double playbackSpeed) = 0;
    virtual HRESULT StopScheduledPlayback(BMDTimeValue stopPlaybackAtTime, BMDTimeValue *actualStopTime,
                                          BMDTimeScale timeScale) = 0;
    virtual HRESULT IsScheduledPlaybackRunning(bool *active) = 0;
    virtual HRESULT GetScheduledStreamTime(BMDTimeScale desiredTimeScale, BMDTimeValue *streamTime, double *playbackSpeed) = 0;
    virtual HRESULT GetReferenceStatus(BMDReferenceStatus *referenceStatus) = 0;
    virtual HRESULT GetHardwareReferenceClock(BMDTimeScale desiredTimeScale, BMDTimeValue *hardwareTime,
                                              BMDTimeValue *timeInFrame, BMDTimeValue *ticksPerFrame) = 0;
    virtual HRESULT GetFrameCompletionReferenceTimestamp(IDeckLinkVideoFrame *theFrame, BMDTimeScale desiredTimeScale,
                                                         BMDTimeValue *frameCompletionTimestamp) = 0;

protected:
    virtual ~IDeckLinkOutput() {}
};

/* ==== 14.3 .. 15.3.x compatibility interfaces ==== */

class IDeckLinkProfileAttributes_v15_3_1 : public IUnknown {
public:
    virtual HRESULT GetFlag(BMDDeckLinkAttributeID cfgID, bool *value) = 0;
    virtual HRESULT GetInt(BMDDeckLinkAttributeID cfgID, int64_t *value) = 0;
    virtual HRESULT GetFloat(BMDDeckLinkAttributeID cfgID, double *value) = 0;
    virtual HRESULT GetString(BMDDeckLinkAttributeID cfgID, const char **value) = 0;

protected:
    virtual ~IDeckLinkProfileAttributes_v15_3_1() {}
};

/* No GetSize: StartAccess is slot 4, EndAccess slot 5. */
class IDeckLinkVideoBuffer_v15_3_1 : public IUnknown {
public:
    virtual HRESULT GetBytes(void **buffer) = 0;
    virtual HRESULT StartAccess(BMDBufferAccessFlags flags) = 0;
    virtual HRESULT EndAccess(BMDBufferAccessFlags flags) = 0;

protected:
    virtual ~IDeckLinkVideoBuffer_v15_3_1() {}
};

/* Same slot order as IDeckLinkInput; only the allocator-provider parameter type differs. */
class IDeckLinkInput_v15_3_1 : public IUnknown {
public:
    virtual HRESULT DoesSupportVideoMode(BMDVideoConnection connection, BMDDisplayMode requestedMode,
                                         BMDPixelFormat requestedPixelFormat, BMDVideoInputConversionMode conversionMode,
                                         BMDSupportedVideoModeFlags flags, BMDDisplayMode *actualMode, bool *supported) = 0;
    virtual HRESULT GetDisplayMode(BMDDisplayMode displayMode, IDeckLinkDisplayMode **resultDisplayMode) = 0;
    virtual HRESULT GetDisplayModeIterator(IDeckLinkDisplayModeIterator **iterator) = 0;
    virtual HRESULT SetScreenPreviewCallback(IDeckLinkScreenPreviewCallback *previewCallback) = 0;
    virtual HRESULT EnableVideoInput(BMDDisplayMode displayMode, BMDPixelFormat pixelFormat, BMDVideoInputFlags flags) = 0;
    virtual HRESULT EnableVideoInputWithAllocatorProvider(BMDDisplayMode displayMode, BMDPixelFormat pixelFormat,
                                                          BMDVideoInputFlags flags,
                                                          IDeckLinkVideoBufferAllocatorProvider_v15_3_1 *allocatorProvider) = 0;
    virtual HRESULT DisableVideoInput() = 0;
    virtual HRESULT GetAvailableVideoFrameCount(uint32_t *availableFrameCount) = 0;
    virtual HRESULT EnableAudioInput(BMDAudioSampleRate sampleRate, BMDAudioSampleType sampleType, uint32_t channelCount) = 0;
    virtual HRESULT DisableAudioInput() = 0;
    virtual HRESULT GetAvailableAudioSampleFrameCount(uint32_t *availableSampleFrameCount) = 0;
    virtual HRESULT StartStreams() = 0;
    virtual HRESULT StopStreams() = 0;
    virtual HRESULT PauseStreams() = 0;
    virtual HRESULT FlushStreams() = 0;
    virtual HRESULT SetCallback(IDeckLinkInputCallback *theCallback) = 0;
    virtual HRESULT GetHardwareReferenceClock(BMDTimeScale desiredTimeScale, BMDTimeValue *hardwareTime,
                                              BMDTimeValue *timeInFrame, BMDTimeValue *ticksPerFrame) = 0;

protected:
    virtual ~IDeckLinkInput_v15_3_1() {}
};

/* Same slot order as IDeckLinkOutput; only CreateVideoFrameWithBuffer's buffer type differs. */
class IDeckLinkOutput_v15_3_1 : public IUnknown {
public:
    virtual HRESULT DoesSupportVideoMode(BMDVideoConnection connection, BMDDisplayMode requestedMode,
                                         BMDPixelFormat requestedPixelFormat, BMDVideoOutputConversionMode conversionMode,
                                         BMDSupportedVideoModeFlags flags, BMDDisplayMode *actualMode, bool *supported) = 0;
    virtual HRESULT GetDisplayMode(BMDDisplayMode displayMode, IDeckLinkDisplayMode **resultDisplayMode) = 0;
    virtual HRESULT GetDisplayModeIterator(IDeckLinkDisplayModeIterator **iterator) = 0;
    virtual HRESULT SetScreenPreviewCallback(IDeckLinkScreenPreviewCallback *previewCallback) = 0;
    virtual HRESULT EnableVideoOutput(BMDDisplayMode displayMode, BMDVideoOutputFlags flags) = 0;
    virtual HRESULT DisableVideoOutput() = 0;
    virtual HRESULT CreateVideoFrame(int32_t width, int32_t height, int32_t rowBytes, BMDPixelFormat pixelFormat,
                                     BMDFrameFlags flags, IDeckLinkMutableVideoFrame **outFrame) = 0;
    virtual HRESULT CreateVideoFrameWithBuffer(int32_t width, int32_t height, int32_t rowBytes, BMDPixelFormat pixelFormat,
                                               BMDFrameFlags flags, IDeckLinkVideoBuffer_v15_3_1 *buffer,
                                               IDeckLinkMutableVideoFrame **outFrame) = 0;
    virtual HRESULT RowBytesForPixelFormat(BMDPixelFormat pixelFormat, int32_t width, int32_t *rowBytes) = 0;
    virtual HRESULT CreateAncillaryData(BMDPixelFormat pixelFormat, IDeckLinkVideoFrameAncillary **outBuffer) = 0;
    virtual HRESULT DisplayVideoFrameSync(IDeckLinkVideoFrame *theFrame) = 0;
    virtual HRESULT ScheduleVideoFrame(IDeckLinkVideoFrame *theFrame, BMDTimeValue displayTime, BMDTimeValue displayDuration,
                                       BMDTimeScale timeScale) = 0;
    virtual HRESULT SetScheduledFrameCompletionCallback(IDeckLinkVideoOutputCallback *theCallback) = 0;
    virtual HRESULT GetBufferedVideoFrameCount(uint32_t *bufferedFrameCount) = 0;
    virtual HRESULT EnableAudioOutput(BMDAudioSampleRate sampleRate, BMDAudioSampleType sampleType, uint32_t channelCount,
                                      BMDAudioOutputStreamType streamType) = 0;
    virtual HRESULT DisableAudioOutput() = 0;
    virtual HRESULT WriteAudioSamplesSync(void *buffer, uint32_t sampleFrameCount, uint32_t *sampleFramesWritten) = 0;
    virtual HRESULT BeginAudioPreroll() = 0;
    virtual HRESULT EndAudioPreroll() = 0;
    virtual HRESULT ScheduleAudioSamples(void *buffer, uint32_t sampleFrameCount, BMDTimeValue streamTime,
                                         BMDTimeScale timeScale, uint32_t *sampleFramesWritten) = 0;
    virtual HRESULT GetBufferedAudioSampleFrameCount(uint32_t *bufferedSampleFrameCount) = 0;
    virtual HRESULT FlushBufferedAudioSamples() = 0;
    virtual HRESULT SetAudioCallback(IDeckLinkAudioOutputCallback *theCallback) = 0;
    virtual HRESULT StartScheduledPlayback(BMDTimeValue playbackStartTime, BMDTimeScale timeScale, double playbackSpeed) = 0;
    virtual HRESULT StopScheduledPlayback(BMDTimeValue stopPlaybackAtTime, BMDTimeValue *actualStopTime,
                                          BMDTimeScale timeScale) = 0;
    virtual HRESULT IsScheduledPlaybackRunning(bool *active) = 0;
    virtual HRESULT GetScheduledStreamTime(BMDTimeScale desiredTimeScale, BMDTimeValue *streamTime, double *playbackSpeed) = 0;
    virtual HRESULT GetReferenceStatus(BMDReferenceStatus *referenceStatus) = 0;
    virtual HRESULT GetHardwareReferenceClock(BMDTimeScale desiredTimeScale, BMDTimeValue *hardwareTime,
                                              BMDTimeValue *timeInFrame, BMDTimeValue *ticksPerFrame) = 0;
    virtual HRESULT GetFrameCompletionReferenceTimestamp(IDeckLinkVideoFrame *theFrame, BMDTimeScale desiredTimeScale,
                                                         BMDTimeValue *frameCompletionTimestamp) = 0;

protected:
    virtual ~IDeckLinkOutput_v15_3_1() {}
};

/* ==== 11.6 .. 14.2.1 compatibility interfaces: GetBytes lives on the frame ==== */

class IDeckLinkVideoFrame_v14_2_1 : public IUnknown {
public:
    virtual long GetWidth() = 0;
    virtual long GetHeight() = 0;
    virtual long GetRowBytes() = 0;
    virtual BMDPixelFormat GetPixelFormat() = 0;
    virtual BMDFrameFlags GetFlags() = 0;
    virtual HRESULT GetBytes(void **buffer) = 0;
    virtual HRESULT GetTimecode(BMDTimecodeFormat format, IDeckLinkTimecode **timecode) = 0;
    virtual HRESULT GetAncillaryData(IDeckLinkVideoFrameAncillary **ancillary) = 0;

protected:
    virtual ~IDeckLinkVideoFrame_v14_2_1() {}
};

/* SetFlags is slot 13 (base has 8 methods + 2 destructor slots). No SetInterfaceProvider. */
class IDeckLinkMutableVideoFrame_v14_2_1 : public IDeckLinkVideoFrame_v14_2_1 {
public:
    virtual HRESULT SetFlags(BMDFrameFlags newFlags) = 0;
    virtual HRESULT SetTimecode(BMDTimecodeFormat format, IDeckLinkTimecode *timecode) = 0;
    virtual HRESULT SetTimecodeFromComponents(BMDTimecodeFormat format, uint8_t hours, uint8_t minutes, uint8_t seconds,
                                              uint8_t frames, BMDTimecodeFlags flags) = 0;
    virtual HRESULT SetAncillaryData(IDeckLinkVideoFrameAncillary *ancillary) = 0;
    virtual HRESULT SetTimecodeUserBits(BMDTimecodeFormat format, BMDTimecodeUserBits userBits) = 0;

protected:
    virtual ~IDeckLinkMutableVideoFrame_v14_2_1() {}
};

/* GetStreamTime is slot 13. */
class IDeckLinkVideoInputFrame_v14_2_1 : public IDeckLinkVideoFrame_v14_2_1 {
public:
    virtual HRESULT GetStreamTime(BMDTimeValue *frameTime, BMDTimeValue *frameDuration, BMDTimeScale timeScale) = 0;
    virtual HRESULT GetHardwareReferenceTimestamp(BMDTimeScale timeScale, BMDTimeValue *frameTime,
                                                  BMDTimeValue *frameDuration) = 0;

protected:
    virtual ~IDeckLinkVideoInputFrame_v14_2_1() {}
};

class IDeckLinkInputCallback_v14_2_1 : public IUnknown {
public:
    virtual HRESULT VideoInputFormatChanged(BMDVideoInputFormatChangedEvents notificationEvents,
                                            IDeckLinkDisplayMode *newDisplayMode,
                                            BMDDetectedVideoInputFormatFlags detectedSignalFlags) = 0;
    virtual HRESULT VideoInputFrameArrived(IDeckLinkVideoInputFrame_v14_2_1 *videoFrame,
                                           IDeckLinkAudioInputPacket *audioPacket) = 0;

protected:
    virtual ~IDeckLinkInputCallback_v14_2_1() {}
};

class IDeckLinkVideoOutputCallback_v14_2_1 : public IUnknown {
public:
    virtual HRESULT ScheduledFrameCompleted(IDeckLinkVideoFrame_v14_2_1 *completedFrame,
                                            BMDOutputFrameCompletionResult result) = 0;
    virtual HRESULT ScheduledPlaybackHasStopped() = 0;

protected:
    virtual ~IDeckLinkVideoOutputCallback_v14_2_1() {}
};

/* Slot 8 = DisableVideoInput, 10 = SetVideoInputFrameMemoryAllocator (no allocator provider). */
class IDeckLinkInput_v14_2_1 : public IUnknown {
public:
    virtual HRESULT DoesSupportVideoMode(BMDVideoConnection connection, BMDDisplayMode requestedMode,
                                         BMDPixelFormat requestedPixelFormat, BMDVideoInputConversionMode conversionMode,
                                         BMDSupportedVideoModeFlags flags, BMDDisplayMode *actualMode, bool *supported) = 0;
    virtual HRESULT GetDisplayMode(BMDDisplayMode displayMode, IDeckLinkDisplayMode **resultDisplayMode) = 0;
    virtual HRESULT GetDisplayModeIterator(IDeckLinkDisplayModeIterator **iterator) = 0;
    virtual HRESULT SetScreenPreviewCallback(IDeckLinkScreenPreviewCallback_v14_2_1 *previewCallback) = 0;
    virtual HRESULT EnableVideoInput(BMDDisplayMode displayMode, BMDPixelFormat pixelFormat, BMDVideoInputFlags flags) = 0;
    virtual HRESULT DisableVideoInput() = 0;
    virtual HRESULT GetAvailableVideoFrameCount(uint32_t *availableFrameCount) = 0;
    virtual HRESULT SetVideoInputFrameMemoryAllocator(IDeckLinkMemoryAllocator_v14_2_1 *theAllocator) = 0;
    virtual HRESULT EnableAudioInput(BMDAudioSampleRate sampleRate, BMDAudioSampleType sampleType, uint32_t channelCount) = 0;
    virtual HRESULT DisableAudioInput() = 0;
    virtual HRESULT GetAvailableAudioSampleFrameCount(uint32_t *availableSampleFrameCount) = 0;
    virtual HRESULT StartStreams() = 0;
    virtual HRESULT StopStreams() = 0;
    virtual HRESULT PauseStreams() = 0;
    virtual HRESULT FlushStreams() = 0;
    virtual HRESULT SetCallback(IDeckLinkInputCallback_v14_2_1 *theCallback) = 0;
    virtual HRESULT GetHardwareReferenceClock(BMDTimeScale desiredTimeScale, BMDTimeValue *hardwareTime,
                                              BMDTimeValue *timeInFrame, BMDTimeValue *ticksPerFrame) = 0;

protected:
    virtual ~IDeckLinkInput_v14_2_1() {}
};

/* Slot 9 = SetVideoOutputFrameMemoryAllocator; no CreateVideoFrameWithBuffer / RowBytesForPixelFormat. */
class IDeckLinkOutput_v14_2_1 : public IUnknown {
public:
    virtual HRESULT DoesSupportVideoMode(BMDVideoConnection connection, BMDDisplayMode requestedMode,
                                         BMDPixelFormat requestedPixelFormat, BMDVideoOutputConversionMode conversionMode,
                                         BMDSupportedVideoModeFlags flags, BMDDisplayMode *actualMode, bool *supported) = 0;
    virtual HRESULT GetDisplayMode(BMDDisplayMode displayMode, IDeckLinkDisplayMode **resultDisplayMode) = 0;
    virtual HRESULT GetDisplayModeIterator(IDeckLinkDisplayModeIterator **iterator) = 0;
    virtual HRESULT SetScreenPreviewCallback(IDeckLinkScreenPreviewCallback_v14_2_1 *previewCallback) = 0;
    virtual HRESULT EnableVideoOutput(BMDDisplayMode displayMode, BMDVideoOutputFlags flags) = 0;
    virtual HRESULT DisableVideoOutput() = 0;
    virtual HRESULT SetVideoOutputFrameMemoryAllocator(IDeckLinkMemoryAllocator_v14_2_1 *theAllocator) = 0;
    virtual HRESULT CreateVideoFrame(int32_t width, int32_t height, int32_t rowBytes, BMDPixelFormat pixelFormat,
                                     BMDFrameFlags flags, IDeckLinkMutableVideoFrame_v14_2_1 **outFrame) = 0;
    virtual HRESULT CreateAncillaryData(BMDPixelFormat pixelFormat, IDeckLinkVideoFrameAncillary **outBuffer) = 0;
    virtual HRESULT DisplayVideoFrameSync(IDeckLinkVideoFrame_v14_2_1 *theFrame) = 0;
    virtual HRESULT ScheduleVideoFrame(IDeckLinkVideoFrame_v14_2_1 *theFrame, BMDTimeValue displayTime,
                                       BMDTimeValue displayDuration, BMDTimeScale timeScale) = 0;
    virtual HRESULT SetScheduledFrameCompletionCallback(IDeckLinkVideoOutputCallback_v14_2_1 *theCallback) = 0;
    virtual HRESULT GetBufferedVideoFrameCount(uint32_t *bufferedFrameCount) = 0;
    virtual HRESULT EnableAudioOutput(BMDAudioSampleRate sampleRate, BMDAudioSampleType sampleType, uint32_t channelCount,
                                      BMDAudioOutputStreamType streamType) = 0;
    virtual HRESULT DisableAudioOutput() = 0;
    virtual HRESULT WriteAudioSamplesSync(void *buffer, uint32_t sampleFrameCount, uint32_t *sampleFramesWritten) = 0;
    virtual HRESULT BeginAudioPreroll() = 0;
    virtual HRESULT EndAudioPreroll() = 0;
    virtual HRESULT ScheduleAudioSamples(void *buffer, uint32_t sampleFrameCount, BMDTimeValue streamTime,
                                         BMDTimeScale timeScale, uint32_t *sampleFramesWritten) = 0;
    virtual HRESULT GetBufferedAudioSampleFrameCount(uint32_t *bufferedSampleFrameCount) = 0;
    virtual HRESULT FlushBufferedAudioSamples() = 0;
    virtual HRESULT SetAudioCallback(IDeckLinkAudioOutputCallback *theCallback) = 0;
    virtual HRESULT StartScheduledPlayback(BMDTimeValue playbackStartTime, BMDTimeScale timeScale, double playbackSpeed) = 0;
    virtual HRESULT StopScheduledPlayback(BMDTimeValue stopPlaybackAtTime, BMDTimeValue *actualStopTime,
                                          BMDTimeScale timeScale) = 0;
    virtual HRESULT IsScheduledPlaybackRunning(bool *active) = 0;
    virtual HRESULT GetScheduledStreamTime(BMDTimeScale desiredTimeScale, BMDTimeValue *streamTime, double *playbackSpeed) = 0;
    virtual HRESULT GetReferenceStatus(BMDReferenceStatus *referenceStatus) = 0;
    virtual HRESULT GetHardwareReferenceClock(BMDTimeScale desiredTimeScale, BMDTimeValue *hardwareTime,
                                              BMDTimeValue *timeInFrame, BMDTimeValue *ticksPerFrame) = 0;
    virtual HRESULT GetFrameCompletionReferenceTimestamp(IDeckLinkVideoFrame_v14_2_1 *theFrame,
                                                         BMDTimeScale desiredTimeScale,
                                                         BMDTimeValue *frameCompletionTimestamp) = 0;

protected:
    virtual ~IDeckLinkOutput_v14_2_1() {}
};

/* ==== IIDs (bytes in textual GUID order) ==== */
#define LG_DL_IID(name, ...) inline constexpr REFIID IID_##name = {{__VA_ARGS__}}
LG_DL_IID(IUnknown, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46); // 00000000-0000-0000-C000-000000000046
LG_DL_IID(IDeckLinkIterator, 0x50, 0xFB, 0x36, 0xCD, 0x30, 0x63, 0x4B, 0x73, 0xBD, 0xBB, 0x95, 0x80, 0x87, 0xF2, 0xD8, 0xBA); // 50FB36CD-3063-4B73-BDBB-958087F2D8BA
LG_DL_IID(IDeckLink, 0xC4, 0x18, 0xFB, 0xDD, 0x05, 0x87, 0x48, 0xED, 0x8F, 0xE5, 0x64, 0x0F, 0x0A, 0x14, 0xAF, 0x91); // C418FBDD-0587-48ED-8FE5-640F0A14AF91
LG_DL_IID(IDeckLinkAPIInformation, 0x7B, 0xEA, 0x3C, 0x68, 0x73, 0x0D, 0x43, 0x22, 0xAF, 0x34, 0x8A, 0x71, 0x52, 0xB5, 0x32, 0xA4); // 7BEA3C68-730D-4322-AF34-8A7152B532A4
LG_DL_IID(IDeckLinkProfileAttributes, 0xF4, 0x75, 0x51, 0xD7, 0xAD, 0x22, 0x47, 0xAF, 0xBC, 0xFD, 0x6B, 0xE8, 0x8A, 0xA8, 0x79, 0xD9); // F47551D7-AD22-47AF-BCFD-6BE88AA879D9
LG_DL_IID(IDeckLinkDisplayModeIterator, 0x9C, 0x88, 0x49, 0x9F, 0xF6, 0x01, 0x40, 0x21, 0xB8, 0x0B, 0x03, 0x2E, 0x4E, 0xB4, 0x1C, 0x35); // 9C88499F-F601-4021-B80B-032E4EB41C35
LG_DL_IID(IDeckLinkDisplayMode, 0x3E, 0xB2, 0xC1, 0xAB, 0x0A, 0x3D, 0x45, 0x23, 0xA3, 0xAD, 0xF4, 0x0D, 0x7F, 0xB1, 0x4E, 0x78); // 3EB2C1AB-0A3D-4523-A3AD-F40D7FB14E78
LG_DL_IID(IDeckLinkInput, 0x6A, 0x51, 0x5F, 0x8A, 0xFB, 0xCE, 0x48, 0x53, 0xB0, 0xF7, 0x2A, 0x09, 0xDB, 0x1E, 0xCA, 0x0B); // 6A515F8A-FBCE-4853-B0F7-2A09DB1ECA0B
LG_DL_IID(IDeckLinkInputCallback, 0x3A, 0x94, 0xF0, 0x75, 0xC3, 0x7D, 0x4B, 0xA8, 0xBC, 0xC0, 0x1D, 0x77, 0x8C, 0x8F, 0x88, 0x1B); // 3A94F075-C37D-4BA8-BCC0-1D778C8F881B
LG_DL_IID(IDeckLinkOutput, 0x5F, 0x22, 0x7C, 0x95, 0x39, 0xD7, 0x46, 0xC7, 0x8B, 0x7D, 0x9C, 0x81, 0x79, 0x5F, 0xBB, 0xE4); // 5F227C95-39D7-46C7-8B7D-9C81795FBBE4
LG_DL_IID(IDeckLinkVideoOutputCallback, 0x5B, 0xE6, 0xDF, 0x26, 0x02, 0xCE, 0x43, 0x3E, 0x99, 0xD9, 0x9A, 0x87, 0xC3, 0xAC, 0x17, 0x1F); // 5BE6DF26-02CE-433E-99D9-9A87C3AC171F
LG_DL_IID(IDeckLinkVideoFrame, 0x65, 0x02, 0x09, 0x1C, 0x61, 0x5F, 0x4F, 0x51, 0xBA, 0xF6, 0x45, 0xC4, 0x25, 0x6D, 0xD5, 0xB0); // 6502091C-615F-4F51-BAF6-45C4256DD5B0
LG_DL_IID(IDeckLinkMutableVideoFrame, 0xCF, 0x9E, 0xB1, 0x34, 0x03, 0x74, 0x4C, 0x5B, 0x95, 0xFA, 0x1E, 0xC1, 0x48, 0x19, 0xFF, 0x62); // CF9EB134-0374-4C5B-95FA-1EC14819FF62
LG_DL_IID(IDeckLinkVideoInputFrame, 0xC9, 0xAD, 0xD3, 0xD2, 0xBE, 0x52, 0x48, 0x8D, 0xAB, 0x2D, 0x7F, 0xDE, 0xF7, 0xAF, 0x0C, 0x95); // C9ADD3D2-BE52-488D-AB2D-7FDEF7AF0C95
LG_DL_IID(IDeckLinkVideoBuffer, 0x81, 0xF0, 0x3D, 0x70, 0xDE, 0x13, 0x4B, 0x17, 0x87, 0x3A, 0xC8, 0xAC, 0x96, 0x89, 0xC6, 0x82); // 81F03D70-DE13-4B17-873A-C8AC9689C682
LG_DL_IID(IDeckLinkTimecode, 0xBC, 0x6C, 0xFB, 0xD3, 0x83, 0x17, 0x43, 0x25, 0xAC, 0x1C, 0x12, 0x16, 0x39, 0x1E, 0x93, 0x40); // BC6CFBD3-8317-4325-AC1C-1216391E9340
LG_DL_IID(IDeckLinkVideoFrameMetadataExtensions, 0xE2, 0x32, 0xA5, 0xB7, 0x4D, 0xB4, 0x44, 0xC9, 0x91, 0x52, 0xF4, 0x7C, 0x12, 0xE5, 0xF0, 0x51); // E232A5B7-4DB4-44C9-9152-F47C12E5F051
LG_DL_IID(IDeckLinkAudioInputPacket, 0xE4, 0x3D, 0x58, 0x70, 0x28, 0x94, 0x11, 0xDE, 0x8C, 0x30, 0x08, 0x00, 0x20, 0x0C, 0x9A, 0x66); // E43D5870-2894-11DE-8C30-0800200C9A66
LG_DL_IID(IDeckLinkProfileAttributes_v15_3_1, 0x17, 0xD4, 0xBF, 0x8E, 0x49, 0x11, 0x47, 0x3A, 0x80, 0xA0, 0x73, 0x1C, 0xF6, 0xFF, 0x34, 0x5B); // 17D4BF8E-4911-473A-80A0-731CF6FF345B
LG_DL_IID(IDeckLinkInput_v15_3_1, 0x40, 0x95, 0xDB, 0x82, 0xE2, 0x94, 0x4B, 0x8C, 0xAA, 0xA8, 0x3B, 0x9E, 0x80, 0xC4, 0x93, 0x36); // 4095DB82-E294-4B8C-AAA8-3B9E80C49336
LG_DL_IID(IDeckLinkOutput_v15_3_1, 0x1A, 0x80, 0x77, 0xF1, 0x9F, 0xE2, 0x45, 0x33, 0x81, 0x47, 0x22, 0x94, 0x30, 0x5E, 0x25, 0x3F); // 1A8077F1-9FE2-4533-8147-2294305E253F
LG_DL_IID(IDeckLinkVideoBuffer_v15_3_1, 0xCC, 0xB4, 0xB6, 0x4A, 0x5C, 0x86, 0x4E, 0x02, 0xB7, 0x78, 0x88, 0x5D, 0x35, 0x27, 0x09, 0xFE); // CCB4B64A-5C86-4E02-B778-885D352709FE
LG_DL_IID(IDeckLinkVideoFrame_v14_2_1, 0x3F, 0x71, 0x6F, 0xE0, 0xF0, 0x23, 0x41, 0x11, 0xBE, 0x5D, 0xEF, 0x44, 0x14, 0xC0, 0x5B, 0x17); // 3F716FE0-F023-4111-BE5D-EF4414C05B17
LG_DL_IID(IDeckLinkVideoInputFrame_v14_2_1, 0x05, 0xCF, 0xE3, 0x74, 0x53, 0x7C, 0x40, 0x94, 0x9A, 0x57, 0x68, 0x05, 0x25, 0x11, 0x8F, 0x44); // 05CFE374-537C-4094-9A57-680525118F44
LG_DL_IID(IDeckLinkMutableVideoFrame_v14_2_1, 0x69, 0xE2, 0x63, 0x9F, 0x40, 0xDA, 0x4E, 0x19, 0xB6, 0xF2, 0x20, 0xAC, 0xE8, 0x15, 0xC3, 0x90); // 69E2639F-40DA-4E19-B6F2-20ACE815C390
LG_DL_IID(IDeckLinkInputCallback_v14_2_1, 0xC6, 0xFC, 0xE4, 0xC9, 0xC4, 0xE4, 0x40, 0x47, 0x82, 0xFB, 0x5D, 0x23, 0x82, 0x32, 0xA9, 0x02); // C6FCE4C9-C4E4-4047-82FB-5D238232A902
LG_DL_IID(IDeckLinkVideoOutputCallback_v14_2_1, 0x20, 0xAA, 0x52, 0x25, 0x19, 0x58, 0x47, 0xCB, 0x82, 0x0B, 0x80, 0xA8, 0xD5, 0x21, 0xA6, 0xEE); // 20AA5225-1958-47CB-820B-80A8D521A6EE
LG_DL_IID(IDeckLinkInput_v14_2_1, 0xC2, 0x1C, 0xDB, 0x6E, 0xF4, 0x14, 0x46, 0xE4, 0xA6, 0x36, 0x80, 0xA5, 0x66, 0xE0, 0xED, 0x37); // C21CDB6E-F414-46E4-A636-80A566E0ED37
LG_DL_IID(IDeckLinkOutput_v14_2_1, 0xBE, 0x2D, 0x90, 0x20, 0x46, 0x1E, 0x44, 0x2F, 0x84, 0xB7, 0xE9, 0x49, 0xCB, 0x95, 0x3B, 0x9D); // BE2D9020-461E-442F-84B7-E949CB953B9D
#undef LG_DL_IID

/* Row bytes for the pixel formats LiveGrade uses (fact sheet §7). 0 for an unknown format.
 * r210/R10x and R12x alignments are "medium confidence" in the fact sheet: on 14.3+ drivers the
 * shim asks IDeckLinkOutput::RowBytesForPixelFormat instead and only falls back to this. */
inline int32_t RowBytesFor(BMDPixelFormat format, int32_t width)
{
    switch (format) {
    case bmdFormat8BitYUV: return width * 2;
    case bmdFormat10BitYUV: return ((width + 47) / 48) * 128;
    case bmdFormat8BitARGB:
    case bmdFormat8BitBGRA: return width * 4;
    case bmdFormat10BitRGB:
    case bmdFormat10BitRGBX:
    case bmdFormat10BitRGBXLE: return ((width + 63) / 64) * 256;
    case bmdFormat12BitRGB:
    case bmdFormat12BitRGBLE: return ((width + 7) / 8) * 36;
    default: return 0;
    }
}

} // namespace lgdl

#endif
