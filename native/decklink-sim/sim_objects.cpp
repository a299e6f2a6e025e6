// The simulated DeckLink driver: COM objects implementing the declared interfaces (16.0, 15.3.1 and 14.2.1
// generations), the per-device input and output engines, the factory symbols and the LgDeckLinkSim_*
// controls. See lg_decklink_sim.h for what it simulates.
#include "lg_decklink_sim.h"
#include "sim_core.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#define SIM_EXPORT extern "C" __attribute__((visibility("default")))

namespace lgsim {

namespace {

using Clock = std::chrono::steady_clock;

std::atomic<int64_t> g_apiVersion{ApiVersion(16, 0, 0)};

int64_t ParseVersion(const char *text)
{
    int major = 0, minor = 0, patch = 0;
    if (text == nullptr || std::sscanf(text, "%d.%d.%d", &major, &minor, &patch) < 1) {
        return 0;
    }
    return ApiVersion(major, minor, patch);
}

// Which interface generations the simulated driver answers, from its version.
bool Answers16() { return g_apiVersion.load() >= ApiVersion(16, 0, 0); }
bool Answers15() { return g_apiVersion.load() >= ApiVersion(14, 3, 0); }

constexpr int32_t kGen16 = 1600, kGen15 = 1503, kGen14 = 1402;

char *Dup(const std::string &s) { return strdup(s.c_str()); } // freed by the caller with free()

std::chrono::nanoseconds FramePeriod(const SimMode &m)
{
    return std::chrono::nanoseconds(m.frameDuration * 1000000000LL / m.timeScale);
}

int64_t NowNs() { return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count(); }

// ---------------- COM base ----------------

class Counted {
protected:
    Counted() { ++g_liveObjects; }
    virtual ~Counted() { --g_liveObjects; }
    ULONG DoAddRef() { return ++_refs; }
    ULONG DoRelease()
    {
        ULONG left = --_refs;
        if (left == 0) {
            delete this;
        }
        return left;
    }

private:
    std::atomic<ULONG> _refs{1};
};

#define SIM_REFCOUNT                                                                                                        \
    ULONG AddRef() override { return DoAddRef(); }                                                                         \
    ULONG Release() override { return DoRelease(); }

template <class T> HRESULT Answer(T *self, void **ppv)
{
    *ppv = self;
    self->AddRef();
    return S_OK;
}

// ---------------- simple objects ----------------

class SimDisplayMode final : public IDeckLinkDisplayMode, public Counted {
public:
    explicit SimDisplayMode(const SimMode &m) : _m(m) {}
    HRESULT QueryInterface(REFIID iid, void **ppv) override
    {
        if (ppv == nullptr) {
            return E_POINTER;
        }
        if (SameIid(iid, IID_IUnknown) || SameIid(iid, IID_IDeckLinkDisplayMode)) {
            return Answer(static_cast<IDeckLinkDisplayMode *>(this), ppv);
        }
        *ppv = nullptr;
        return E_NOINTERFACE;
    }
    SIM_REFCOUNT
    HRESULT GetName(const char **name) override
    {
        *name = Dup(_m.name);
        return S_OK;
    }
    BMDDisplayMode GetDisplayMode() override { return _m.id; }
    long GetWidth() override { return _m.width; }
    long GetHeight() override { return _m.height; }
    HRESULT GetFrameRate(BMDTimeValue *frameDuration, BMDTimeScale *timeScale) override
    {
        *frameDuration = _m.frameDuration;
        *timeScale = _m.timeScale;
        return S_OK;
    }
    BMDFieldDominance GetFieldDominance() override { return _m.field; }
    BMDDisplayModeFlags GetFlags() override { return _m.flags; }

private:
    const SimMode &_m;
};

class SimModeIterator final : public IDeckLinkDisplayModeIterator, public Counted {
public:
    HRESULT QueryInterface(REFIID iid, void **ppv) override
    {
        if (ppv == nullptr) {
            return E_POINTER;
        }
        if (SameIid(iid, IID_IUnknown) || SameIid(iid, IID_IDeckLinkDisplayModeIterator)) {
            return Answer(static_cast<IDeckLinkDisplayModeIterator *>(this), ppv);
        }
        *ppv = nullptr;
        return E_NOINTERFACE;
    }
    SIM_REFCOUNT
    HRESULT Next(IDeckLinkDisplayMode **mode) override
    {
        size_t count = 0;
        const SimMode *modes = Modes(&count);
        if (_next >= count) {
            *mode = nullptr;
            return S_FALSE;
        }
        *mode = new SimDisplayMode(modes[_next++]);
        return S_OK;
    }

private:
    size_t _next = 0;
};

class SimTimecode final : public IDeckLinkTimecode, public Counted {
public:
    explicit SimTimecode(const TimecodeValue &tc) : _tc(tc) {}
    HRESULT QueryInterface(REFIID iid, void **ppv) override
    {
        if (ppv == nullptr) {
            return E_POINTER;
        }
        if (SameIid(iid, IID_IUnknown) || SameIid(iid, IID_IDeckLinkTimecode)) {
            return Answer(static_cast<IDeckLinkTimecode *>(this), ppv);
        }
        *ppv = nullptr;
        return E_NOINTERFACE;
    }
    SIM_REFCOUNT
    BMDTimecodeBCD GetBCD() override { return ToBcd(_tc); }
    HRESULT GetComponents(uint8_t *hours, uint8_t *minutes, uint8_t *seconds, uint8_t *frames) override
    {
        *hours = _tc.hours;
        *minutes = _tc.minutes;
        *seconds = _tc.seconds;
        *frames = _tc.frames;
        return S_OK;
    }
    HRESULT GetString(const char **text) override
    {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%02u:%02u:%02u%c%02u", _tc.hours, _tc.minutes, _tc.seconds,
                      (_tc.flags & bmdTimecodeIsDropFrame) != 0 ? ';' : ':', _tc.frames);
        *text = Dup(buf);
        return S_OK;
    }
    BMDTimecodeFlags GetFlags() override { return _tc.flags; }
    HRESULT GetTimecodeUserBits(BMDTimecodeUserBits *userBits) override
    {
        *userBits = 0;
        return S_OK;
    }

private:
    TimecodeValue _tc;
};

// ---------------- frames ----------------

// Capture buffers of one enabled input: a fixed number, like the card's DMA buffers. Frames hold the pool.
struct BufferPool {
    std::mutex m;
    std::vector<std::unique_ptr<uint8_t[]>> buffers;
    std::vector<int> freeList;
    size_t size = 0;

    BufferPool(size_t count, size_t bytes) : size(bytes)
    {
        for (size_t i = 0; i < count; ++i) {
            buffers.emplace_back(new uint8_t[bytes]);
            freeList.push_back(static_cast<int>(i));
        }
    }
    int Take()
    {
        std::lock_guard<std::mutex> lock(m);
        if (freeList.empty()) {
            return -1;
        }
        int i = freeList.back();
        freeList.pop_back();
        return i;
    }
    void Give(int i)
    {
        std::lock_guard<std::mutex> lock(m);
        freeList.push_back(i);
    }
};

struct TimecodeSlot {
    BMDTimecodeFormat format = 0;
    TimecodeValue value{};
};

// What every simulated frame carries.
struct FrameData {
    int32_t width = 0, height = 0;
    int64_t rowBytes = 0;
    BMDPixelFormat format = 0;
    BMDFrameFlags flags = 0;
    uint8_t *bytes = nullptr;
    std::shared_ptr<BufferPool> pool;
    int poolIndex = -1;
    std::unique_ptr<uint8_t[]> own;
    TimecodeSlot timecodes[4];
    BMDTimeValue streamTime = 0, duration = 0;
    BMDTimeScale scale = 1;
    int64_t hardwareNs = 0;
    bool hasMetadata = false;
    BMDColorspace colorspace = 0;
    int64_t eotf = 0;
    double maxCll = 0, maxFall = 0, maxMastering = 0, minMastering = 0;
    std::atomic<int> access{0};

    ~FrameData()
    {
        g_openBufferAccesses -= access.load();
        if (pool && poolIndex >= 0) {
            pool->Give(poolIndex);
        }
    }

    HRESULT GetTimecode(BMDTimecodeFormat format, IDeckLinkTimecode **out)
    {
        if (out == nullptr) {
            return E_POINTER;
        }
        *out = nullptr;
        for (const auto &slot : timecodes) {
            bool any = format == bmdTimecodeRP188Any &&
                       (slot.format == bmdTimecodeRP188VITC1 || slot.format == bmdTimecodeRP188VITC2 ||
                        slot.format == bmdTimecodeRP188LTC || slot.format == bmdTimecodeRP188HighFrameRate);
            if (slot.format != 0 && (slot.format == format || any)) {
                *out = new SimTimecode(slot.value);
                return S_OK;
            }
        }
        return S_FALSE;
    }
    HRESULT SetTimecode(BMDTimecodeFormat format, const TimecodeValue &value)
    {
        if (format == bmdTimecodeRP188Any || format == 0) {
            return E_INVALIDARG; // 'rp18' is a capture convenience, not something a frame can carry
        }
        for (auto &slot : timecodes) {
            if (slot.format == format || slot.format == 0) {
                slot.format = format;
                slot.value = value;
                return S_OK;
            }
        }
        return E_OUTOFMEMORY;
    }

    HRESULT StartAccess(BMDBufferAccessFlags)
    {
        ++access;
        ++g_openBufferAccesses;
        return S_OK;
    }
    HRESULT EndAccess(BMDBufferAccessFlags)
    {
        int a = access.load();
        while (a > 0 && !access.compare_exchange_weak(a, a - 1)) {
        }
        if (a <= 0) {
            return E_FAIL; // EndAccess without StartAccess
        }
        --g_openBufferAccesses;
        return S_OK;
    }
    HRESULT GetAccessedBytes(void **buffer)
    {
        if (buffer == nullptr) {
            return E_POINTER;
        }
        if (access.load() <= 0) {
            *buffer = nullptr;
            return E_ACCESSDENIED; // 14.3+: GetBytes needs StartAccess (SDK manual)
        }
        *buffer = bytes;
        return S_OK;
    }

    HRESULT MetaInt(BMDDeckLinkFrameMetadataID id, int64_t *value)
    {
        if (!hasMetadata) {
            return E_INVALIDARG;
        }
        if (id == bmdDeckLinkFrameMetadataColorspace) {
            *value = colorspace;
            return S_OK;
        }
        if (id == bmdDeckLinkFrameMetadataHDRElectroOpticalTransferFunc) {
            *value = eotf;
            return S_OK;
        }
        return E_INVALIDARG;
    }
    HRESULT MetaFloat(BMDDeckLinkFrameMetadataID id, double *value)
    {
        if (!hasMetadata || eotf == 0) {
            return E_INVALIDARG;
        }
        // BT.2020 primaries and D65 (ITU-R BT.2020 table 3), as an HDR10 source would signal.
        switch (id) {
        case bmdDeckLinkFrameMetadataHDRDisplayPrimariesRedX: *value = 0.708; return S_OK;
        case bmdDeckLinkFrameMetadataHDRDisplayPrimariesRedY: *value = 0.292; return S_OK;
        case bmdDeckLinkFrameMetadataHDRDisplayPrimariesGreenX: *value = 0.170; return S_OK;
        case bmdDeckLinkFrameMetadataHDRDisplayPrimariesGreenY: *value = 0.797; return S_OK;
        case bmdDeckLinkFrameMetadataHDRDisplayPrimariesBlueX: *value = 0.131; return S_OK;
        case bmdDeckLinkFrameMetadataHDRDisplayPrimariesBlueY: *value = 0.046; return S_OK;
        case bmdDeckLinkFrameMetadataHDRWhitePointX: *value = 0.3127; return S_OK;
        case bmdDeckLinkFrameMetadataHDRWhitePointY: *value = 0.3290; return S_OK;
        case bmdDeckLinkFrameMetadataHDRMaxDisplayMasteringLuminance: *value = maxMastering; return S_OK;
        case bmdDeckLinkFrameMetadataHDRMinDisplayMasteringLuminance: *value = minMastering; return S_OK;
        case bmdDeckLinkFrameMetadataHDRMaximumContentLightLevel: *value = maxCll; return S_OK;
        case bmdDeckLinkFrameMetadataHDRMaximumFrameAverageLightLevel: *value = maxFall; return S_OK;
        default: return E_INVALIDARG;
        }
    }
};

#define SIM_FRAME_GETTERS                                                                                                   \
    long GetWidth() override { return _d.width; }                                                                          \
    long GetHeight() override { return _d.height; }                                                                        \
    long GetRowBytes() override { return _d.rowBytes; }                                                                    \
    BMDPixelFormat GetPixelFormat() override { return _d.format; }                                                         \
    BMDFrameFlags GetFlags() override { return _d.flags; }                                                                 \
    HRESULT GetTimecode(BMDTimecodeFormat format, IDeckLinkTimecode **timecode) override                                    \
    {                                                                                                                       \
        return _d.GetTimecode(format, timecode);                                                                            \
    }                                                                                                                       \
    HRESULT GetAncillaryData(IDeckLinkVideoFrameAncillary **ancillary) override                                            \
    {                                                                                                                       \
        *ancillary = nullptr;                                                                                               \
        return E_NOTIMPL;                                                                                                   \
    }

#define SIM_METADATA                                                                                                        \
    HRESULT GetInt(BMDDeckLinkFrameMetadataID id, int64_t *value) override { return _d.MetaInt(id, value); }              \
    HRESULT GetFloat(BMDDeckLinkFrameMetadataID id, double *value) override { return _d.MetaFloat(id, value); }           \
    HRESULT GetFlag(BMDDeckLinkFrameMetadataID, bool *) override { return E_INVALIDARG; }                                  \
    HRESULT GetString(BMDDeckLinkFrameMetadataID, const char **) override { return E_INVALIDARG; }                         \
    HRESULT GetBytes(BMDDeckLinkFrameMetadataID, void *, uint32_t *) override { return E_INVALIDARG; }

#define SIM_STREAM_TIMES                                                                                                    \
    HRESULT GetStreamTime(BMDTimeValue *frameTime, BMDTimeValue *frameDuration, BMDTimeScale timeScale) override           \
    {                                                                                                                       \
        if (timeScale <= 0) {                                                                                               \
            return E_INVALIDARG;                                                                                            \
        }                                                                                                                   \
        *frameTime = _d.streamTime * timeScale / _d.scale;                                                                  \
        *frameDuration = _d.duration * timeScale / _d.scale;                                                                \
        return S_OK;                                                                                                        \
    }                                                                                                                       \
    HRESULT GetHardwareReferenceTimestamp(BMDTimeScale timeScale, BMDTimeValue *frameTime, BMDTimeValue *frameDuration)    \
        override                                                                                                            \
    {                                                                                                                       \
        if (timeScale <= 0) {                                                                                               \
            return E_INVALIDARG;                                                                                            \
        }                                                                                                                   \
        *frameTime = static_cast<BMDTimeValue>(static_cast<__int128>(_d.hardwareNs) * timeScale / 1000000000);             \
        *frameDuration = _d.duration * timeScale / _d.scale;                                                                \
        return S_OK;                                                                                                        \
    }

// 14.3+ input frame: pixels through IDeckLinkVideoBuffer (16.0) or IDeckLinkVideoBuffer_v15_3_1.
class SimInputFrame16 final : public IDeckLinkVideoInputFrame,
                              public IDeckLinkVideoBuffer,
                              public IDeckLinkVideoBuffer_v15_3_1,
                              public IDeckLinkVideoFrameMetadataExtensions,
                              public Counted {
public:
    FrameData _d;

    HRESULT QueryInterface(REFIID iid, void **ppv) override
    {
        if (ppv == nullptr) {
            return E_POINTER;
        }
        if (SameIid(iid, IID_IUnknown) || SameIid(iid, IID_IDeckLinkVideoFrame) || SameIid(iid, IID_IDeckLinkVideoInputFrame)) {
            return Answer(static_cast<IDeckLinkVideoInputFrame *>(this), ppv);
        }
        if (SameIid(iid, IID_IDeckLinkVideoBuffer) && Answers16()) {
            return Answer(static_cast<IDeckLinkVideoBuffer *>(this), ppv);
        }
        if (SameIid(iid, IID_IDeckLinkVideoBuffer_v15_3_1)) {
            return Answer(static_cast<IDeckLinkVideoBuffer_v15_3_1 *>(this), ppv);
        }
        if (SameIid(iid, IID_IDeckLinkVideoFrameMetadataExtensions)) {
            return Answer(static_cast<IDeckLinkVideoFrameMetadataExtensions *>(this), ppv);
        }
        *ppv = nullptr;
        return E_NOINTERFACE;
    }
    SIM_REFCOUNT
    SIM_FRAME_GETTERS
    SIM_STREAM_TIMES
    SIM_METADATA
    HRESULT GetBytes(void **buffer) override { return _d.GetAccessedBytes(buffer); }
    HRESULT GetSize(uint64_t *size) override
    {
        *size = static_cast<uint64_t>(_d.rowBytes) * static_cast<uint64_t>(_d.height);
        return S_OK;
    }
    HRESULT StartAccess(BMDBufferAccessFlags flags) override { return _d.StartAccess(flags); }
    HRESULT EndAccess(BMDBufferAccessFlags flags) override { return _d.EndAccess(flags); }
};

// 11.6..14.2.1 input frame: GetBytes on the frame.
class SimInputFrame14 final : public IDeckLinkVideoInputFrame_v14_2_1,
                              public IDeckLinkVideoFrameMetadataExtensions,
                              public Counted {
public:
    FrameData _d;

    HRESULT QueryInterface(REFIID iid, void **ppv) override
    {
        if (ppv == nullptr) {
            return E_POINTER;
        }
        if (SameIid(iid, IID_IUnknown) || SameIid(iid, IID_IDeckLinkVideoFrame_v14_2_1) ||
            SameIid(iid, IID_IDeckLinkVideoInputFrame_v14_2_1)) {
            return Answer(static_cast<IDeckLinkVideoInputFrame_v14_2_1 *>(this), ppv);
        }
        if (SameIid(iid, IID_IDeckLinkVideoFrameMetadataExtensions)) {
            return Answer(static_cast<IDeckLinkVideoFrameMetadataExtensions *>(this), ppv);
        }
        *ppv = nullptr;
        return E_NOINTERFACE;
    }
    SIM_REFCOUNT
    SIM_FRAME_GETTERS
    SIM_STREAM_TIMES
    SIM_METADATA
    HRESULT GetBytes(void **buffer) override
    {
        *buffer = _d.bytes;
        return S_OK;
    }
};

// 14.3+ playout frame created by CreateVideoFrame.
class SimOutputFrame16 final : public IDeckLinkMutableVideoFrame,
                               public IDeckLinkVideoBuffer,
                               public IDeckLinkVideoBuffer_v15_3_1,
                               public Counted {
public:
    FrameData _d;

    HRESULT QueryInterface(REFIID iid, void **ppv) override
    {
        if (ppv == nullptr) {
            return E_POINTER;
        }
        if (SameIid(iid, IID_IUnknown) || SameIid(iid, IID_IDeckLinkVideoFrame) ||
            SameIid(iid, IID_IDeckLinkMutableVideoFrame)) {
            return Answer(static_cast<IDeckLinkMutableVideoFrame *>(this), ppv);
        }
        if (SameIid(iid, IID_IDeckLinkVideoBuffer) && Answers16()) {
            return Answer(static_cast<IDeckLinkVideoBuffer *>(this), ppv);
        }
        if (SameIid(iid, IID_IDeckLinkVideoBuffer_v15_3_1)) {
            return Answer(static_cast<IDeckLinkVideoBuffer_v15_3_1 *>(this), ppv);
        }
        *ppv = nullptr;
        return E_NOINTERFACE;
    }
    SIM_REFCOUNT
    SIM_FRAME_GETTERS
    HRESULT SetFlags(BMDFrameFlags flags) override
    {
        _d.flags = flags;
        return S_OK;
    }
    HRESULT SetTimecode(BMDTimecodeFormat format, IDeckLinkTimecode *timecode) override
    {
        if (timecode == nullptr) {
            return E_POINTER;
        }
        TimecodeValue v{};
        timecode->GetComponents(&v.hours, &v.minutes, &v.seconds, &v.frames);
        v.flags = timecode->GetFlags();
        return _d.SetTimecode(format, v);
    }
    HRESULT SetTimecodeFromComponents(BMDTimecodeFormat format, uint8_t h, uint8_t m, uint8_t s, uint8_t f,
                                      BMDTimecodeFlags flags) override
    {
        return _d.SetTimecode(format, TimecodeValue{h, m, s, f, flags});
    }
    HRESULT SetAncillaryData(IDeckLinkVideoFrameAncillary *) override { return E_NOTIMPL; }
    HRESULT SetTimecodeUserBits(BMDTimecodeFormat, BMDTimecodeUserBits) override { return S_OK; }
    HRESULT SetInterfaceProvider(REFIID, IUnknown *) override { return E_NOTIMPL; }
    HRESULT GetBytes(void **buffer) override { return _d.GetAccessedBytes(buffer); }
    HRESULT GetSize(uint64_t *size) override
    {
        *size = static_cast<uint64_t>(_d.rowBytes) * static_cast<uint64_t>(_d.height);
        return S_OK;
    }
    HRESULT StartAccess(BMDBufferAccessFlags flags) override { return _d.StartAccess(flags); }
    HRESULT EndAccess(BMDBufferAccessFlags flags) override { return _d.EndAccess(flags); }
};

class SimOutputFrame14 final : public IDeckLinkMutableVideoFrame_v14_2_1, public Counted {
public:
    FrameData _d;

    HRESULT QueryInterface(REFIID iid, void **ppv) override
    {
        if (ppv == nullptr) {
            return E_POINTER;
        }
        if (SameIid(iid, IID_IUnknown) || SameIid(iid, IID_IDeckLinkVideoFrame_v14_2_1) ||
            SameIid(iid, IID_IDeckLinkMutableVideoFrame_v14_2_1)) {
            return Answer(static_cast<IDeckLinkMutableVideoFrame_v14_2_1 *>(this), ppv);
        }
        *ppv = nullptr;
        return E_NOINTERFACE;
    }
    SIM_REFCOUNT
    SIM_FRAME_GETTERS
    HRESULT GetBytes(void **buffer) override
    {
        *buffer = _d.bytes;
        return S_OK;
    }
    HRESULT SetFlags(BMDFrameFlags flags) override
    {
        _d.flags = flags;
        return S_OK;
    }
    HRESULT SetTimecode(BMDTimecodeFormat format, IDeckLinkTimecode *timecode) override
    {
        if (timecode == nullptr) {
            return E_POINTER;
        }
        TimecodeValue v{};
        timecode->GetComponents(&v.hours, &v.minutes, &v.seconds, &v.frames);
        v.flags = timecode->GetFlags();
        return _d.SetTimecode(format, v);
    }
    HRESULT SetTimecodeFromComponents(BMDTimecodeFormat format, uint8_t h, uint8_t m, uint8_t s, uint8_t f,
                                      BMDTimecodeFlags flags) override
    {
        return _d.SetTimecode(format, TimecodeValue{h, m, s, f, flags});
    }
    HRESULT SetAncillaryData(IDeckLinkVideoFrameAncillary *) override { return E_NOTIMPL; }
    HRESULT SetTimecodeUserBits(BMDTimecodeFormat, BMDTimecodeUserBits) override { return S_OK; }
};

// ---------------- device state ----------------

struct Completion {
    IUnknown *frame = nullptr; // reference held until delivered
    BMDOutputFrameCompletionResult result = 0;
    bool stopped = false;      // "playback has stopped" marker
};

struct ScheduledFrame {
    IUnknown *frame = nullptr; // AddRef'd
    BMDTimeValue displayTime = 0; // in the output mode's time scale
};

struct SignalState {
    BMDDisplayMode mode = FourCC('H', 'p', '2', '5');
    bool present = true;
    BMDDetectedVideoInputFormatFlags detected = bmdDetectedVideoInputYCbCr422 | bmdDetectedVideoInput10BitDepth;
    BMDColorspace colorspace = bmdColorspaceRec709;
    int64_t eotf = 0;
    double maxCll = 0, maxFall = 0, maxMastering = 0, minMastering = 0;
    Clock::time_point epoch = Clock::now();
};

enum class StreamState { Stopped, Running, Paused };

struct InputState {
    const void *owner = nullptr; // the input object that enabled it
    int32_t generation = 0;
    BMDDisplayMode mode = 0;
    BMDPixelFormat format = 0;
    BMDVideoInputFlags flags = 0;
    IUnknown *callback = nullptr; // typed callback (generation's interface) AddRef'd, held as its IUnknown base
    StreamState state = StreamState::Stopped;
    std::thread thread;
    bool threadRunning = false;
    bool stopRequested = false;
    Clock::time_point t0;
    uint64_t tick = 0;
    uint64_t patternFrame = 0;   // moves the box; continues across restarts
    BMDDisplayMode notifiedMode = 0;
    BMDColorspace notifiedColorspace = 0;
    std::shared_ptr<BufferPool> pool;
};

struct OutputState {
    const void *owner = nullptr;
    int32_t generation = 0;
    BMDDisplayMode mode = 0;
    BMDVideoOutputFlags flags = 0;
    IUnknown *callback = nullptr;
    std::deque<ScheduledFrame> scheduled; // sorted by displayTime
    bool running = false;
    bool stopRequested = false;
    BMDTimeValue startTime = 0;           // in the mode's time scale
    Clock::time_point t0;
    ScheduledFrame onScreen;
    BMDOutputFrameCompletionResult onScreenResult = 0;
    std::thread tickThread, callbackThread;
    std::deque<Completion> completions;
    std::condition_variable completionCv;
};

struct Records {
    static constexpr size_t kMax = 1024;
    std::vector<uint32_t> timecodes, firstWords;
    void Add(uint32_t tc, uint32_t first)
    {
        if (timecodes.size() == kMax) {
            timecodes.erase(timecodes.begin());
            firstWords.erase(firstWords.begin());
        }
        timecodes.push_back(tc);
        firstWords.push_back(first);
    }
};

struct SimDevice {
    int index = 0;
    std::mutex m;
    std::condition_variable cv;
    SignalState signal;
    InputState in;
    OutputState out;
    LgDeckLinkSimStats stats{};
    Records records;
    int64_t tcBase = 0; // frames at 10:00:00:00 for the signal's rate

    std::string DisplayName() const { return "DeckLink Simulator (" + std::to_string(index + 1) + ")"; }
};

SimDevice g_devices[2];

void ResetTimecodeBase(SimDevice &d)
{
    const SimMode *m = FindMode(d.signal.mode);
    d.tcBase = m != nullptr ? FramesForHours(10, NominalRate(*m), IsDropFrame(*m)) : 0;
    d.signal.epoch = Clock::now();
}

// ---------------- input engine ----------------

template <class FrameClass> FrameClass *MakeInputFrame(SimDevice &d, const SimMode &mode, BMDPixelFormat format,
                                                       std::shared_ptr<BufferPool> pool, int bufferIndex, bool noSignal,
                                                       uint64_t patternFrame, uint64_t tick, Clock::time_point captureTime,
                                                       const SignalState &signal)
{
    auto *f = new FrameClass();
    FrameData &fd = f->_d;
    fd.width = mode.width;
    fd.height = mode.height;
    fd.rowBytes = RowBytesFor(format, mode.width);
    fd.format = format;
    fd.pool = std::move(pool);
    fd.poolIndex = bufferIndex;
    fd.bytes = fd.pool->buffers[static_cast<size_t>(bufferIndex)].get();
    fd.streamTime = static_cast<BMDTimeValue>(tick) * mode.frameDuration;
    fd.duration = mode.frameDuration;
    fd.scale = mode.timeScale;
    fd.hardwareNs = std::chrono::duration_cast<std::chrono::nanoseconds>(captureTime.time_since_epoch()).count();
    RenderPattern(mode, format, static_cast<int32_t>(fd.rowBytes), patternFrame, noSignal, fd.bytes);
    if (noSignal) {
        fd.flags = bmdFrameHasNoInputSource;
        return f;
    }
    // RP188 timecode of the source: a free-running counter since the signal appeared, from 10:00:00:00.
    auto sinceEpoch = std::chrono::duration_cast<std::chrono::nanoseconds>(captureTime - signal.epoch).count();
    int64_t periodNs = mode.frameDuration * 1000000000LL / mode.timeScale;
    int64_t count = d.tcBase + (sinceEpoch + periodNs / 2) / periodNs;
    TimecodeValue tc = TimecodeFromFrames(count, NominalRate(mode), IsDropFrame(mode));
    fd.SetTimecode(bmdTimecodeRP188VITC1, tc);
    fd.SetTimecode(bmdTimecodeRP188LTC, tc);
    fd.hasMetadata = true;
    fd.colorspace = signal.colorspace;
    fd.eotf = signal.eotf;
    fd.maxCll = signal.maxCll;
    fd.maxFall = signal.maxFall;
    fd.maxMastering = signal.maxMastering;
    fd.minMastering = signal.minMastering;
    if (signal.eotf != 0) {
        fd.flags |= bmdFrameContainsHDRMetadata;
    }
    return f;
}

// The capture thread of one device: one frame per period of the enabled mode while Running.
void InputThread(SimDevice *dp)
{
    SimDevice &d = *dp;
    std::unique_lock<std::mutex> lock(d.m);
    for (;;) {
        InputState &in = d.in;
        if (in.stopRequested) {
            break;
        }
        if (in.state != StreamState::Running || in.callback == nullptr) {
            d.cv.wait(lock);
            continue;
        }
        const SimMode *mode = FindMode(in.mode);
        if (mode == nullptr) {
            d.cv.wait(lock);
            continue;
        }
        Clock::time_point due = in.t0 + FramePeriod(*mode) * static_cast<int64_t>(in.tick + 1);
        if (Clock::now() < due) {
            d.cv.wait_until(lock, due);
            continue; // re-check: pause, stop or re-enable may have happened
        }
        const uint64_t tick = in.tick++;
        const SignalState signal = d.signal;
        IUnknown *callback = in.callback;
        callback->AddRef();
        const int32_t generation = in.generation;

        if (signal.present && signal.mode == in.mode) {
            in.notifiedMode = 0; // in sync again: a later change is reported again
        }
        const SimMode *signalMode = FindMode(signal.mode);
        bool modeMismatch = signal.present && signal.mode != in.mode;
        bool detection = (in.flags & bmdVideoInputEnableFormatDetection) != 0;
        BMDVideoInputFormatChangedEvents events = 0;
        const SimMode *eventMode = nullptr;
        if (detection && modeMismatch && signalMode != nullptr && in.notifiedMode != signal.mode) {
            in.notifiedMode = signal.mode;
            events = bmdVideoInputDisplayModeChanged;
            if (signalMode->field != mode->field) {
                events |= bmdVideoInputFieldDominanceChanged;
            }
            eventMode = signalMode;
        } else if (detection && signal.present && !modeMismatch && in.notifiedColorspace != signal.colorspace) {
            if (in.notifiedColorspace != 0) {
                events = bmdVideoInputColorspaceChanged;
                eventMode = mode;
            }
            in.notifiedColorspace = signal.colorspace;
        }
        if (events != 0) {
            ++d.stats.inputFormatChangeEvents;
            lock.unlock();
            auto *modeObject = new SimDisplayMode(*eventMode);
            BMDDetectedVideoInputFormatFlags detected = signal.detected;
            if (generation == kGen14) {
                static_cast<IDeckLinkInputCallback_v14_2_1 *>(callback)->VideoInputFormatChanged(events, modeObject, detected);
            } else {
                static_cast<IDeckLinkInputCallback *>(callback)->VideoInputFormatChanged(events, modeObject, detected);
            }
            modeObject->Release();
            callback->Release();
            lock.lock();
            continue; // the application usually re-enabled the input in the new mode
        }

        bool noSignal = !signal.present || modeMismatch;
        std::shared_ptr<BufferPool> pool = in.pool;
        int buffer = pool ? pool->Take() : -1;
        if (buffer < 0) {
            ++d.stats.inputDroppedNoBuffer;
            callback->Release();
            continue;
        }
        uint64_t patternFrame = in.patternFrame++;
        BMDPixelFormat format = in.format;
        const SimMode captureMode = *mode;
        Clock::time_point captureTime = due;
        ++d.stats.inputFramesDelivered;
        if (noSignal) {
            ++d.stats.inputNoSignalFrames;
        }
        lock.unlock();
        if (generation == kGen14) {
            auto *frame = MakeInputFrame<SimInputFrame14>(d, captureMode, format, pool, buffer, noSignal, patternFrame, tick,
                                                          captureTime, signal);
            static_cast<IDeckLinkInputCallback_v14_2_1 *>(callback)->VideoInputFrameArrived(frame, nullptr);
            frame->Release();
        } else {
            auto *frame = MakeInputFrame<SimInputFrame16>(d, captureMode, format, pool, buffer, noSignal, patternFrame, tick,
                                                          captureTime, signal);
            static_cast<IDeckLinkInputCallback *>(callback)->VideoInputFrameArrived(frame, nullptr);
            frame->Release();
        }
        callback->Release();
        lock.lock();
    }
    d.in.threadRunning = false;
}

// Stops the capture thread. Called with the lock held; releases it while joining.
void StopInputThread(SimDevice &d, std::unique_lock<std::mutex> &lock)
{
    if (!d.in.threadRunning) {
        return;
    }
    d.in.stopRequested = true;
    d.cv.notify_all();
    if (d.in.thread.get_id() == std::this_thread::get_id()) {
        d.in.thread.detach(); // StopStreams from inside a callback: the thread ends when the callback returns
        return;
    }
    std::thread t = std::move(d.in.thread);
    lock.unlock();
    t.join();
    lock.lock();
}

// ---------------- output engine ----------------

struct DisplayCheck {
    int32_t width = 0, height = 0;
    int64_t rowBytes = 0;
    BMDPixelFormat format = 0;
    bool ok = false, legal = true;
    uint32_t timecode = 0xFFFFFFFFu;
    BMDTimecodeFormat timecodeFormat = 0;
    uint32_t firstWord = 0;
};

// Reads a frame the application scheduled through the interfaces of its generation, as hardware DMA would.
DisplayCheck InspectFrame(IUnknown *frameUnknown, int32_t generation, const SimMode &mode)
{
    DisplayCheck c;
    const uint8_t *bytes = nullptr;
    IDeckLinkVideoBuffer *buffer16 = nullptr;
    IDeckLinkVideoBuffer_v15_3_1 *buffer15 = nullptr;
    auto readTimecode = [&c](auto *frame) {
        static constexpr BMDTimecodeFormat formats[] = {bmdTimecodeRP188VITC1, bmdTimecodeRP188LTC, bmdTimecodeRP188VITC2,
                                                        bmdTimecodeRP188HighFrameRate};
        for (BMDTimecodeFormat f : formats) {
            IDeckLinkTimecode *tc = nullptr;
            if (frame->GetTimecode(f, &tc) == S_OK && tc != nullptr) {
                uint8_t h, m, s, fr;
                tc->GetComponents(&h, &m, &s, &fr);
                tc->Release();
                c.timecode = (static_cast<uint32_t>(h) << 24) | (static_cast<uint32_t>(m) << 16) |
                             (static_cast<uint32_t>(s) << 8) | fr;
                c.timecodeFormat = f;
                return;
            }
        }
    };
    if (generation == kGen14) {
        auto *frame = static_cast<IDeckLinkVideoFrame_v14_2_1 *>(frameUnknown);
        c.width = static_cast<int32_t>(frame->GetWidth());
        c.height = static_cast<int32_t>(frame->GetHeight());
        c.rowBytes = frame->GetRowBytes();
        c.format = frame->GetPixelFormat();
        void *p = nullptr;
        if (Succeeded(frame->GetBytes(&p))) {
            bytes = static_cast<const uint8_t *>(p);
        }
        readTimecode(frame);
    } else {
        auto *frame = static_cast<IDeckLinkVideoFrame *>(frameUnknown);
        c.width = static_cast<int32_t>(frame->GetWidth());
        c.height = static_cast<int32_t>(frame->GetHeight());
        c.rowBytes = frame->GetRowBytes();
        c.format = frame->GetPixelFormat();
        void *p = nullptr;
        if (generation == kGen16 && Succeeded(frame->QueryInterface(IID_IDeckLinkVideoBuffer, &p))) {
            buffer16 = static_cast<IDeckLinkVideoBuffer *>(p);
            if (Succeeded(buffer16->StartAccess(bmdBufferAccessRead)) && Succeeded(buffer16->GetBytes(&p))) {
                bytes = static_cast<const uint8_t *>(p);
            }
        } else if (generation == kGen15 && Succeeded(frame->QueryInterface(IID_IDeckLinkVideoBuffer_v15_3_1, &p))) {
            buffer15 = static_cast<IDeckLinkVideoBuffer_v15_3_1 *>(p);
            if (Succeeded(buffer15->StartAccess(bmdBufferAccessRead)) && Succeeded(buffer15->GetBytes(&p))) {
                bytes = static_cast<const uint8_t *>(p);
            }
        }
        readTimecode(frame);
    }
    c.ok = bytes != nullptr && c.width == mode.width && c.height == mode.height &&
           c.rowBytes >= RowBytesFor(c.format, c.width) && RowBytesFor(c.format, c.width) > 0 &&
           SupportsFormat(mode, c.format, false);
    if (bytes != nullptr && c.ok) {
        c.legal = CodesLegal(c.format, c.width, c.height, c.rowBytes, bytes);
        std::memcpy(&c.firstWord, bytes, sizeof c.firstWord);
    }
    if (buffer16 != nullptr) {
        buffer16->EndAccess(bmdBufferAccessRead);
        buffer16->Release();
    }
    if (buffer15 != nullptr) {
        buffer15->EndAccess(bmdBufferAccessRead);
        buffer15->Release();
    }
    return c;
}

void CallCompletion(IUnknown *callback, int32_t generation, const Completion &c)
{
    if (c.stopped) {
        if (generation == kGen14) {
            static_cast<IDeckLinkVideoOutputCallback_v14_2_1 *>(callback)->ScheduledPlaybackHasStopped();
        } else {
            static_cast<IDeckLinkVideoOutputCallback *>(callback)->ScheduledPlaybackHasStopped();
        }
        return;
    }
    if (generation == kGen14) {
        static_cast<IDeckLinkVideoOutputCallback_v14_2_1 *>(callback)->ScheduledFrameCompleted(
            static_cast<IDeckLinkVideoFrame_v14_2_1 *>(c.frame), c.result);
    } else {
        static_cast<IDeckLinkVideoOutputCallback *>(callback)->ScheduledFrameCompleted(
            static_cast<IDeckLinkVideoFrame *>(c.frame), c.result);
    }
}

void CountResult(SimDevice &d, BMDOutputFrameCompletionResult r)
{
    switch (r) {
    case bmdOutputFrameCompleted: ++d.stats.outputCompleted; break;
    case bmdOutputFrameDisplayedLate: ++d.stats.outputLate; break;
    case bmdOutputFrameDropped: ++d.stats.outputDropped; break;
    case bmdOutputFrameFlushed: ++d.stats.outputFlushed; break;
    default: break;
    }
}

// Delivers completion results to the application on their own thread, so that a slow application callback
// does not stop the output clock (as on hardware, where the card keeps scanning out).
void CallbackThread(SimDevice *dp)
{
    SimDevice &d = *dp;
    std::unique_lock<std::mutex> lock(d.m);
    for (;;) {
        d.out.completionCv.wait(lock, [&d] { return !d.out.completions.empty(); });
        Completion c = d.out.completions.front();
        d.out.completions.pop_front();
        IUnknown *callback = d.out.callback;
        int32_t generation = d.out.generation;
        if (callback != nullptr) {
            callback->AddRef();
        }
        lock.unlock();
        if (callback != nullptr) {
            CallCompletion(callback, generation, c);
            callback->Release();
        }
        if (c.frame != nullptr) {
            c.frame->Release();
        }
        lock.lock();
        if (c.stopped) {
            break;
        }
    }
}

// The output clock: tick k shows the frame scheduled for startTime + k * frameDuration.
void TickThread(SimDevice *dp)
{
    SimDevice &d = *dp;
    std::unique_lock<std::mutex> lock(d.m);
    OutputState &out = d.out;
    const SimMode *mode = FindMode(out.mode);
    for (uint64_t k = 0;; ++k) {
        Clock::time_point due = out.t0 + FramePeriod(*mode) * static_cast<int64_t>(k);
        d.cv.wait_until(lock, due, [&out] { return out.stopRequested; });
        if (out.stopRequested) {
            break;
        }
        BMDTimeValue now = out.startTime + static_cast<BMDTimeValue>(k) * mode->frameDuration;
        // Frames whose time has come; all but the newest missed their slot entirely and are dropped.
        std::vector<ScheduledFrame> due_;
        while (!out.scheduled.empty() && out.scheduled.front().displayTime <= now) {
            due_.push_back(out.scheduled.front());
            out.scheduled.pop_front();
        }
        if (due_.empty()) {
            ++d.stats.outputUnderruns; // nothing new: the output holds the frame it shows
            continue;
        }
        for (size_t i = 0; i + 1 < due_.size(); ++i) {
            CountResult(d, bmdOutputFrameDropped);
            out.completions.push_back({due_[i].frame, bmdOutputFrameDropped, false});
        }
        ScheduledFrame show = due_.back();
        BMDOutputFrameCompletionResult result = show.displayTime == now ? bmdOutputFrameCompleted : bmdOutputFrameDisplayedLate;
        if (out.onScreen.frame != nullptr) {
            CountResult(d, out.onScreenResult);
            out.completions.push_back({out.onScreen.frame, out.onScreenResult, false});
        }
        out.onScreen = show;
        out.onScreenResult = result;
        int32_t generation = out.generation;
        out.completionCv.notify_all();
        lock.unlock();
        DisplayCheck check = InspectFrame(show.frame, generation, *mode);
        lock.lock();
        ++d.stats.outputDisplayed;
        if (!check.ok) {
            ++d.stats.outputBadFrames;
        } else {
            if (!check.legal) {
                ++d.stats.outputIllegalFrames;
            }
            d.stats.outputPixelFormat = check.format;
            d.stats.outputWidth = check.width;
            d.stats.outputHeight = check.height;
            d.stats.outputRowBytes = check.rowBytes;
        }
        if (check.timecodeFormat != 0) {
            ++d.stats.outputFramesWithTimecode;
            d.stats.outputTimecodeFormat = check.timecodeFormat;
        }
        d.records.Add(check.timecode, check.firstWord);
    }
    // Stop: what is still scheduled comes back flushed, the frame on screen completes, then "stopped".
    for (auto &s : out.scheduled) {
        CountResult(d, bmdOutputFrameFlushed);
        out.completions.push_back({s.frame, bmdOutputFrameFlushed, false});
    }
    out.scheduled.clear();
    if (out.onScreen.frame != nullptr) {
        CountResult(d, out.onScreenResult);
        out.completions.push_back({out.onScreen.frame, out.onScreenResult, false});
        out.onScreen = ScheduledFrame{};
    }
    out.completions.push_back({nullptr, 0, true});
    out.completionCv.notify_all();
}

void StopOutputThreads(SimDevice &d, std::unique_lock<std::mutex> &lock)
{
    OutputState &out = d.out;
    if (!out.running) {
        return;
    }
    out.stopRequested = true;
    d.cv.notify_all();
    std::thread tick = std::move(out.tickThread);
    std::thread callbacks = std::move(out.callbackThread);
    lock.unlock();
    tick.join();
    if (callbacks.get_id() == std::this_thread::get_id()) {
        callbacks.detach(); // stopped from inside a completion callback
    } else {
        callbacks.join();
    }
    lock.lock();
    out.running = false;
    out.stopRequested = false;
}

// ---------------- attributes, input, output, device ----------------

template <class Iface, bool WithParam> class SimAttributes final : public Iface, public Counted {
public:
    SimAttributes(int index, const REFIID &iid) : _index(index), _iid(iid) {}
    HRESULT QueryInterface(REFIID iid, void **ppv) override
    {
        if (ppv == nullptr) {
            return E_POINTER;
        }
        if (SameIid(iid, IID_IUnknown) || SameIid(iid, _iid)) {
            return Answer(static_cast<Iface *>(this), ppv);
        }
        *ppv = nullptr;
        return E_NOINTERFACE;
    }
    SIM_REFCOUNT
    HRESULT GetFlag(BMDDeckLinkAttributeID id, bool *value) override
    {
        if (id == BMDDeckLinkSupportsInputFormatDetection || id == BMDDeckLinkSupportsHDRMetadata ||
            id == BMDDeckLinkSupportsColorspaceMetadata) {
            *value = true;
            return S_OK;
        }
        if (id == BMDDeckLinkHasReferenceInput) {
            *value = false;
            return S_OK;
        }
        return E_INVALIDARG;
    }
    HRESULT GetInt(BMDDeckLinkAttributeID id, int64_t *value) override
    {
        switch (id) {
        case BMDDeckLinkPersistentID: *value = 0x4C470000 + _index + 1; return S_OK;
        case BMDDeckLinkTopologicalID: *value = 0x100 + _index; return S_OK;
        case BMDDeckLinkVideoInputConnections:
        case BMDDeckLinkVideoOutputConnections: *value = bmdVideoConnectionSDI; return S_OK;
        case BMDDeckLinkMinimumPrerollFrames: *value = 3; return S_OK;
        default: return E_INVALIDARG;
        }
    }
    HRESULT GetFloat(BMDDeckLinkAttributeID, double *) override { return E_INVALIDARG; }
    HRESULT GetString(BMDDeckLinkAttributeID id, const char **value) override
    {
        if (id == BMDDeckLinkModelName) {
            *value = Dup("DeckLink Simulator");
            return S_OK;
        }
        if (id == BMDDeckLinkDisplayName) {
            *value = Dup(g_devices[_index].DisplayName());
            return S_OK;
        }
        return E_INVALIDARG;
    }
    HRESULT GetStringWithParam(BMDDeckLinkAttributeID, uint64_t, const char **) { return E_INVALIDARG; }

private:
    int _index;
    REFIID _iid;
};

template <class InputIface, class CallbackIface, int32_t Gen> class SimInput final : public InputIface, public Counted {
public:
    SimInput(SimDevice &d, const REFIID &iid, const REFIID &callbackIid) : _d(d), _iid(iid), _callbackIid(callbackIid) {}
    ~SimInput() override
    {
        std::unique_lock<std::mutex> lock(_d.m);
        if (_d.in.owner == this) {
            StopInputThread(_d, lock);
            Disable(lock);
        }
    }
    HRESULT QueryInterface(REFIID iid, void **ppv) override
    {
        if (ppv == nullptr) {
            return E_POINTER;
        }
        if (SameIid(iid, IID_IUnknown) || SameIid(iid, _iid)) {
            return Answer(static_cast<InputIface *>(this), ppv);
        }
        *ppv = nullptr;
        return E_NOINTERFACE;
    }
    SIM_REFCOUNT
    HRESULT DoesSupportVideoMode(BMDVideoConnection connection, BMDDisplayMode requestedMode, BMDPixelFormat format,
                                 BMDVideoInputConversionMode, BMDSupportedVideoModeFlags, BMDDisplayMode *actualMode,
                                 bool *supported) override
    {
        if (supported == nullptr) {
            return E_POINTER;
        }
        const SimMode *m = FindMode(requestedMode);
        *supported = m != nullptr && (connection == bmdVideoConnectionUnspecified || connection == bmdVideoConnectionSDI) &&
                     (format == bmdFormatUnspecified || SupportsFormat(*m, format, true));
        if (actualMode != nullptr) {
            *actualMode = *supported ? requestedMode : bmdModeUnknown;
        }
        return S_OK;
    }
    HRESULT GetDisplayMode(BMDDisplayMode mode, IDeckLinkDisplayMode **out) override
    {
        const SimMode *m = FindMode(mode);
        if (m == nullptr) {
            *out = nullptr;
            return E_INVALIDARG;
        }
        *out = new SimDisplayMode(*m);
        return S_OK;
    }
    HRESULT GetDisplayModeIterator(IDeckLinkDisplayModeIterator **it) override
    {
        *it = new SimModeIterator();
        return S_OK;
    }
    HRESULT SetScreenPreviewCallback(IDeckLinkScreenPreviewCallback *) { return S_OK; }
    HRESULT SetScreenPreviewCallback(IDeckLinkScreenPreviewCallback_v14_2_1 *) { return S_OK; }
    HRESULT EnableVideoInput(BMDDisplayMode mode, BMDPixelFormat format, BMDVideoInputFlags flags) override
    {
        const SimMode *m = FindMode(mode);
        if (m == nullptr || !SupportsFormat(*m, format, true)) {
            return E_INVALIDARG;
        }
        std::lock_guard<std::mutex> lock(_d.m);
        InputState &in = _d.in;
        if (in.owner != nullptr && in.owner != this) {
            return E_ACCESSDENIED; // another input object has the device
        }
        if (in.owner == this && in.state == StreamState::Running) {
            return E_ACCESSDENIED; // re-enable only while stopped or paused (the SDK capture sample pauses first)
        }
        in.owner = this;
        in.generation = Gen;
        in.mode = mode;
        in.format = format;
        in.flags = flags;
        in.notifiedMode = 0;
        // Twelve capture buffers: more than the shim lets the application hold (8), so that a slow consumer
        // meets the shim's limit first; the simulator drops (and counts) only when even these are all in use.
        in.pool = std::make_shared<BufferPool>(12, static_cast<size_t>(RowBytesFor(format, m->width)) * m->height);
        _d.stats.inputEnabled = 1;
        _d.stats.inputGeneration = Gen;
        _d.stats.inputMode = mode;
        _d.stats.inputPixelFormat = format;
        return S_OK;
    }
    HRESULT EnableVideoInputWithAllocatorProvider(BMDDisplayMode, BMDPixelFormat, BMDVideoInputFlags,
                                                  IDeckLinkVideoBufferAllocatorProvider *)
    {
        return E_NOTIMPL;
    }
    HRESULT EnableVideoInputWithAllocatorProvider(BMDDisplayMode, BMDPixelFormat, BMDVideoInputFlags,
                                                  IDeckLinkVideoBufferAllocatorProvider_v15_3_1 *)
    {
        return E_NOTIMPL;
    }
    HRESULT SetVideoInputFrameMemoryAllocator(IDeckLinkMemoryAllocator_v14_2_1 *) { return E_NOTIMPL; }
    HRESULT DisableVideoInput() override
    {
        std::unique_lock<std::mutex> lock(_d.m);
        if (_d.in.owner != this) {
            return S_OK;
        }
        StopInputThread(_d, lock);
        Disable(lock);
        return S_OK;
    }
    HRESULT GetAvailableVideoFrameCount(uint32_t *count) override
    {
        *count = 0;
        return S_OK;
    }
    HRESULT EnableAudioInput(BMDAudioSampleRate, BMDAudioSampleType, uint32_t) override { return E_NOTIMPL; }
    HRESULT DisableAudioInput() override { return S_OK; }
    HRESULT GetAvailableAudioSampleFrameCount(uint32_t *count) override
    {
        *count = 0;
        return S_OK;
    }
    HRESULT StartStreams() override
    {
        std::lock_guard<std::mutex> lock(_d.m);
        InputState &in = _d.in;
        if (in.owner != this) {
            return E_ACCESSDENIED; // not enabled
        }
        in.state = StreamState::Running;
        in.t0 = Clock::now();
        in.tick = 0;
        if (!in.threadRunning) {
            if (in.thread.joinable()) {
                in.thread.join();
            }
            in.stopRequested = false;
            in.threadRunning = true;
            in.thread = std::thread(InputThread, &_d);
        }
        _d.cv.notify_all();
        return S_OK;
    }
    HRESULT StopStreams() override
    {
        std::unique_lock<std::mutex> lock(_d.m);
        if (_d.in.owner != this) {
            return S_OK;
        }
        _d.in.state = StreamState::Stopped;
        StopInputThread(_d, lock);
        return S_OK;
    }
    HRESULT PauseStreams() override
    {
        std::lock_guard<std::mutex> lock(_d.m);
        if (_d.in.owner == this && _d.in.state == StreamState::Running) {
            _d.in.state = StreamState::Paused;
        }
        return S_OK;
    }
    HRESULT FlushStreams() override { return S_OK; } // frames are delivered as they are captured; nothing queued
    HRESULT SetCallback(CallbackIface *callback) override
    {
        IUnknown *typed = nullptr;
        if (callback != nullptr) {
            void *p = nullptr;
            // The driver asks the application's object for the callback interface of its generation.
            HRESULT hr = callback->QueryInterface(_callbackIid, &p);
            if (!Succeeded(hr) || p == nullptr) {
                return E_NOINTERFACE;
            }
            typed = static_cast<CallbackIface *>(p);
        }
        std::lock_guard<std::mutex> lock(_d.m);
        IUnknown *old = _d.in.callback;
        _d.in.callback = typed;
        _d.cv.notify_all();
        if (old != nullptr) {
            old->Release();
        }
        return S_OK;
    }
    HRESULT GetHardwareReferenceClock(BMDTimeScale scale, BMDTimeValue *hardwareTime, BMDTimeValue *timeInFrame,
                                      BMDTimeValue *ticksPerFrame) override
    {
        *hardwareTime = static_cast<BMDTimeValue>(static_cast<__int128>(NowNs()) * scale / 1000000000);
        *timeInFrame = 0;
        *ticksPerFrame = 0;
        return S_OK;
    }

private:
    void Disable(std::unique_lock<std::mutex> &)
    {
        InputState &in = _d.in;
        if (in.callback != nullptr) {
            in.callback->Release();
            in.callback = nullptr;
        }
        in.owner = nullptr;
        in.state = StreamState::Stopped;
        in.pool.reset();
        in.generation = 0;
        _d.stats.inputEnabled = 0;
        _d.stats.inputMode = 0;
    }

    SimDevice &_d;
    REFIID _iid;
    REFIID _callbackIid;
};

template <class OutputIface, class MutableIface, class FrameIface, class CallbackIface, class FrameClass, int32_t Gen>
class SimOutput final : public OutputIface, public Counted {
public:
    SimOutput(SimDevice &d, const REFIID &iid, const REFIID &callbackIid) : _d(d), _iid(iid), _callbackIid(callbackIid) {}
    ~SimOutput() override
    {
        std::unique_lock<std::mutex> lock(_d.m);
        if (_d.out.owner == this) {
            StopOutputThreads(_d, lock);
            Disable();
        }
    }
    HRESULT QueryInterface(REFIID iid, void **ppv) override
    {
        if (ppv == nullptr) {
            return E_POINTER;
        }
        if (SameIid(iid, IID_IUnknown) || SameIid(iid, _iid)) {
            return Answer(static_cast<OutputIface *>(this), ppv);
        }
        *ppv = nullptr;
        return E_NOINTERFACE;
    }
    SIM_REFCOUNT
    HRESULT DoesSupportVideoMode(BMDVideoConnection connection, BMDDisplayMode requestedMode, BMDPixelFormat format,
                                 BMDVideoOutputConversionMode, BMDSupportedVideoModeFlags, BMDDisplayMode *actualMode,
                                 bool *supported) override
    {
        if (supported == nullptr) {
            return E_POINTER;
        }
        const SimMode *m = FindMode(requestedMode);
        *supported = m != nullptr && (connection == bmdVideoConnectionUnspecified || connection == bmdVideoConnectionSDI) &&
                     (format == bmdFormatUnspecified || SupportsFormat(*m, format, false));
        if (actualMode != nullptr) {
            *actualMode = *supported ? requestedMode : bmdModeUnknown;
        }
        return S_OK;
    }
    HRESULT GetDisplayMode(BMDDisplayMode mode, IDeckLinkDisplayMode **out) override
    {
        const SimMode *m = FindMode(mode);
        if (m == nullptr) {
            *out = nullptr;
            return E_INVALIDARG;
        }
        *out = new SimDisplayMode(*m);
        return S_OK;
    }
    HRESULT GetDisplayModeIterator(IDeckLinkDisplayModeIterator **it) override
    {
        *it = new SimModeIterator();
        return S_OK;
    }
    HRESULT SetScreenPreviewCallback(IDeckLinkScreenPreviewCallback *) { return S_OK; }
    HRESULT SetScreenPreviewCallback(IDeckLinkScreenPreviewCallback_v14_2_1 *) { return S_OK; }
    HRESULT EnableVideoOutput(BMDDisplayMode mode, BMDVideoOutputFlags flags) override
    {
        if (FindMode(mode) == nullptr) {
            return E_INVALIDARG;
        }
        std::lock_guard<std::mutex> lock(_d.m);
        if (_d.out.owner != nullptr && _d.out.owner != this) {
            return E_ACCESSDENIED;
        }
        if (_d.out.running) {
            return E_ACCESSDENIED;
        }
        _d.out.owner = this;
        _d.out.generation = Gen;
        _d.out.mode = mode;
        _d.out.flags = flags;
        _d.stats.outputEnabled = 1;
        _d.stats.outputGeneration = Gen;
        _d.stats.outputMode = mode;
        _d.stats.outputRP188Enabled = (flags & bmdVideoOutputRP188) != 0 ? 1 : 0;
        return S_OK;
    }
    HRESULT DisableVideoOutput() override
    {
        std::unique_lock<std::mutex> lock(_d.m);
        if (_d.out.owner != this) {
            return S_OK;
        }
        StopOutputThreads(_d, lock);
        Disable();
        return S_OK;
    }
    HRESULT SetVideoOutputFrameMemoryAllocator(IDeckLinkMemoryAllocator_v14_2_1 *) { return E_NOTIMPL; }
    HRESULT CreateVideoFrame(int32_t width, int32_t height, int32_t rowBytes, BMDPixelFormat format, BMDFrameFlags flags,
                             MutableIface **outFrame) override
    {
        if (outFrame == nullptr) {
            return E_POINTER;
        }
        *outFrame = nullptr;
        int32_t minimum = RowBytesFor(format, width);
        if (width <= 0 || height <= 0 || minimum == 0 || rowBytes < minimum) {
            return E_INVALIDARG;
        }
        auto *f = new FrameClass();
        f->_d.width = width;
        f->_d.height = height;
        f->_d.rowBytes = rowBytes;
        f->_d.format = format;
        f->_d.flags = flags;
        f->_d.own.reset(new uint8_t[static_cast<size_t>(rowBytes) * static_cast<size_t>(height)]());
        f->_d.bytes = f->_d.own.get();
        *outFrame = f;
        return S_OK;
    }
    HRESULT CreateVideoFrameWithBuffer(int32_t, int32_t, int32_t, BMDPixelFormat, BMDFrameFlags, IDeckLinkVideoBuffer *,
                                       IDeckLinkMutableVideoFrame **)
    {
        return E_NOTIMPL;
    }
    HRESULT CreateVideoFrameWithBuffer(int32_t, int32_t, int32_t, BMDPixelFormat, BMDFrameFlags,
                                       IDeckLinkVideoBuffer_v15_3_1 *, IDeckLinkMutableVideoFrame **)
    {
        return E_NOTIMPL;
    }
    HRESULT RowBytesForPixelFormat(BMDPixelFormat format, int32_t width, int32_t *rowBytes)
    {
        *rowBytes = RowBytesFor(format, width);
        return *rowBytes > 0 ? S_OK : E_INVALIDARG;
    }
    HRESULT CreateAncillaryData(BMDPixelFormat, IDeckLinkVideoFrameAncillary **out) override
    {
        *out = nullptr;
        return E_NOTIMPL;
    }
    HRESULT DisplayVideoFrameSync(FrameIface *) override { return E_NOTIMPL; }
    HRESULT ScheduleVideoFrame(FrameIface *frame, BMDTimeValue displayTime, BMDTimeValue displayDuration,
                               BMDTimeScale timeScale) override
    {
        if (frame == nullptr) {
            return E_POINTER;
        }
        if (timeScale <= 0 || displayDuration <= 0) {
            return E_INVALIDARG;
        }
        std::lock_guard<std::mutex> lock(_d.m);
        if (_d.out.owner != this) {
            return E_ACCESSDENIED; // output not enabled
        }
        const SimMode *mode = FindMode(_d.out.mode);
        ScheduledFrame s;
        s.frame = frame;
        s.displayTime = displayTime * mode->timeScale / timeScale;
        frame->AddRef();
        auto it = _d.out.scheduled.begin();
        while (it != _d.out.scheduled.end() && it->displayTime <= s.displayTime) {
            ++it;
        }
        _d.out.scheduled.insert(it, s);
        ++_d.stats.outputScheduled;
        return S_OK;
    }
    HRESULT SetScheduledFrameCompletionCallback(CallbackIface *callback) override
    {
        IUnknown *typed = nullptr;
        if (callback != nullptr) {
            void *p = nullptr;
            HRESULT hr = callback->QueryInterface(_callbackIid, &p);
            if (!Succeeded(hr) || p == nullptr) {
                return E_NOINTERFACE;
            }
            typed = static_cast<CallbackIface *>(p);
        }
        std::lock_guard<std::mutex> lock(_d.m);
        IUnknown *old = _d.out.callback;
        _d.out.callback = typed;
        if (old != nullptr) {
            old->Release();
        }
        return S_OK;
    }
    HRESULT GetBufferedVideoFrameCount(uint32_t *count) override
    {
        std::lock_guard<std::mutex> lock(_d.m);
        *count = static_cast<uint32_t>(_d.out.scheduled.size());
        return S_OK;
    }
    HRESULT EnableAudioOutput(BMDAudioSampleRate, BMDAudioSampleType, uint32_t, BMDAudioOutputStreamType) override
    {
        return E_NOTIMPL;
    }
    HRESULT DisableAudioOutput() override { return S_OK; }
    HRESULT WriteAudioSamplesSync(void *, uint32_t, uint32_t *) override { return E_NOTIMPL; }
    HRESULT BeginAudioPreroll() override { return E_NOTIMPL; }
    HRESULT EndAudioPreroll() override { return E_NOTIMPL; }
    HRESULT ScheduleAudioSamples(void *, uint32_t, BMDTimeValue, BMDTimeScale, uint32_t *) override { return E_NOTIMPL; }
    HRESULT GetBufferedAudioSampleFrameCount(uint32_t *count) override
    {
        *count = 0;
        return S_OK;
    }
    HRESULT FlushBufferedAudioSamples() override { return S_OK; }
    HRESULT SetAudioCallback(IDeckLinkAudioOutputCallback *) override { return E_NOTIMPL; }
    HRESULT StartScheduledPlayback(BMDTimeValue startTime, BMDTimeScale timeScale, double speed) override
    {
        std::lock_guard<std::mutex> lock(_d.m);
        OutputState &out = _d.out;
        if (out.owner != this || timeScale <= 0 || speed != 1.0) {
            return out.owner != this ? E_ACCESSDENIED : E_INVALIDARG;
        }
        if (out.running) {
            return E_ACCESSDENIED;
        }
        const SimMode *mode = FindMode(out.mode);
        out.startTime = startTime * mode->timeScale / timeScale;
        out.t0 = Clock::now();
        out.running = true;
        out.stopRequested = false;
        out.completions.clear();
        out.tickThread = std::thread(TickThread, &_d);
        out.callbackThread = std::thread(CallbackThread, &_d);
        return S_OK;
    }
    HRESULT StopScheduledPlayback(BMDTimeValue, BMDTimeValue *actualStopTime, BMDTimeScale) override
    {
        std::unique_lock<std::mutex> lock(_d.m);
        if (_d.out.owner != this) {
            return E_ACCESSDENIED;
        }
        if (actualStopTime != nullptr) {
            *actualStopTime = 0;
        }
        StopOutputThreads(_d, lock); // stops now (stopPlaybackAtTime 0 means immediately)
        return S_OK;
    }
    HRESULT IsScheduledPlaybackRunning(bool *active) override
    {
        std::lock_guard<std::mutex> lock(_d.m);
        *active = _d.out.running;
        return S_OK;
    }
    HRESULT GetScheduledStreamTime(BMDTimeScale scale, BMDTimeValue *streamTime, double *speed) override
    {
        std::lock_guard<std::mutex> lock(_d.m);
        const OutputState &out = _d.out;
        if (!out.running || scale <= 0) {
            *streamTime = 0;
            *speed = 0;
            return out.running ? E_INVALIDARG : S_OK;
        }
        const SimMode *mode = FindMode(out.mode);
        int64_t elapsedNs = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - out.t0).count();
        __int128 start = static_cast<__int128>(out.startTime) * scale / mode->timeScale;
        *streamTime = static_cast<BMDTimeValue>(start + static_cast<__int128>(elapsedNs) * scale / 1000000000);
        *speed = 1.0;
        return S_OK;
    }
    HRESULT GetReferenceStatus(BMDReferenceStatus *status) override
    {
        *status = bmdReferenceUnlocked; // no reference signal connected
        return S_OK;
    }
    HRESULT GetHardwareReferenceClock(BMDTimeScale scale, BMDTimeValue *hardwareTime, BMDTimeValue *timeInFrame,
                                      BMDTimeValue *ticksPerFrame) override
    {
        *hardwareTime = static_cast<BMDTimeValue>(static_cast<__int128>(NowNs()) * scale / 1000000000);
        *timeInFrame = 0;
        *ticksPerFrame = 0;
        return S_OK;
    }
    HRESULT GetFrameCompletionReferenceTimestamp(FrameIface *, BMDTimeScale, BMDTimeValue *) override { return E_NOTIMPL; }

private:
    void Disable()
    {
        OutputState &out = _d.out;
        for (auto &s : out.scheduled) {
            s.frame->Release();
        }
        out.scheduled.clear();
        for (auto &c : out.completions) {
            if (c.frame != nullptr) {
                c.frame->Release();
            }
        }
        out.completions.clear();
        if (out.onScreen.frame != nullptr) {
            out.onScreen.frame->Release();
            out.onScreen = ScheduledFrame{};
        }
        if (out.callback != nullptr) {
            out.callback->Release();
            out.callback = nullptr;
        }
        out.owner = nullptr;
        out.generation = 0;
        _d.stats.outputEnabled = 0;
        _d.stats.outputMode = 0;
    }

    SimDevice &_d;
    REFIID _iid;
    REFIID _callbackIid;
};

using Input16 = SimInput<IDeckLinkInput, IDeckLinkInputCallback, kGen16>;
using Input15 = SimInput<IDeckLinkInput_v15_3_1, IDeckLinkInputCallback, kGen15>;
using Input14 = SimInput<IDeckLinkInput_v14_2_1, IDeckLinkInputCallback_v14_2_1, kGen14>;
using Output16 = SimOutput<IDeckLinkOutput, IDeckLinkMutableVideoFrame, IDeckLinkVideoFrame, IDeckLinkVideoOutputCallback,
                           SimOutputFrame16, kGen16>;
using Output15 = SimOutput<IDeckLinkOutput_v15_3_1, IDeckLinkMutableVideoFrame, IDeckLinkVideoFrame,
                           IDeckLinkVideoOutputCallback, SimOutputFrame16, kGen15>;
using Output14 = SimOutput<IDeckLinkOutput_v14_2_1, IDeckLinkMutableVideoFrame_v14_2_1, IDeckLinkVideoFrame_v14_2_1,
                           IDeckLinkVideoOutputCallback_v14_2_1, SimOutputFrame14, kGen14>;

class SimDeckLink final : public IDeckLink, public Counted {
public:
    explicit SimDeckLink(int index) : _index(index) {}
    HRESULT QueryInterface(REFIID iid, void **ppv) override
    {
        if (ppv == nullptr) {
            return E_POINTER;
        }
        *ppv = nullptr;
        SimDevice &d = g_devices[_index];
        if (SameIid(iid, IID_IUnknown) || SameIid(iid, IID_IDeckLink)) {
            return Answer(static_cast<IDeckLink *>(this), ppv);
        }
        if (SameIid(iid, IID_IDeckLinkProfileAttributes) && Answers16()) {
            *ppv = static_cast<IDeckLinkProfileAttributes *>(
                new SimAttributes<IDeckLinkProfileAttributes, true>(_index, IID_IDeckLinkProfileAttributes));
            return S_OK;
        }
        if (SameIid(iid, IID_IDeckLinkProfileAttributes_v15_3_1)) {
            *ppv = static_cast<IDeckLinkProfileAttributes_v15_3_1 *>(
                new SimAttributes<IDeckLinkProfileAttributes_v15_3_1, false>(_index, IID_IDeckLinkProfileAttributes_v15_3_1));
            return S_OK;
        }
        if (SameIid(iid, IID_IDeckLinkInput) && Answers16()) {
            *ppv = static_cast<IDeckLinkInput *>(new Input16(d, IID_IDeckLinkInput, IID_IDeckLinkInputCallback));
            return S_OK;
        }
        if (SameIid(iid, IID_IDeckLinkInput_v15_3_1) && Answers15()) {
            *ppv = static_cast<IDeckLinkInput_v15_3_1 *>(new Input15(d, IID_IDeckLinkInput_v15_3_1, IID_IDeckLinkInputCallback));
            return S_OK;
        }
        if (SameIid(iid, IID_IDeckLinkInput_v14_2_1)) {
            *ppv = static_cast<IDeckLinkInput_v14_2_1 *>(
                new Input14(d, IID_IDeckLinkInput_v14_2_1, IID_IDeckLinkInputCallback_v14_2_1));
            return S_OK;
        }
        if (SameIid(iid, IID_IDeckLinkOutput) && Answers16()) {
            *ppv = static_cast<IDeckLinkOutput *>(new Output16(d, IID_IDeckLinkOutput, IID_IDeckLinkVideoOutputCallback));
            return S_OK;
        }
        if (SameIid(iid, IID_IDeckLinkOutput_v15_3_1) && Answers15()) {
            *ppv = static_cast<IDeckLinkOutput_v15_3_1 *>(
                new Output15(d, IID_IDeckLinkOutput_v15_3_1, IID_IDeckLinkVideoOutputCallback));
            return S_OK;
        }
        if (SameIid(iid, IID_IDeckLinkOutput_v14_2_1)) {
            *ppv = static_cast<IDeckLinkOutput_v14_2_1 *>(
                new Output14(d, IID_IDeckLinkOutput_v14_2_1, IID_IDeckLinkVideoOutputCallback_v14_2_1));
            return S_OK;
        }
        return E_NOINTERFACE;
    }
    SIM_REFCOUNT
    HRESULT GetModelName(const char **name) override
    {
        *name = Dup("DeckLink Simulator");
        return S_OK;
    }
    HRESULT GetDisplayName(const char **name) override
    {
        *name = Dup(g_devices[_index].DisplayName());
        return S_OK;
    }

private:
    int _index;
};

class SimIterator final : public IDeckLinkIterator, public Counted {
public:
    HRESULT QueryInterface(REFIID iid, void **ppv) override
    {
        if (ppv == nullptr) {
            return E_POINTER;
        }
        if (SameIid(iid, IID_IUnknown) || SameIid(iid, IID_IDeckLinkIterator)) {
            return Answer(static_cast<IDeckLinkIterator *>(this), ppv);
        }
        *ppv = nullptr;
        return E_NOINTERFACE;
    }
    SIM_REFCOUNT
    HRESULT Next(IDeckLink **deckLink) override
    {
        if (deckLink == nullptr) {
            return E_POINTER;
        }
        if (_next >= 2) {
            *deckLink = nullptr;
            return S_FALSE;
        }
        *deckLink = new SimDeckLink(_next++);
        return S_OK;
    }

private:
    int _next = 0;
};

class SimApiInformation final : public IDeckLinkAPIInformation, public Counted {
public:
    HRESULT QueryInterface(REFIID iid, void **ppv) override
    {
        if (ppv == nullptr) {
            return E_POINTER;
        }
        if (SameIid(iid, IID_IUnknown) || SameIid(iid, IID_IDeckLinkAPIInformation)) {
            return Answer(static_cast<IDeckLinkAPIInformation *>(this), ppv);
        }
        *ppv = nullptr;
        return E_NOINTERFACE;
    }
    SIM_REFCOUNT
    HRESULT GetFlag(BMDDeckLinkAPIInformationID, bool *) override { return E_INVALIDARG; }
    HRESULT GetInt(BMDDeckLinkAPIInformationID id, int64_t *value) override
    {
        if (id != BMDDeckLinkAPIVersion) {
            return E_INVALIDARG;
        }
        *value = g_apiVersion.load();
        return S_OK;
    }
    HRESULT GetFloat(BMDDeckLinkAPIInformationID, double *) override { return E_INVALIDARG; }
    HRESULT GetString(BMDDeckLinkAPIInformationID id, const char **value) override
    {
        if (id != BMDDeckLinkAPIVersion) {
            return E_INVALIDARG;
        }
        int64_t v = g_apiVersion.load();
        char buf[32];
        if (((v >> 8) & 0xFF) != 0) {
            std::snprintf(buf, sizeof buf, "%d.%d.%d", static_cast<int>((v >> 24) & 0xFF), static_cast<int>((v >> 16) & 0xFF),
                          static_cast<int>((v >> 8) & 0xFF));
        } else {
            std::snprintf(buf, sizeof buf, "%d.%d", static_cast<int>((v >> 24) & 0xFF), static_cast<int>((v >> 16) & 0xFF));
        }
        *value = Dup(buf);
        return S_OK;
    }
};

void ResetAll()
{
    for (int i = 0; i < 2; ++i) {
        SimDevice &d = g_devices[i];
        std::lock_guard<std::mutex> lock(d.m);
        d.index = i;
        d.signal = SignalState{};
        ResetTimecodeBase(d);
        LgDeckLinkSimStats fresh{};
        fresh.inputEnabled = d.stats.inputEnabled;
        fresh.outputEnabled = d.stats.outputEnabled;
        fresh.inputGeneration = d.stats.inputGeneration;
        fresh.outputGeneration = d.stats.outputGeneration;
        fresh.inputMode = d.stats.inputMode;
        fresh.outputMode = d.stats.outputMode;
        fresh.inputPixelFormat = d.stats.inputPixelFormat;
        d.stats = fresh;
        d.records = Records{};
    }
}

struct Startup {
    Startup()
    {
        ResetAll();
        if (int64_t v = ParseVersion(std::getenv("LIVEGRADE_DECKLINK_SIM_VERSION")); v != 0) {
            g_apiVersion.store(v);
        }
    }
} g_startup;

SimDevice *DeviceAt(int32_t index) { return index >= 0 && index < 2 ? &g_devices[index] : nullptr; }

} // namespace
} // namespace lgsim

using namespace lgsim;

// ---- factory symbols (fact sheet §2): plain C, void* (void), one reference ----
SIM_EXPORT void *CreateDeckLinkIteratorInstance_0004(void) { return static_cast<IDeckLinkIterator *>(new SimIterator()); }
SIM_EXPORT void *CreateDeckLinkAPIInformationInstance_0001(void)
{
    return static_cast<IDeckLinkAPIInformation *>(new SimApiInformation());
}

// ---- controls ----
SIM_EXPORT void LgDeckLinkSim_Reset(void)
{
    g_apiVersion.store(ApiVersion(16, 0, 0));
    ResetAll();
}

SIM_EXPORT void LgDeckLinkSim_SetApiVersion(int64_t versionCode) { g_apiVersion.store(versionCode); }

SIM_EXPORT int32_t LgDeckLinkSim_SetInputSignal(int32_t device, uint32_t displayMode, int32_t present)
{
    SimDevice *d = DeviceAt(device);
    if (d == nullptr || FindMode(displayMode) == nullptr) {
        return -1;
    }
    std::lock_guard<std::mutex> lock(d->m);
    bool changed = d->signal.mode != displayMode;
    d->signal.mode = displayMode;
    d->signal.present = present != 0;
    if (changed) {
        ResetTimecodeBase(*d);
    }
    d->cv.notify_all();
    return 0;
}

SIM_EXPORT int32_t LgDeckLinkSim_SetInputColor(int32_t device, uint32_t detectedFlags, uint32_t colorspace, int64_t eotf,
                                               double maxCll, double maxFall, double maxMasteringLuminance,
                                               double minMasteringLuminance)
{
    SimDevice *d = DeviceAt(device);
    if (d == nullptr) {
        return -1;
    }
    std::lock_guard<std::mutex> lock(d->m);
    d->signal.detected = detectedFlags;
    d->signal.colorspace = colorspace;
    d->signal.eotf = eotf;
    d->signal.maxCll = maxCll;
    d->signal.maxFall = maxFall;
    d->signal.maxMastering = maxMasteringLuminance;
    d->signal.minMastering = minMasteringLuminance;
    return 0;
}

SIM_EXPORT int32_t LgDeckLinkSim_GetStats(int32_t device, LgDeckLinkSimStats *outStats)
{
    SimDevice *d = DeviceAt(device);
    if (d == nullptr || outStats == nullptr) {
        return -1;
    }
    std::lock_guard<std::mutex> lock(d->m);
    *outStats = d->stats;
    return 0;
}

SIM_EXPORT int32_t LgDeckLinkSim_GetOutputRecords(int32_t device, uint32_t *timecodes, uint32_t *firstWords, int32_t maxCount)
{
    SimDevice *d = DeviceAt(device);
    if (d == nullptr || maxCount < 0) {
        return -1;
    }
    std::lock_guard<std::mutex> lock(d->m);
    size_t n = std::min(d->records.timecodes.size(), static_cast<size_t>(maxCount));
    size_t first = d->records.timecodes.size() - n;
    for (size_t i = 0; i < n; ++i) {
        if (timecodes != nullptr) {
            timecodes[i] = d->records.timecodes[first + i];
        }
        if (firstWords != nullptr) {
            firstWords[i] = d->records.firstWords[first + i];
        }
    }
    return static_cast<int32_t>(n);
}

SIM_EXPORT int32_t LgDeckLinkSim_StatsSize(void) { return static_cast<int32_t>(sizeof(LgDeckLinkSimStats)); }
SIM_EXPORT int64_t LgDeckLinkSim_LiveObjects(void) { return g_liveObjects.load(); }
SIM_EXPORT int64_t LgDeckLinkSim_OpenBufferAccesses(void) { return g_openBufferAccesses.load(); }
