// One InputPort/OutputPort implementation per DeckLink interface generation. Method names are the same
// across generations (only slots and some parameter types move), so each is a template instantiated with
// that generation's interfaces; the compiler then calls the right slot for each.
#include "shim_internal.h"

namespace lgshim {

namespace {

// ---------------- input ----------------

// The capture callback object handed to the driver. FrameT is the frame type this generation delivers.
template <class CallbackIface, class FrameT> class InputCallbackT final : public CallbackIface, public RefCounted {
public:
    InputCallbackT(CaptureSession *session, const REFIID &iid) : _session(session), _iid(iid) {}

    HRESULT QueryInterface(REFIID iid, void **ppv) override
    {
        if (ppv == nullptr) {
            return E_POINTER;
        }
        if (SameIid(iid, IID_IUnknown) || SameIid(iid, _iid)) {
            *ppv = static_cast<CallbackIface *>(this);
            AddRef();
            return S_OK;
        }
        *ppv = nullptr;
        return E_NOINTERFACE;
    }
    ULONG AddRef() override { return AddRefImpl(); }
    ULONG Release() override { return ReleaseImpl(); }

    HRESULT VideoInputFormatChanged(BMDVideoInputFormatChangedEvents events, IDeckLinkDisplayMode *mode,
                                    BMDDetectedVideoInputFormatFlags flags) override
    {
        CaptureSession *s = _session.load();
        return s != nullptr ? CaptureOnFormatChanged(s, events, mode, flags) : S_OK;
    }
    HRESULT VideoInputFrameArrived(FrameT *frame, IDeckLinkAudioInputPacket *) override
    {
        CaptureSession *s = _session.load();
        return s != nullptr ? CaptureOnFrame(s, frame) : S_OK;
    }

    void Detach() { _session.store(nullptr); }

protected:
    void DeleteSelf() override { delete this; }

private:
    std::atomic<CaptureSession *> _session;
    REFIID _iid;
};

template <class InputIface, class CallbackIface, class FrameT> class InputPortT final : public InputPort {
public:
    InputPortT(InputIface *input, const REFIID &callbackIid) : _input(input), _callbackIid(callbackIid) {}
    ~InputPortT() override
    {
        if (_callback != nullptr) {
            _callback->Detach();
            _callback->Release();
        }
        SafeRelease(_input);
    }

    HRESULT DoesSupport(BMDDisplayMode mode, BMDPixelFormat format, bool *supported) override
    {
        BMDDisplayMode actual = 0;
        return _input->DoesSupportVideoMode(bmdVideoConnectionUnspecified, mode, format, bmdNoVideoInputConversion,
                                            bmdSupportedVideoModeDefault, &actual, supported);
    }
    HRESULT ModeIterator(IDeckLinkDisplayModeIterator **it) override { return _input->GetDisplayModeIterator(it); }
    HRESULT EnableVideoInput(BMDDisplayMode mode, BMDPixelFormat format, BMDVideoInputFlags flags) override
    {
        return _input->EnableVideoInput(mode, format, flags);
    }
    HRESULT DisableVideoInput() override { return _input->DisableVideoInput(); }
    HRESULT StartStreams() override { return _input->StartStreams(); }
    HRESULT StopStreams() override { return _input->StopStreams(); }
    HRESULT PauseStreams() override { return _input->PauseStreams(); }
    HRESULT FlushStreams() override { return _input->FlushStreams(); }
    HRESULT SetSession(CaptureSession *session) override
    {
        if (session == nullptr) {
            HRESULT hr = _input->SetCallback(nullptr);
            if (_callback != nullptr) {
                _callback->Detach();
                _callback->Release();
                _callback = nullptr;
            }
            return hr;
        }
        if (_callback == nullptr) {
            _callback = new InputCallbackT<CallbackIface, FrameT>(session, _callbackIid);
        }
        return _input->SetCallback(_callback);
    }

private:
    InputIface *_input;
    REFIID _callbackIid;
    InputCallbackT<CallbackIface, FrameT> *_callback = nullptr;
};

// ---------------- output ----------------

template <class CallbackIface, class FrameT> class OutputCallbackT final : public CallbackIface, public RefCounted {
public:
    OutputCallbackT(PlayoutSession *session, const REFIID &iid) : _session(session), _iid(iid) {}

    HRESULT QueryInterface(REFIID iid, void **ppv) override
    {
        if (ppv == nullptr) {
            return E_POINTER;
        }
        if (SameIid(iid, IID_IUnknown) || SameIid(iid, _iid)) {
            *ppv = static_cast<CallbackIface *>(this);
            AddRef();
            return S_OK;
        }
        *ppv = nullptr;
        return E_NOINTERFACE;
    }
    ULONG AddRef() override { return AddRefImpl(); }
    ULONG Release() override { return ReleaseImpl(); }

    HRESULT ScheduledFrameCompleted(FrameT *frame, BMDOutputFrameCompletionResult result) override
    {
        PlayoutSession *s = _session.load();
        return s != nullptr ? PlayoutOnCompleted(s, frame, result) : S_OK;
    }
    HRESULT ScheduledPlaybackHasStopped() override
    {
        PlayoutSession *s = _session.load();
        return s != nullptr ? PlayoutOnStopped(s) : S_OK;
    }

    void Detach() { _session.store(nullptr); }

protected:
    void DeleteSelf() override { delete this; }

private:
    std::atomic<PlayoutSession *> _session;
    REFIID _iid;
};

// Buffer access per generation: BufferT is IDeckLinkVideoBuffer (16.0), IDeckLinkVideoBuffer_v15_3_1, or
// void for 14.2.1 where GetBytes is on the frame.
template <class OutputIface, class MutableT, class FrameT, class CallbackIface, class BufferT, int32_t Gen>
class OutputPortT final : public OutputPort {
public:
    OutputPortT(OutputIface *output, const REFIID &callbackIid, const REFIID &bufferIid)
        : _output(output), _callbackIid(callbackIid), _bufferIid(bufferIid)
    {
    }
    ~OutputPortT() override
    {
        if (_callback != nullptr) {
            _callback->Detach();
            _callback->Release();
        }
        SafeRelease(_output);
    }

    int32_t Generation() const override { return Gen; }
    HRESULT DoesSupport(BMDDisplayMode mode, BMDPixelFormat format, bool *supported) override
    {
        BMDDisplayMode actual = 0;
        return _output->DoesSupportVideoMode(bmdVideoConnectionUnspecified, mode, format, bmdNoVideoOutputConversion,
                                             bmdSupportedVideoModeDefault, &actual, supported);
    }
    HRESULT ModeIterator(IDeckLinkDisplayModeIterator **it) override { return _output->GetDisplayModeIterator(it); }
    HRESULT EnableVideoOutput(BMDDisplayMode mode, BMDVideoOutputFlags flags) override
    {
        return _output->EnableVideoOutput(mode, flags);
    }
    HRESULT DisableVideoOutput() override { return _output->DisableVideoOutput(); }

    HRESULT RowBytes(BMDPixelFormat format, int32_t width, int32_t *rowBytes) override
    {
        if constexpr (Gen == LG_DECKLINK_API_14_2) {
            // 14.2.1 has no RowBytesForPixelFormat: use the manual's rule (fact sheet §7).
            *rowBytes = RowBytesFor(format, width);
            return *rowBytes > 0 ? S_OK : E_INVALIDARG;
        } else {
            return _output->RowBytesForPixelFormat(format, width, rowBytes);
        }
    }

    HRESULT CreateFrame(int32_t width, int32_t height, int32_t rowBytes, BMDPixelFormat format, OutputFrame *out) override
    {
        MutableT *frame = nullptr;
        HRESULT hr = _output->CreateVideoFrame(width, height, rowBytes, format, bmdFrameFlagDefault, &frame);
        if (!Succeeded(hr) || frame == nullptr) {
            return Succeeded(hr) ? E_FAIL : hr;
        }
        out->unknown = frame;
        out->scheduleAs = static_cast<FrameT *>(frame);
        if constexpr (Gen == LG_DECKLINK_API_16_0) {
            hr = frame->QueryInterface(_bufferIid, reinterpret_cast<void **>(&out->buffer16));
        } else if constexpr (Gen == LG_DECKLINK_API_15_3) {
            hr = frame->QueryInterface(_bufferIid, reinterpret_cast<void **>(&out->buffer15));
        }
        if (!Succeeded(hr)) {
            ReleaseFrame(out);
            return hr;
        }
        return S_OK;
    }

    HRESULT BeginWrite(OutputFrame *frame) override
    {
        void *bytes = nullptr;
        HRESULT hr;
        if constexpr (Gen == LG_DECKLINK_API_14_2) {
            hr = static_cast<FrameT *>(frame->scheduleAs)->GetBytes(&bytes);
        } else {
            BufferT *buffer = BufferOf(frame);
            hr = buffer->StartAccess(bmdBufferAccessWrite);
            if (!Succeeded(hr)) {
                return hr;
            }
            frame->accessOpen = true;
            hr = buffer->GetBytes(&bytes);
        }
        if (!Succeeded(hr)) {
            EndWrite(frame);
            return hr;
        }
        frame->bytes = static_cast<uint8_t *>(bytes);
        return S_OK;
    }

    HRESULT EndWrite(OutputFrame *frame) override
    {
        if constexpr (Gen != LG_DECKLINK_API_14_2) {
            if (frame->accessOpen) {
                frame->accessOpen = false;
                return BufferOf(frame)->EndAccess(bmdBufferAccessWrite);
            }
        } else {
            (void)frame;
        }
        return S_OK;
    }

    HRESULT SetTimecode(OutputFrame *frame, BMDTimecodeFormat format, const LgDeckLinkTimecodeValue &tc) override
    {
        auto *mutableFrame = static_cast<MutableT *>(static_cast<FrameT *>(frame->scheduleAs));
        return mutableFrame->SetTimecodeFromComponents(format, tc.hours, tc.minutes, tc.seconds, tc.frames, tc.flags);
    }

    HRESULT Schedule(OutputFrame *frame, BMDTimeValue time, BMDTimeValue duration, BMDTimeScale scale) override
    {
        return _output->ScheduleVideoFrame(static_cast<FrameT *>(frame->scheduleAs), time, duration, scale);
    }

    HRESULT SetSession(PlayoutSession *session) override
    {
        if (session == nullptr) {
            HRESULT hr = _output->SetScheduledFrameCompletionCallback(nullptr);
            if (_callback != nullptr) {
                _callback->Detach();
                _callback->Release();
                _callback = nullptr;
            }
            return hr;
        }
        if (_callback == nullptr) {
            _callback = new OutputCallbackT<CallbackIface, FrameT>(session, _callbackIid);
        }
        return _output->SetScheduledFrameCompletionCallback(_callback);
    }

    HRESULT StartPlayback(BMDTimeValue start, BMDTimeScale scale) override
    {
        return _output->StartScheduledPlayback(start, scale, 1.0);
    }
    HRESULT StopPlayback() override
    {
        BMDTimeValue actual = 0;
        return _output->StopScheduledPlayback(0, &actual, 0);
    }
    HRESULT StreamTime(BMDTimeScale scale, BMDTimeValue *time) override
    {
        double speed = 0;
        return _output->GetScheduledStreamTime(scale, time, &speed);
    }

    void ReleaseFrame(OutputFrame *frame) override
    {
        EndWrite(frame);
        SafeRelease(frame->buffer16);
        SafeRelease(frame->buffer15);
        SafeRelease(frame->unknown);
        frame->scheduleAs = nullptr;
        frame->bytes = nullptr;
    }

private:
    BufferT *BufferOf(OutputFrame *frame)
    {
        if constexpr (Gen == LG_DECKLINK_API_16_0) {
            return frame->buffer16;
        } else if constexpr (Gen == LG_DECKLINK_API_15_3) {
            return frame->buffer15;
        } else {
            (void)frame;
            return nullptr;
        }
    }

    OutputIface *_output;
    REFIID _callbackIid;
    REFIID _bufferIid;
    OutputCallbackT<CallbackIface, FrameT> *_callback = nullptr;
};

template <class T> T *Query(IUnknown *from, const REFIID &iid, HRESULT *hr)
{
    void *p = nullptr;
    *hr = from->QueryInterface(iid, &p);
    if (!Succeeded(*hr)) {
        return nullptr;
    }
    if (p == nullptr) {
        *hr = E_NOINTERFACE;
    }
    return static_cast<T *>(p);
}

} // namespace

std::unique_ptr<InputPort> OpenInputPort(IDeckLink *deckLink, int32_t generation, HRESULT *hr)
{
    switch (generation) {
    case LG_DECKLINK_API_16_0:
        if (auto *in = Query<IDeckLinkInput>(deckLink, IID_IDeckLinkInput, hr)) {
            return std::make_unique<InputPortT<IDeckLinkInput, IDeckLinkInputCallback, IDeckLinkVideoInputFrame>>(
                in, IID_IDeckLinkInputCallback);
        }
        return nullptr;
    case LG_DECKLINK_API_15_3:
        if (auto *in = Query<IDeckLinkInput_v15_3_1>(deckLink, IID_IDeckLinkInput_v15_3_1, hr)) {
            return std::make_unique<InputPortT<IDeckLinkInput_v15_3_1, IDeckLinkInputCallback, IDeckLinkVideoInputFrame>>(
                in, IID_IDeckLinkInputCallback);
        }
        return nullptr;
    case LG_DECKLINK_API_14_2:
        if (auto *in = Query<IDeckLinkInput_v14_2_1>(deckLink, IID_IDeckLinkInput_v14_2_1, hr)) {
            return std::make_unique<
                InputPortT<IDeckLinkInput_v14_2_1, IDeckLinkInputCallback_v14_2_1, IDeckLinkVideoInputFrame_v14_2_1>>(
                in, IID_IDeckLinkInputCallback_v14_2_1);
        }
        return nullptr;
    default:
        *hr = E_INVALIDARG;
        return nullptr;
    }
}

std::unique_ptr<OutputPort> OpenOutputPort(IDeckLink *deckLink, int32_t generation, HRESULT *hr)
{
    switch (generation) {
    case LG_DECKLINK_API_16_0:
        if (auto *out = Query<IDeckLinkOutput>(deckLink, IID_IDeckLinkOutput, hr)) {
            return std::make_unique<OutputPortT<IDeckLinkOutput, IDeckLinkMutableVideoFrame, IDeckLinkVideoFrame,
                                                IDeckLinkVideoOutputCallback, IDeckLinkVideoBuffer, LG_DECKLINK_API_16_0>>(
                out, IID_IDeckLinkVideoOutputCallback, IID_IDeckLinkVideoBuffer);
        }
        return nullptr;
    case LG_DECKLINK_API_15_3:
        if (auto *out = Query<IDeckLinkOutput_v15_3_1>(deckLink, IID_IDeckLinkOutput_v15_3_1, hr)) {
            return std::make_unique<OutputPortT<IDeckLinkOutput_v15_3_1, IDeckLinkMutableVideoFrame, IDeckLinkVideoFrame,
                                                IDeckLinkVideoOutputCallback, IDeckLinkVideoBuffer_v15_3_1,
                                                LG_DECKLINK_API_15_3>>(out, IID_IDeckLinkVideoOutputCallback,
                                                                       IID_IDeckLinkVideoBuffer_v15_3_1);
        }
        return nullptr;
    case LG_DECKLINK_API_14_2:
        if (auto *out = Query<IDeckLinkOutput_v14_2_1>(deckLink, IID_IDeckLinkOutput_v14_2_1, hr)) {
            return std::make_unique<OutputPortT<IDeckLinkOutput_v14_2_1, IDeckLinkMutableVideoFrame_v14_2_1,
                                                IDeckLinkVideoFrame_v14_2_1, IDeckLinkVideoOutputCallback_v14_2_1, void,
                                                LG_DECKLINK_API_14_2>>(out, IID_IDeckLinkVideoOutputCallback_v14_2_1,
                                                                       IID_IUnknown);
        }
        return nullptr;
    default:
        *hr = E_INVALIDARG;
        return nullptr;
    }
}

} // namespace lgshim
