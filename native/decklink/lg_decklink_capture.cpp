// Capture: enable an input, hand every frame to the caller without copying (the caller holds an AddRef'd
// driver frame until LgDeckLink_ReleaseFrame), read RP188 timecode and HDR/colourspace metadata, and follow
// detected format changes the way the SDK's capture sample does (pause, re-enable, flush, restart).
#include "shim_internal.h"

#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>

using namespace lgshim;

struct LgDeckLinkFrame {
    LgDeckLinkCapture *owner = nullptr;
    IUnknown *frame = nullptr;                     // the driver frame, AddRef'd while held
    IDeckLinkVideoBuffer *buffer16 = nullptr;      // 16.0: read access open while held
    IDeckLinkVideoBuffer_v15_3_1 *buffer15 = nullptr; // 14.3..15.3: read access open while held
    std::atomic<bool> inUse{false};
};

struct LgDeckLinkCapture {
    std::atomic<int> refs{1}; // the caller's handle + one per held frame
    LgDeckLinkDriver *driver = nullptr;
    int32_t generation = 0;
    std::unique_ptr<InputPort> port;
    LgDeckLinkCaptureConfig config{};
    LgDeckLinkFrameCallback onFrame = nullptr;
    LgDeckLinkInputChangeCallback onInputChange = nullptr;
    void *user = nullptr;
    std::unique_ptr<LgDeckLinkFrame[]> slots;
    int32_t slotCount = 0;

    // Current mode: written on the capture thread (format change), read there and by stats.
    std::atomic<uint32_t> displayMode{0};
    std::atomic<int64_t> frameDuration{0};
    std::atomic<int64_t> timeScale{1};

    // Callback gate (see LgDeckLink_CaptureStop): Dekker-style with sequentially consistent atomics.
    std::atomic<bool> callbacksEnabled{false};
    std::atomic<int> activeCallbacks{0};

    std::mutex controlMutex;
    bool stopped = false;

    std::atomic<uint64_t> framesArrived{0}, framesDelivered{0}, noSignalFrames{0}, droppedAllHeld{0},
        droppedNoAccess{0}, formatChanges{0};
    std::atomic<int64_t> framesHeld{0};

    // Sequence numbering (capture thread only).
    bool haveSequence = false;
    bool restarted = true;
    int64_t lastStreamIndex = 0;
    uint64_t lastSequence = 0;

    void Ref() { ++refs; }
    void Unref()
    {
        if (--refs == 0) {
            port.reset();
            driver->Unref();
            delete this;
        }
    }

    LgDeckLinkFrame *AcquireSlot()
    {
        for (int32_t i = 0; i < slotCount; ++i) {
            bool expected = false;
            if (slots[i].inUse.compare_exchange_strong(expected, true)) {
                return &slots[i];
            }
        }
        return nullptr;
    }
};

namespace {

class CallbackScope {
public:
    explicit CallbackScope(LgDeckLinkCapture *s) : _s(s)
    {
        _s->activeCallbacks.fetch_add(1);
        _enabled = _s->callbacksEnabled.load();
    }
    ~CallbackScope() { _s->activeCallbacks.fetch_sub(1); }
    bool Enabled() const { return _enabled; }

private:
    LgDeckLinkCapture *_s;
    bool _enabled;
};

void ReleaseSlot(LgDeckLinkFrame *slot)
{
    if (slot->buffer16 != nullptr) {
        slot->buffer16->EndAccess(bmdBufferAccessRead);
        SafeRelease(slot->buffer16);
    }
    if (slot->buffer15 != nullptr) {
        slot->buffer15->EndAccess(bmdBufferAccessRead);
        SafeRelease(slot->buffer15);
    }
    SafeRelease(slot->frame);
    slot->inUse.store(false);
}

template <class Buffer> HRESULT OpenReadAccess(IUnknown *frame, const REFIID &iid, Buffer **out, void **bytes)
{
    void *p = nullptr;
    HRESULT hr = frame->QueryInterface(iid, &p);
    if (!Succeeded(hr) || p == nullptr) {
        return Succeeded(hr) ? E_NOINTERFACE : hr;
    }
    auto *buffer = static_cast<Buffer *>(p);
    hr = buffer->StartAccess(bmdBufferAccessRead);
    if (!Succeeded(hr)) {
        buffer->Release();
        return hr;
    }
    hr = buffer->GetBytes(bytes);
    if (!Succeeded(hr)) {
        buffer->EndAccess(bmdBufferAccessRead);
        buffer->Release();
        return hr;
    }
    *out = buffer;
    return S_OK;
}

void ReadMetadata(IUnknown *frame, LgDeckLinkCapturedFrame &out)
{
    out.hdrEotf = -1;
    void *p = nullptr;
    if (!Succeeded(frame->QueryInterface(IID_IDeckLinkVideoFrameMetadataExtensions, &p)) || p == nullptr) {
        return;
    }
    auto *meta = static_cast<IDeckLinkVideoFrameMetadataExtensions *>(p);
    int64_t value = 0;
    if (Succeeded(meta->GetInt(bmdDeckLinkFrameMetadataColorspace, &value))) {
        out.colorspace = static_cast<uint32_t>(value);
    }
    if (Succeeded(meta->GetInt(bmdDeckLinkFrameMetadataHDRElectroOpticalTransferFunc, &value))) {
        out.hdrEotf = value;
    }
    if (out.hasHdrMetadata) {
        static constexpr BMDDeckLinkFrameMetadataID primaries[8] = {
            bmdDeckLinkFrameMetadataHDRDisplayPrimariesRedX,   bmdDeckLinkFrameMetadataHDRDisplayPrimariesRedY,
            bmdDeckLinkFrameMetadataHDRDisplayPrimariesGreenX, bmdDeckLinkFrameMetadataHDRDisplayPrimariesGreenY,
            bmdDeckLinkFrameMetadataHDRDisplayPrimariesBlueX,  bmdDeckLinkFrameMetadataHDRDisplayPrimariesBlueY,
            bmdDeckLinkFrameMetadataHDRWhitePointX,            bmdDeckLinkFrameMetadataHDRWhitePointY,
        };
        for (int i = 0; i < 8; ++i) {
            meta->GetFloat(primaries[i], &out.hdrPrimaries[i]);
        }
        meta->GetFloat(bmdDeckLinkFrameMetadataHDRMaxDisplayMasteringLuminance, &out.hdrMaxMasteringLuminance);
        meta->GetFloat(bmdDeckLinkFrameMetadataHDRMinDisplayMasteringLuminance, &out.hdrMinMasteringLuminance);
        meta->GetFloat(bmdDeckLinkFrameMetadataHDRMaximumContentLightLevel, &out.hdrMaxCll);
        meta->GetFloat(bmdDeckLinkFrameMetadataHDRMaximumFrameAverageLightLevel, &out.hdrMaxFall);
    }
    meta->Release();
}

template <class FrameT> HRESULT HandleFrame(LgDeckLinkCapture *s, FrameT *frame)
{
    if (frame == nullptr) {
        return S_OK; // audio-only callback
    }
    CallbackScope scope(s);
    if (!scope.Enabled()) {
        return S_OK;
    }
    s->framesArrived.fetch_add(1);
    LgDeckLinkFrame *slot = s->AcquireSlot();
    if (slot == nullptr) {
        s->droppedAllHeld.fetch_add(1);
        return S_OK;
    }
    frame->AddRef();
    slot->frame = frame;

    void *bytes = nullptr;
    HRESULT hr;
    if constexpr (std::is_same_v<FrameT, IDeckLinkVideoInputFrame_v14_2_1>) {
        hr = frame->GetBytes(&bytes); // 11.6..14.2.1: on the frame
    } else if (s->generation == LG_DECKLINK_API_16_0) {
        hr = OpenReadAccess(frame, IID_IDeckLinkVideoBuffer, &slot->buffer16, &bytes);
    } else {
        hr = OpenReadAccess(frame, IID_IDeckLinkVideoBuffer_v15_3_1, &slot->buffer15, &bytes);
    }
    if (!Succeeded(hr)) {
        s->droppedNoAccess.fetch_add(1);
        ReleaseSlot(slot);
        return S_OK;
    }

    LgDeckLinkCapturedFrame out{};
    out.bytes = static_cast<const uint8_t *>(bytes);
    out.frame = slot;
    out.width = static_cast<int32_t>(frame->GetWidth());
    out.height = static_cast<int32_t>(frame->GetHeight());
    out.rowBytes = frame->GetRowBytes();
    out.sizeBytes = out.rowBytes * out.height;
    out.pixelFormat = frame->GetPixelFormat();
    out.frameFlags = frame->GetFlags();
    out.noSignal = (out.frameFlags & bmdFrameHasNoInputSource) != 0 ? 1 : 0;
    out.hasHdrMetadata = (out.frameFlags & bmdFrameContainsHDRMetadata) != 0 ? 1 : 0;
    out.displayMode = s->displayMode.load();
    out.frameDuration = s->frameDuration.load();
    out.timeScale = s->timeScale.load();
    BMDTimeValue streamTime = 0, duration = 0;
    if (Succeeded(frame->GetStreamTime(&streamTime, &duration, out.timeScale))) {
        out.streamTime = streamTime;
        if (duration > 0) {
            out.frameDuration = duration;
        }
    }
    BMDTimeValue hwTime = 0, hwDuration = 0;
    if (Succeeded(frame->GetHardwareReferenceTimestamp(1000000000, &hwTime, &hwDuration))) {
        out.hardwareTimeNs = hwTime;
    }
    IDeckLinkTimecode *timecode = nullptr;
    if (!out.noSignal && frame->GetTimecode(s->config.timecodeFormat, &timecode) == S_OK && timecode != nullptr) {
        if (Succeeded(timecode->GetComponents(&out.tcHours, &out.tcMinutes, &out.tcSeconds, &out.tcFrames))) {
            out.hasTimecode = 1;
            out.timecodeBcd = timecode->GetBCD();
            out.timecodeFlags = timecode->GetFlags();
        }
        timecode->Release();
    }
    ReadMetadata(frame, out);
    // Frame number from the driver's stream clock, so that frames the driver itself lost (its buffers were
    // all in use) leave a gap too, not only those dropped here. Stream time restarts with the streams after
    // a format change; the count carries on from the last frame then.
    const int64_t index = out.frameDuration > 0 ? out.streamTime / out.frameDuration : 0;
    const int64_t step = s->restarted || index <= s->lastStreamIndex ? 1 : index - s->lastStreamIndex;
    s->restarted = false;
    s->lastStreamIndex = index;
    out.sequence = s->haveSequence ? s->lastSequence + static_cast<uint64_t>(step) : 0;
    s->haveSequence = true;
    s->lastSequence = out.sequence;

    slot->owner = s;
    s->Ref();
    s->framesHeld.fetch_add(1);
    s->framesDelivered.fetch_add(1);
    if (out.noSignal) {
        s->noSignalFrames.fetch_add(1);
    }
    if (s->onFrame != nullptr) {
        s->onFrame(s->user, &out); // the callee now owns `slot`
    } else {
        LgDeckLink_ReleaseFrame(slot);
    }
    return S_OK;
}

} // namespace

namespace lgshim {

HRESULT CaptureOnFrame(CaptureSession *session, IDeckLinkVideoInputFrame *frame) { return HandleFrame(session, frame); }

HRESULT CaptureOnFrame(CaptureSession *session, IDeckLinkVideoInputFrame_v14_2_1 *frame)
{
    return HandleFrame(session, frame);
}

HRESULT CaptureOnFormatChanged(CaptureSession *s, BMDVideoInputFormatChangedEvents events, IDeckLinkDisplayMode *mode,
                               BMDDetectedVideoInputFormatFlags detected)
{
    CallbackScope scope(s);
    if (!scope.Enabled() || mode == nullptr || !s->config.formatDetection) {
        return S_OK;
    }
    LgDeckLinkInputChange change{};
    change.events = events;
    change.detectedFlags = detected;
    change.displayMode = mode->GetDisplayMode();
    change.width = static_cast<int32_t>(mode->GetWidth());
    change.height = static_cast<int32_t>(mode->GetHeight());
    mode->GetFrameRate(&change.frameDuration, &change.timeScale);
    change.pixelFormat = s->config.pixelFormat;
    change.status = LG_DECKLINK_OK;

    bool restart = (events & (bmdVideoInputDisplayModeChanged | bmdVideoInputFieldDominanceChanged)) != 0 ||
                   change.displayMode != s->displayMode.load();
    if (restart) {
        // The sequence of the SDK's capture sample: pause, re-enable in the new mode, flush, restart.
        std::lock_guard<std::mutex> lock(s->controlMutex);
        s->port->PauseStreams();
        HRESULT hr = s->port->EnableVideoInput(change.displayMode, s->config.pixelFormat, bmdVideoInputEnableFormatDetection);
        s->port->FlushStreams();
        if (Succeeded(hr)) {
            hr = s->port->StartStreams();
        }
        s->restarted = true; // stream time starts again from 0
        if (!Succeeded(hr)) {
            change.status = LG_DECKLINK_ERROR;
        } else {
            s->displayMode.store(change.displayMode);
            s->frameDuration.store(change.frameDuration);
            s->timeScale.store(change.timeScale > 0 ? change.timeScale : 1);
        }
    }
    s->formatChanges.fetch_add(1);
    if (s->onInputChange != nullptr) {
        s->onInputChange(s->user, &change);
    }
    return S_OK;
}

} // namespace lgshim

namespace {

int32_t StartCapture(LgDeckLinkDriver *driver, const LgDeckLinkCaptureConfig *config, LgDeckLinkFrameCallback onFrame,
                     LgDeckLinkInputChangeCallback onInputChange, void *user, LgDeckLinkCapture **outCapture)
{
    if (driver == nullptr || config == nullptr || outCapture == nullptr) {
        return Fail(LG_DECKLINK_ERROR, "CaptureStart: NULL argument");
    }
    *outCapture = nullptr;
    if (config->deviceIndex < 0 || config->deviceIndex >= static_cast<int32_t>(driver->devices.size())) {
        return Fail(LG_DECKLINK_ERROR, "CaptureStart: no DeckLink device " + std::to_string(config->deviceIndex));
    }
    DeviceEntry &device = driver->devices[static_cast<size_t>(config->deviceIndex)];
    if (device.inputGeneration == 0) {
        return Fail(LG_DECKLINK_UNSUPPORTED, device.displayName + " has no video input");
    }
    LgDeckLinkCaptureConfig cfg = *config;
    if (cfg.pixelFormat == 0) {
        cfg.pixelFormat = bmdFormat10BitYUV;
    }
    if (cfg.maxHeldFrames <= 0) {
        cfg.maxHeldFrames = 8;
    }
    if (cfg.timecodeFormat == 0) {
        cfg.timecodeFormat = bmdTimecodeRP188Any;
    }
    const ModeEntry *mode = FindMode(device, LG_DECKLINK_INPUT, cfg.displayMode);
    if (mode == nullptr) {
        return Fail(LG_DECKLINK_UNSUPPORTED, device.displayName + " cannot capture display mode " + FourCCText(cfg.displayMode));
    }
    bool formatOk = false;
    for (int32_t i = 0; i < mode->info.pixelFormatCount; ++i) {
        formatOk = formatOk || mode->info.pixelFormats[i] == cfg.pixelFormat;
    }
    if (!formatOk) {
        return Fail(LG_DECKLINK_UNSUPPORTED, device.displayName + " cannot capture " + mode->name + " in pixel format " +
                                                 FourCCText(cfg.pixelFormat));
    }
    if (cfg.formatDetection && !device.info.supportsFormatDetection) {
        return Fail(LG_DECKLINK_UNSUPPORTED, device.displayName + " does not support input format detection");
    }

    HRESULT hr = S_OK;
    auto port = OpenInputPort(device.deckLink, device.inputGeneration, &hr);
    if (!port) {
        return Fail(LG_DECKLINK_ERROR, device.displayName + ": input interface: " + HresultText(hr));
    }

    auto *s = new LgDeckLinkCapture();
    s->driver = driver;
    driver->Ref();
    s->generation = device.inputGeneration;
    s->port = std::move(port);
    s->config = cfg;
    s->onFrame = onFrame;
    s->onInputChange = onInputChange;
    s->user = user;
    s->slotCount = cfg.maxHeldFrames;
    s->slots = std::make_unique<LgDeckLinkFrame[]>(static_cast<size_t>(cfg.maxHeldFrames));
    s->displayMode.store(cfg.displayMode);
    s->frameDuration.store(mode->info.frameDuration);
    s->timeScale.store(mode->info.timeScale > 0 ? mode->info.timeScale : 1);

    BMDVideoInputFlags flags = cfg.formatDetection ? bmdVideoInputEnableFormatDetection : bmdVideoInputFlagDefault;
    hr = s->port->EnableVideoInput(cfg.displayMode, cfg.pixelFormat, flags);
    if (!Succeeded(hr)) {
        s->Unref();
        return Fail(LG_DECKLINK_ERROR, device.displayName + ": EnableVideoInput(" + mode->name + ", " +
                                           FourCCText(cfg.pixelFormat) + "): " + HresultText(hr));
    }
    s->callbacksEnabled.store(true);
    hr = s->port->SetSession(s);
    if (Succeeded(hr)) {
        hr = s->port->StartStreams();
    }
    if (!Succeeded(hr)) {
        s->callbacksEnabled.store(false);
        s->port->SetSession(nullptr);
        s->port->DisableVideoInput();
        s->Unref();
        return Fail(LG_DECKLINK_ERROR, device.displayName + ": starting capture: " + HresultText(hr));
    }
    *outCapture = s;
    return LG_DECKLINK_OK;
}

int32_t StopCapture(LgDeckLinkCapture *s)
{
    // Close the gate, then wait for callbacks already inside to leave; after that none can reach the caller.
    s->callbacksEnabled.store(false);
    while (s->activeCallbacks.load() != 0) {
        std::this_thread::yield();
    }
    std::lock_guard<std::mutex> lock(s->controlMutex);
    if (s->stopped) {
        return LG_DECKLINK_OK;
    }
    s->stopped = true;
    HRESULT hr = s->port->StopStreams();
    s->port->SetSession(nullptr);
    s->port->DisableVideoInput();
    if (!Succeeded(hr)) {
        return Fail(LG_DECKLINK_ERROR, "StopStreams: " + HresultText(hr));
    }
    return LG_DECKLINK_OK;
}

} // namespace

extern "C" {

int32_t LgDeckLink_CaptureStart(LgDeckLinkDriver *driver, const LgDeckLinkCaptureConfig *config,
                                LgDeckLinkFrameCallback onFrame, LgDeckLinkInputChangeCallback onInputChange, void *user,
                                LgDeckLinkCapture **outCapture)
{
    return Guard("CaptureStart", [&] { return StartCapture(driver, config, onFrame, onInputChange, user, outCapture); });
}

int32_t LgDeckLink_CaptureStop(LgDeckLinkCapture *capture)
{
    if (capture == nullptr) {
        return Fail(LG_DECKLINK_ERROR, "CaptureStop: NULL capture");
    }
    return Guard("CaptureStop", [&] { return StopCapture(capture); });
}

void LgDeckLink_CaptureDestroy(LgDeckLinkCapture *capture)
{
    if (capture == nullptr) {
        return;
    }
    Guard("CaptureDestroy", [&] { return StopCapture(capture); });
    capture->Unref();
}

int32_t LgDeckLink_CaptureGetStats(LgDeckLinkCapture *s, LgDeckLinkCaptureStats *out)
{
    if (s == nullptr || out == nullptr) {
        return Fail(LG_DECKLINK_ERROR, "CaptureGetStats: NULL argument");
    }
    out->framesArrived = s->framesArrived.load();
    out->framesDelivered = s->framesDelivered.load();
    out->noSignalFrames = s->noSignalFrames.load();
    out->droppedAllHeld = s->droppedAllHeld.load();
    out->droppedNoAccess = s->droppedNoAccess.load();
    out->formatChanges = s->formatChanges.load();
    out->framesHeld = s->framesHeld.load();
    return LG_DECKLINK_OK;
}

void LgDeckLink_ReleaseFrame(LgDeckLinkFrame *frame)
{
    if (frame == nullptr || !frame->inUse.load() || frame->owner == nullptr) {
        return;
    }
    LgDeckLinkCapture *owner = frame->owner;
    frame->owner = nullptr;
    ReleaseSlot(frame);
    owner->framesHeld.fetch_sub(1);
    owner->Unref();
}

} // extern "C"
