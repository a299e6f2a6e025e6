// Playout: scheduled playback with preroll. The producer fills driver frames from a fixed pool and
// submits them into a bounded queue; every completion the driver reports schedules exactly one more frame,
// so `prerollFrames` stay ahead of the output. When the producer is late, the last frame is scheduled
// again and counted; the driver's completion results (late, dropped, flushed) are counted too.
#include "shim_internal.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>

using namespace lgshim;

namespace {

enum class BufferState { Free, Acquired, Queued, Scheduled };

struct PoolEntry {
    OutputFrame frame;
    BufferState state = BufferState::Free;
    int32_t inFlight = 0;            // schedules of this frame not yet completed
    bool hasTimecode = false;
};

} // namespace

struct LgDeckLinkPlayout {
    LgDeckLinkDriver *driver = nullptr;
    std::unique_ptr<OutputPort> port;
    LgDeckLinkPlayoutConfig config{};
    LgDeckLinkPlayoutCallback onCompleted = nullptr;
    void *user = nullptr;
    int32_t width = 0, height = 0, rowBytes = 0;
    BMDTimeValue frameDuration = 0;
    BMDTimeScale timeScale = 1;

    std::mutex mutex; // guards everything below
    std::condition_variable stoppedCv;
    std::vector<PoolEntry> pool;
    std::deque<int32_t> queue;       // submitted, not yet scheduled
    int32_t last = -1;               // most recently scheduled frame (repeated when the producer is late)
    BMDTimeValue nextTime = 0;       // display time of the next frame to schedule
    bool running = false;
    bool stopping = false;
    bool playbackStopped = false;
    LgDeckLinkPlayoutStats stats{};

    // Schedules one frame at nextTime: the oldest queued, else the last one again. Caller holds mutex.
    void ScheduleNext()
    {
        int32_t id;
        bool repeat = false;
        if (!queue.empty()) {
            id = queue.front();
            queue.pop_front();
        } else if (last >= 0) {
            id = last;
            repeat = true;
        } else {
            return;
        }
        PoolEntry &e = pool[static_cast<size_t>(id)];
        HRESULT hr = port->Schedule(&e.frame, nextTime, frameDuration, timeScale);
        if (!Succeeded(hr)) {
            ++stats.scheduleErrors;
            if (!repeat) {
                e.state = BufferState::Free;
            }
            return;
        }
        ++stats.scheduled;
        if (repeat) {
            ++stats.repeated;
        }
        e.state = BufferState::Scheduled;
        ++e.inFlight;
        nextTime += frameDuration;
        if (id != last) {
            int32_t previous = last;
            last = id;
            if (previous >= 0) {
                FreeIfIdle(previous);
            }
        }
    }

    void FreeIfIdle(int32_t id)
    {
        PoolEntry &e = pool[static_cast<size_t>(id)];
        if (id != last && e.inFlight == 0 && e.state == BufferState::Scheduled) {
            e.state = BufferState::Free;
        }
    }

    int32_t IndexOf(const void *scheduled) const
    {
        for (size_t i = 0; i < pool.size(); ++i) {
            if (pool[i].frame.scheduleAs == scheduled) {
                return static_cast<int32_t>(i);
            }
        }
        return -1;
    }

    void FillCounts(LgDeckLinkPlayoutStats &out)
    {
        out = stats;
        out.queued = static_cast<int32_t>(queue.size());
        out.inFlight = 0;
        out.freeBuffers = 0;
        for (const auto &e : pool) {
            out.inFlight += e.inFlight;
            out.freeBuffers += e.state == BufferState::Free ? 1 : 0;
        }
        out.running = running ? 1 : 0;
    }
};

namespace lgshim {

HRESULT PlayoutOnCompleted(PlayoutSession *s, const void *frame, BMDOutputFrameCompletionResult result)
{
    LgDeckLinkPlayoutStats snapshot{};
    {
        std::lock_guard<std::mutex> lock(s->mutex);
        switch (result) {
        case bmdOutputFrameCompleted: ++s->stats.completed; break;
        case bmdOutputFrameDisplayedLate: ++s->stats.displayedLate; break;
        case bmdOutputFrameDropped: ++s->stats.dropped; break;
        case bmdOutputFrameFlushed: ++s->stats.flushed; break;
        default: break;
        }
        int32_t id = s->IndexOf(frame);
        if (id >= 0) {
            PoolEntry &e = s->pool[static_cast<size_t>(id)];
            if (e.inFlight > 0) {
                --e.inFlight;
            }
            s->FreeIfIdle(id);
        }
        if (s->running && !s->stopping) {
            if (result == bmdOutputFrameDisplayedLate || result == bmdOutputFrameDropped) {
                // The schedule fell behind the output clock: move it to one frame after "now" so the frames
                // that follow are on time again (instead of every one of them arriving late).
                BMDTimeValue now = 0;
                if (Succeeded(s->port->StreamTime(s->timeScale, &now))) {
                    BMDTimeValue earliest = (now / s->frameDuration + 2) * s->frameDuration;
                    if (s->nextTime < earliest) {
                        s->nextTime = earliest;
                        ++s->stats.resyncs;
                    }
                }
            }
            s->ScheduleNext();
        }
        s->FillCounts(snapshot);
    }
    if (s->onCompleted != nullptr) {
        s->onCompleted(s->user, result, &snapshot);
    }
    return S_OK;
}

HRESULT PlayoutOnStopped(PlayoutSession *s)
{
    std::lock_guard<std::mutex> lock(s->mutex);
    s->playbackStopped = true;
    s->stoppedCv.notify_all();
    return S_OK;
}

} // namespace lgshim

namespace {

int32_t CreatePlayout(LgDeckLinkDriver *driver, const LgDeckLinkPlayoutConfig *config, LgDeckLinkPlayoutCallback onCompleted,
                      void *user, LgDeckLinkPlayout **outPlayout)
{
    if (driver == nullptr || config == nullptr || outPlayout == nullptr) {
        return Fail(LG_DECKLINK_ERROR, "PlayoutCreate: NULL argument");
    }
    *outPlayout = nullptr;
    if (config->deviceIndex < 0 || config->deviceIndex >= static_cast<int32_t>(driver->devices.size())) {
        return Fail(LG_DECKLINK_ERROR, "PlayoutCreate: no DeckLink device " + std::to_string(config->deviceIndex));
    }
    DeviceEntry &device = driver->devices[static_cast<size_t>(config->deviceIndex)];
    if (device.outputGeneration == 0) {
        return Fail(LG_DECKLINK_UNSUPPORTED, device.displayName + " has no video output");
    }
    LgDeckLinkPlayoutConfig cfg = *config;
    if (cfg.pixelFormat == 0) {
        cfg.pixelFormat = bmdFormat10BitYUV;
    }
    if (cfg.prerollFrames <= 0) {
        cfg.prerollFrames = 3;
    }
    if (cfg.queueDepth <= 0) {
        cfg.queueDepth = 3;
    }
    if (cfg.timecodeFormat == 0) {
        cfg.timecodeFormat = bmdTimecodeRP188VITC1;
    }
    const ModeEntry *mode = FindMode(device, LG_DECKLINK_OUTPUT, cfg.displayMode);
    if (mode == nullptr) {
        return Fail(LG_DECKLINK_UNSUPPORTED, device.displayName + " cannot output display mode " + FourCCText(cfg.displayMode));
    }
    bool formatOk = false;
    for (int32_t i = 0; i < mode->info.pixelFormatCount; ++i) {
        formatOk = formatOk || mode->info.pixelFormats[i] == cfg.pixelFormat;
    }
    if (!formatOk) {
        return Fail(LG_DECKLINK_UNSUPPORTED, device.displayName + " cannot output " + mode->name + " in pixel format " +
                                                 FourCCText(cfg.pixelFormat));
    }

    HRESULT hr = S_OK;
    auto port = OpenOutputPort(device.deckLink, device.outputGeneration, &hr);
    if (!port) {
        return Fail(LG_DECKLINK_ERROR, device.displayName + ": output interface: " + HresultText(hr));
    }
    auto s = std::make_unique<LgDeckLinkPlayout>();
    s->port = std::move(port);
    s->config = cfg;
    s->onCompleted = onCompleted;
    s->user = user;
    s->width = mode->info.width;
    s->height = mode->info.height;
    s->frameDuration = mode->info.frameDuration;
    s->timeScale = mode->info.timeScale;
    hr = s->port->RowBytes(cfg.pixelFormat, s->width, &s->rowBytes);
    if (!Succeeded(hr) || s->rowBytes <= 0) {
        return Fail(LG_DECKLINK_ERROR, "row bytes of " + FourCCText(cfg.pixelFormat) + ": " + HresultText(hr));
    }

    hr = s->port->EnableVideoOutput(cfg.displayMode, cfg.writeTimecode ? bmdVideoOutputRP188 : bmdVideoOutputFlagDefault);
    if (!Succeeded(hr)) {
        return Fail(LG_DECKLINK_ERROR, device.displayName + ": EnableVideoOutput(" + mode->name + "): " + HresultText(hr));
    }
    // Pool: preroll frames with the driver + a full queue + one being written + the last one shown.
    size_t poolSize = static_cast<size_t>(cfg.prerollFrames + cfg.queueDepth + 2);
    s->pool.resize(poolSize);
    for (auto &e : s->pool) {
        hr = s->port->CreateFrame(s->width, s->height, s->rowBytes, cfg.pixelFormat, &e.frame);
        if (!Succeeded(hr)) {
            for (auto &created : s->pool) {
                s->port->ReleaseFrame(&created.frame);
            }
            s->port->DisableVideoOutput();
            return Fail(LG_DECKLINK_ERROR, device.displayName + ": CreateVideoFrame: " + HresultText(hr));
        }
    }
    hr = s->port->SetSession(s.get());
    if (!Succeeded(hr)) {
        for (auto &created : s->pool) {
            s->port->ReleaseFrame(&created.frame);
        }
        s->port->DisableVideoOutput();
        return Fail(LG_DECKLINK_ERROR, device.displayName + ": SetScheduledFrameCompletionCallback: " + HresultText(hr));
    }
    s->driver = driver;
    driver->Ref();
    *outPlayout = s.release();
    return LG_DECKLINK_OK;
}

int32_t StopPlayout(LgDeckLinkPlayout *s)
{
    std::unique_lock<std::mutex> lock(s->mutex);
    if (!s->running) {
        return LG_DECKLINK_OK;
    }
    s->stopping = true;
    lock.unlock();
    // Pending frames come back through ScheduledFrameCompleted(flushed), then ScheduledPlaybackHasStopped.
    HRESULT hr = s->port->StopPlayback();
    lock.lock();
    bool confirmed = s->stoppedCv.wait_for(lock, std::chrono::seconds(2), [s] { return s->playbackStopped; });
    s->running = false;
    s->stopping = false;
    lock.unlock();
    s->port->DisableVideoOutput();
    if (!Succeeded(hr)) {
        return Fail(LG_DECKLINK_ERROR, "StopScheduledPlayback: " + HresultText(hr));
    }
    if (!confirmed) {
        return Fail(LG_DECKLINK_ERROR, "the driver did not confirm that scheduled playback stopped within 2 s");
    }
    return LG_DECKLINK_OK;
}

} // namespace

extern "C" {

int32_t LgDeckLink_PlayoutCreate(LgDeckLinkDriver *driver, const LgDeckLinkPlayoutConfig *config,
                                 LgDeckLinkPlayoutCallback onCompleted, void *user, LgDeckLinkPlayout **outPlayout)
{
    return Guard("PlayoutCreate", [&] { return CreatePlayout(driver, config, onCompleted, user, outPlayout); });
}

int32_t LgDeckLink_PlayoutAcquireBuffer(LgDeckLinkPlayout *s, LgDeckLinkPlayoutBuffer *out)
{
    if (s == nullptr || out == nullptr) {
        return Fail(LG_DECKLINK_ERROR, "PlayoutAcquireBuffer: NULL argument");
    }
    std::lock_guard<std::mutex> lock(s->mutex);
    for (size_t i = 0; i < s->pool.size(); ++i) {
        PoolEntry &e = s->pool[i];
        if (e.state != BufferState::Free) {
            continue;
        }
        HRESULT hr = s->port->BeginWrite(&e.frame);
        if (!Succeeded(hr)) {
            return Fail(LG_DECKLINK_ERROR, "opening a playout frame for writing: " + HresultText(hr));
        }
        e.state = BufferState::Acquired;
        out->bytes = e.frame.bytes;
        out->rowBytes = s->rowBytes;
        out->sizeBytes = static_cast<int64_t>(s->rowBytes) * s->height;
        out->id = static_cast<int32_t>(i);
        out->width = s->width;
        out->height = s->height;
        out->pixelFormat = s->config.pixelFormat;
        return LG_DECKLINK_OK;
    }
    return Fail(LG_DECKLINK_BUSY, "no free playout frame (all queued or with the driver)");
}

int32_t LgDeckLink_PlayoutSubmit(LgDeckLinkPlayout *s, int32_t bufferId, const LgDeckLinkTimecodeValue *timecode)
{
    if (s == nullptr) {
        return Fail(LG_DECKLINK_ERROR, "PlayoutSubmit: NULL playout");
    }
    std::lock_guard<std::mutex> lock(s->mutex);
    if (bufferId < 0 || bufferId >= static_cast<int32_t>(s->pool.size()) ||
        s->pool[static_cast<size_t>(bufferId)].state != BufferState::Acquired) {
        return Fail(LG_DECKLINK_ERROR, "PlayoutSubmit: buffer " + std::to_string(bufferId) + " was not acquired");
    }
    PoolEntry &e = s->pool[static_cast<size_t>(bufferId)];
    s->port->EndWrite(&e.frame);
    if (timecode != nullptr && s->config.writeTimecode) {
        HRESULT hr = s->port->SetTimecode(&e.frame, s->config.timecodeFormat, *timecode);
        if (!Succeeded(hr)) {
            e.state = BufferState::Free;
            return Fail(LG_DECKLINK_ERROR, "SetTimecodeFromComponents: " + HresultText(hr));
        }
    }
    e.state = BufferState::Queued;
    s->queue.push_back(bufferId);
    ++s->stats.submitted;
    while (static_cast<int32_t>(s->queue.size()) > s->config.queueDepth) {
        // The producer is ahead of the output: keep the newest frames (lowest latency), drop the oldest.
        int32_t oldest = s->queue.front();
        s->queue.pop_front();
        s->pool[static_cast<size_t>(oldest)].state = BufferState::Free;
        ++s->stats.queueOverflows;
    }
    return LG_DECKLINK_OK;
}

int32_t LgDeckLink_PlayoutCancel(LgDeckLinkPlayout *s, int32_t bufferId)
{
    if (s == nullptr) {
        return Fail(LG_DECKLINK_ERROR, "PlayoutCancel: NULL playout");
    }
    std::lock_guard<std::mutex> lock(s->mutex);
    if (bufferId < 0 || bufferId >= static_cast<int32_t>(s->pool.size()) ||
        s->pool[static_cast<size_t>(bufferId)].state != BufferState::Acquired) {
        return Fail(LG_DECKLINK_ERROR, "PlayoutCancel: buffer " + std::to_string(bufferId) + " was not acquired");
    }
    PoolEntry &e = s->pool[static_cast<size_t>(bufferId)];
    s->port->EndWrite(&e.frame);
    e.state = BufferState::Free;
    return LG_DECKLINK_OK;
}

int32_t LgDeckLink_PlayoutStart(LgDeckLinkPlayout *s)
{
    if (s == nullptr) {
        return Fail(LG_DECKLINK_ERROR, "PlayoutStart: NULL playout");
    }
    std::lock_guard<std::mutex> lock(s->mutex);
    if (s->running) {
        return LG_DECKLINK_OK;
    }
    if (s->queue.empty() && s->last < 0) {
        return Fail(LG_DECKLINK_ERROR, "PlayoutStart: submit at least one frame before starting (preroll)");
    }
    s->nextTime = 0;
    s->playbackStopped = false;
    for (int32_t i = 0; i < s->config.prerollFrames; ++i) {
        s->ScheduleNext();
    }
    HRESULT hr = s->port->StartPlayback(0, s->timeScale);
    if (!Succeeded(hr)) {
        return Fail(LG_DECKLINK_ERROR, "StartScheduledPlayback: " + HresultText(hr));
    }
    s->running = true;
    return LG_DECKLINK_OK;
}

int32_t LgDeckLink_PlayoutStop(LgDeckLinkPlayout *s)
{
    if (s == nullptr) {
        return Fail(LG_DECKLINK_ERROR, "PlayoutStop: NULL playout");
    }
    return Guard("PlayoutStop", [&] { return StopPlayout(s); });
}

void LgDeckLink_PlayoutDestroy(LgDeckLinkPlayout *s)
{
    if (s == nullptr) {
        return;
    }
    Guard("PlayoutDestroy", [&] { return StopPlayout(s); });
    s->port->SetSession(nullptr);
    s->port->DisableVideoOutput();
    for (auto &e : s->pool) {
        s->port->ReleaseFrame(&e.frame);
    }
    s->port.reset();
    LgDeckLinkDriver *driver = s->driver;
    delete s;
    driver->Unref();
}

int32_t LgDeckLink_PlayoutGetStats(LgDeckLinkPlayout *s, LgDeckLinkPlayoutStats *out)
{
    if (s == nullptr || out == nullptr) {
        return Fail(LG_DECKLINK_ERROR, "PlayoutGetStats: NULL argument");
    }
    std::lock_guard<std::mutex> lock(s->mutex);
    s->FillCounts(*out);
    return LG_DECKLINK_OK;
}

} // extern "C"
