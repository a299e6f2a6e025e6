// Internal declarations shared by the shim's translation units (not part of the C ABI).
#ifndef LG_DECKLINK_SHIM_INTERNAL_H
#define LG_DECKLINK_SHIM_INTERNAL_H

#include "decklink_abi.h"
#include "lg_decklink.h"

#include <atomic>
#include <exception>
#include <memory>
#include <string>
#include <vector>

namespace lgshim {

using namespace lgdl;

// Thread-local error message (LgDeckLink_LastError).
void SetError(const std::string &message);
int32_t Fail(int32_t status, const std::string &message);
std::string HresultText(HRESULT hr);
std::string FourCCText(uint32_t value);

// Runs body, turning any C++ exception into LG_DECKLINK_ERROR plus a message.
template <typename F> int32_t Guard(const char *what, F &&body)
{
    try {
        return body();
    } catch (const std::exception &e) {
        return Fail(LG_DECKLINK_ERROR, std::string(what) + ": " + e.what());
    } catch (...) {
        return Fail(LG_DECKLINK_ERROR, std::string(what) + ": unknown C++ exception");
    }
}

// Takes a string the driver allocated (const char** out-parameter) and frees it with free().
std::string TakeDriverString(const char *s);

// Releases a COM pointer and nulls it.
template <typename T> void SafeRelease(T *&p)
{
    if (p != nullptr) {
        p->Release();
        p = nullptr;
    }
}

// Base for the shim's own COM objects (callbacks): atomic 64-bit reference count.
class RefCounted {
public:
    ULONG AddRefImpl() { return ++_refs; }
    ULONG ReleaseImpl()
    {
        ULONG left = --_refs;
        if (left == 0) {
            DeleteSelf();
        }
        return left;
    }

protected:
    virtual ~RefCounted() = default;
    virtual void DeleteSelf() = 0;

private:
    std::atomic<ULONG> _refs{1};
};

struct ModeEntry {
    LgDeckLinkModeInfo info{};
    std::string name;
};

struct DeviceEntry {
    IDeckLink *deckLink = nullptr; // one reference held by the driver handle
    std::string modelName;
    std::string displayName;
    LgDeckLinkDeviceInfo info{};
    std::vector<ModeEntry> inputModes;
    std::vector<ModeEntry> outputModes;
    int32_t inputGeneration = 0;  // generation whose input IID this device answered (0 = none)
    int32_t outputGeneration = 0;
};

} // namespace lgshim

// The loaded driver. Reference counted: the caller's handle plus one per live capture/playout.
struct LgDeckLinkDriver {
    std::atomic<int> refs{1};
    void *library = nullptr; // dlopen handle; never dlclosed (as the SDK's own dispatch code does)
    std::string libraryPath;
    int64_t versionCode = 0;
    std::string versionString;
    int32_t generation = LG_DECKLINK_API_16_0;

    std::vector<lgshim::DeviceEntry> devices;

    void Ref() { ++refs; }
    void Unref();
};

namespace lgshim {

using Driver = ::LgDeckLinkDriver;

const ModeEntry *FindMode(const DeviceEntry &device, int32_t direction, uint32_t displayMode);

// ---- input side, one implementation per interface generation ----
using CaptureSession = ::LgDeckLinkCapture;

class InputPort {
public:
    virtual ~InputPort() = default;
    virtual HRESULT DoesSupport(BMDDisplayMode mode, BMDPixelFormat format, bool *supported) = 0;
    virtual HRESULT ModeIterator(IDeckLinkDisplayModeIterator **iterator) = 0;
    virtual HRESULT EnableVideoInput(BMDDisplayMode mode, BMDPixelFormat format, BMDVideoInputFlags flags) = 0;
    virtual HRESULT DisableVideoInput() = 0;
    virtual HRESULT StartStreams() = 0;
    virtual HRESULT StopStreams() = 0;
    virtual HRESULT PauseStreams() = 0;
    virtual HRESULT FlushStreams() = 0;
    // Installs a callback object of this generation that forwards to session (nullptr uninstalls).
    virtual HRESULT SetSession(CaptureSession *session) = 0;
};

// ---- output side ----
using PlayoutSession = ::LgDeckLinkPlayout;

// One driver frame in the playout pool, with the pointers each generation needs.
struct OutputFrame {
    IUnknown *unknown = nullptr;       // owns the reference
    void *scheduleAs = nullptr;        // IDeckLinkVideoFrame* or IDeckLinkVideoFrame_v14_2_1* (what the driver gets back)
    IDeckLinkVideoBuffer *buffer16 = nullptr;
    IDeckLinkVideoBuffer_v15_3_1 *buffer15 = nullptr;
    uint8_t *bytes = nullptr;
    bool accessOpen = false;
};

class OutputPort {
public:
    virtual ~OutputPort() = default;
    virtual int32_t Generation() const = 0;
    virtual HRESULT DoesSupport(BMDDisplayMode mode, BMDPixelFormat format, bool *supported) = 0;
    virtual HRESULT ModeIterator(IDeckLinkDisplayModeIterator **iterator) = 0;
    virtual HRESULT EnableVideoOutput(BMDDisplayMode mode, BMDVideoOutputFlags flags) = 0;
    virtual HRESULT DisableVideoOutput() = 0;
    virtual HRESULT RowBytes(BMDPixelFormat format, int32_t width, int32_t *rowBytes) = 0;
    virtual HRESULT CreateFrame(int32_t width, int32_t height, int32_t rowBytes, BMDPixelFormat format, OutputFrame *out) = 0;
    // Opens write access and sets out->bytes (16.0/15.3: StartAccess + GetBytes; 14.2: GetBytes on the frame).
    virtual HRESULT BeginWrite(OutputFrame *frame) = 0;
    virtual HRESULT EndWrite(OutputFrame *frame) = 0;
    virtual HRESULT SetTimecode(OutputFrame *frame, BMDTimecodeFormat format, const LgDeckLinkTimecodeValue &tc) = 0;
    virtual HRESULT Schedule(OutputFrame *frame, BMDTimeValue time, BMDTimeValue duration, BMDTimeScale scale) = 0;
    virtual HRESULT SetSession(PlayoutSession *session) = 0;
    virtual HRESULT StartPlayback(BMDTimeValue start, BMDTimeScale scale) = 0;
    virtual HRESULT StopPlayback() = 0;
    virtual HRESULT StreamTime(BMDTimeScale scale, BMDTimeValue *time) = 0;
    virtual void ReleaseFrame(OutputFrame *frame) = 0;
};

// Entry points the generation-specific callback objects forward to (lg_decklink_capture.cpp / _playout.cpp).
HRESULT CaptureOnFormatChanged(CaptureSession *session, BMDVideoInputFormatChangedEvents events, IDeckLinkDisplayMode *mode,
                               BMDDetectedVideoInputFormatFlags flags);
HRESULT CaptureOnFrame(CaptureSession *session, IDeckLinkVideoInputFrame *frame);
HRESULT CaptureOnFrame(CaptureSession *session, IDeckLinkVideoInputFrame_v14_2_1 *frame);
// frame is the pointer the shim scheduled (IDeckLinkVideoFrame* or IDeckLinkVideoFrame_v14_2_1*).
HRESULT PlayoutOnCompleted(PlayoutSession *session, const void *frame, BMDOutputFrameCompletionResult result);
HRESULT PlayoutOnStopped(PlayoutSession *session);

// QueryInterface the device for the input/output of `generation`; nullptr (and hr) when it does not answer.
std::unique_ptr<InputPort> OpenInputPort(IDeckLink *deckLink, int32_t generation, HRESULT *hr);
std::unique_ptr<OutputPort> OpenOutputPort(IDeckLink *deckLink, int32_t generation, HRESULT *hr);

} // namespace lgshim

#endif
