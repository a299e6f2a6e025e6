/*
 * lg_decklink.h — LiveGrade's flat C ABI over the Blackmagic DeckLink driver (libDeckLinkAPI.so).
 *
 * Rules (design.md, "Native shims"):
 *  - The driver is loaded at run time with dlopen(): from $LIVEGRADE_DECKLINK_LIB when set (tests point it
 *    at the simulated driver built from native/decklink-sim), else "libDeckLinkAPI.so" from the loader path
 *    (installed by Blackmagic Desktop Video). Without it, LgDeckLink_DriverOpen returns
 *    LG_DECKLINK_NO_DRIVER and the message "no DeckLink driver installed".
 *  - The installed driver's version (IDeckLinkAPIInformation 'vers') picks the interface generation:
 *    16.0 interfaces; 14.3..15.3.x (_v15_3_1); 11.6..14.2.1 (_v14_2_1, GetBytes on the frame).
 *  - Fixed-width types only; opaque handles created and destroyed in pairs.
 *  - Every fallible function returns int32_t: LG_DECKLINK_OK (0) or a negative status. The message is
 *    kept in a thread-local buffer read with LgDeckLink_LastError() on the same thread.
 *  - No C++ exception crosses this boundary.
 *  - Strings in are UTF-8, NUL-terminated, borrowed for the call. Strings out are owned by the handle
 *    they came from and live as long as it does.
 *  - Units: times are (value, timeScale) pairs as the driver gives them (e.g. 1000/25000 = one frame of
 *    25p); LgDeckLinkCapturedFrame.hardwareTimeNs is nanoseconds of the driver's reference clock.
 *    Sizes are bytes, widths and heights pixels.
 *
 * Threads:
 *  - A driver handle may be queried from any thread.
 *  - Capture callbacks run on the DRIVER'S capture thread, one at a time, in frame order. They must only
 *    hand the frame on (LiveGrade's C# side enqueues it and returns). Never call LgDeckLink_CaptureStop or
 *    _Destroy from inside a callback.
 *  - A captured frame (LgDeckLinkFrame*) is owned by the callee once the frame callback is called; it is
 *    released exactly once with LgDeckLink_ReleaseFrame from any thread, at any time (also after the
 *    capture was stopped or destroyed: the capture object lives until its last frame is released).
 *  - Playout: LgDeckLink_PlayoutAcquireBuffer / _Submit / _Cancel are called by one producer thread (the
 *    engine's output thread). Scheduling happens on the driver's completion thread; the optional playout
 *    callback runs there too and must return quickly.
 */
#ifndef LG_DECKLINK_H
#define LG_DECKLINK_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LG_DECKLINK_OK 0
#define LG_DECKLINK_ERROR (-1)       /* see LgDeckLink_LastError() */
#define LG_DECKLINK_NO_DRIVER (-2)   /* libDeckLinkAPI.so could not be loaded */
#define LG_DECKLINK_UNSUPPORTED (-3) /* driver too old, or the device cannot do the mode/pixel format asked */
#define LG_DECKLINK_BUSY (-4)        /* nothing free right now (playout buffer); try again later */

#define LG_DECKLINK_EXPORT __attribute__((visibility("default")))

typedef struct LgDeckLinkDriver LgDeckLinkDriver;   /* the loaded driver and its device list */
typedef struct LgDeckLinkCapture LgDeckLinkCapture; /* one input capturing */
typedef struct LgDeckLinkPlayout LgDeckLinkPlayout; /* one output in scheduled playback */
typedef struct LgDeckLinkFrame LgDeckLinkFrame;     /* a captured frame held by the caller (AddRef'd driver frame) */

/* Interface generation in use (chosen from the driver version). */
enum {
    LG_DECKLINK_API_14_2 = 1402, /* 11.6 .. 14.2.1: *_v14_2_1 interfaces, GetBytes on the frame */
    LG_DECKLINK_API_15_3 = 1503, /* 14.3 .. 15.3.x: *_v15_3_1 input/output, IDeckLinkVideoBuffer_v15_3_1 */
    LG_DECKLINK_API_16_0 = 1600  /* 16.0: current interfaces, IDeckLinkVideoBuffer with GetSize */
};

/* Direction for mode queries. */
enum { LG_DECKLINK_INPUT = 0, LG_DECKLINK_OUTPUT = 1 };

/* Last error message on this thread ("" if none). */
LG_DECKLINK_EXPORT const char *LgDeckLink_LastError(void);

/* ---- driver ---- */

typedef struct LgDeckLinkDriverInfo {
    int64_t versionCode;        /* (major<<24)|(minor<<16)|(patch<<8), e.g. 16.0 = 0x10000000 */
    const char *versionString;  /* "16.0.0"; owned by the driver handle */
    const char *libraryPath;    /* the path given to dlopen(); owned by the driver handle */
    int32_t apiGeneration;      /* LG_DECKLINK_API_* */
    int32_t deviceCount;
} LgDeckLinkDriverInfo;

/* Loads the driver and enumerates its devices. libraryPath may be NULL ($LIVEGRADE_DECKLINK_LIB, else
 * "libDeckLinkAPI.so"). Returns LG_DECKLINK_NO_DRIVER with "no DeckLink driver installed (...)" when the
 * library cannot be loaded, LG_DECKLINK_UNSUPPORTED for drivers older than 11.6. */
LG_DECKLINK_EXPORT int32_t LgDeckLink_DriverOpen(const char *libraryPath, LgDeckLinkDriver **outDriver);
/* Drops the caller's reference; the driver stays loaded while captures or playouts created from it live. */
LG_DECKLINK_EXPORT void LgDeckLink_DriverClose(LgDeckLinkDriver *driver);
LG_DECKLINK_EXPORT int32_t LgDeckLink_DriverGetInfo(LgDeckLinkDriver *driver, LgDeckLinkDriverInfo *outInfo);

/* ---- devices, modes, pixel formats ---- */

typedef struct LgDeckLinkDeviceInfo {
    const char *modelName;        /* owned by the driver handle */
    const char *displayName;      /* owned by the driver handle; unique per device */
    int64_t persistentId;         /* 'peid', 0 when the driver has none */
    int64_t videoInputConnections;  /* BMDVideoConnection bits ('vicn') */
    int64_t videoOutputConnections; /* BMDVideoConnection bits ('vocn') */
    int64_t minimumPrerollFrames;   /* 'mprf', 0 when unknown */
    int32_t hasInput;             /* 1 when the device answers the input interface */
    int32_t hasOutput;
    int32_t supportsFormatDetection; /* 'infd' */
    int32_t supportsHdrMetadata;     /* 'hdrm' */
    int32_t inputModeCount;
    int32_t outputModeCount;
} LgDeckLinkDeviceInfo;

LG_DECKLINK_EXPORT int32_t LgDeckLink_DeviceGetInfo(LgDeckLinkDriver *driver, int32_t deviceIndex,
                                                    LgDeckLinkDeviceInfo *outInfo);

#define LG_DECKLINK_MAX_PIXEL_FORMATS 12

typedef struct LgDeckLinkModeInfo {
    int64_t frameDuration;        /* one frame in timeScale units, e.g. 1001 */
    int64_t timeScale;            /* ticks per second, e.g. 60000 */
    const char *name;             /* e.g. "1080p25"; owned by the driver handle */
    uint32_t displayMode;         /* BMDDisplayMode FourCC, e.g. 'Hp25' */
    int32_t width;
    int32_t height;
    uint32_t fieldDominance;      /* BMDFieldDominance */
    uint32_t flags;               /* BMDDisplayModeFlags (colourspace bits) */
    int32_t pixelFormatCount;     /* how many of pixelFormats[] are valid */
    uint32_t pixelFormats[LG_DECKLINK_MAX_PIXEL_FORMATS]; /* BMDPixelFormat the device accepts in this mode */
} LgDeckLinkModeInfo;

/* direction: LG_DECKLINK_INPUT or LG_DECKLINK_OUTPUT; modeIndex < inputModeCount / outputModeCount. */
LG_DECKLINK_EXPORT int32_t LgDeckLink_DeviceGetMode(LgDeckLinkDriver *driver, int32_t deviceIndex, int32_t direction,
                                                    int32_t modeIndex, LgDeckLinkModeInfo *outMode);

/* Row bytes of a line of `width` pixels in `pixelFormat` per the SDK manual (fact sheet §7); 0 if unknown. */
LG_DECKLINK_EXPORT int32_t LgDeckLink_RowBytes(uint32_t pixelFormat, int32_t width);

/* ---- capture ---- */

typedef struct LgDeckLinkCaptureConfig {
    int32_t deviceIndex;
    uint32_t displayMode;      /* BMDDisplayMode to start with (format detection may change it) */
    uint32_t pixelFormat;      /* BMDPixelFormat; 0 = v210 (10-bit YUV) */
    int32_t formatDetection;   /* 1: enable input format detection and follow changes */
    int32_t maxHeldFrames;     /* frames the caller may hold at once; 0 = 8. Frames arriving while all are
                                  held are dropped and counted (the driver's buffers are finite too). */
    uint32_t timecodeFormat;   /* BMDTimecodeFormat to read; 0 = RP188 any ('rp18') */
} LgDeckLinkCaptureConfig;

/* One captured frame, valid for the duration of the callback; `frame` stays valid until released. */
typedef struct LgDeckLinkCapturedFrame {
    const uint8_t *bytes;        /* first byte of the first line; NULL for no-signal frames on some drivers */
    LgDeckLinkFrame *frame;      /* the caller's reference: release with LgDeckLink_ReleaseFrame */
    int64_t rowBytes;
    int64_t sizeBytes;           /* rowBytes * height */
    int64_t streamTime;          /* GetStreamTime, in timeScale units */
    int64_t frameDuration;       /* in timeScale units */
    int64_t timeScale;
    int64_t hardwareTimeNs;      /* GetHardwareReferenceTimestamp in ns, 0 if unavailable */
    uint64_t sequence;           /* frame number from the driver's stream clock (0 first): consecutive frames differ
                                    by 1; a gap means frames were lost by the driver or dropped here (all held) */
    int64_t hdrEotf;             /* 'eotf' (CEA-861.3: 0 SDR, 2 PQ, 3 HLG), -1 when not present */
    double hdrPrimaries[8];      /* red x,y; green x,y; blue x,y; white x,y (0..1), 0 when absent */
    double hdrMaxMasteringLuminance; /* cd/m2 */
    double hdrMinMasteringLuminance; /* cd/m2 */
    double hdrMaxCll;            /* cd/m2 */
    double hdrMaxFall;           /* cd/m2 */
    uint32_t displayMode;
    uint32_t pixelFormat;
    int32_t width;
    int32_t height;
    uint32_t frameFlags;         /* BMDFrameFlags as received */
    int32_t noSignal;            /* 1 when the driver flagged bmdFrameHasNoInputSource */
    int32_t hasHdrMetadata;      /* 1 when bmdFrameContainsHDRMetadata */
    uint32_t colorspace;         /* BMDColorspace from 'cspc', 0 when not present */
    int32_t hasTimecode;
    uint32_t timecodeBcd;        /* GetBCD() */
    uint32_t timecodeFlags;      /* BMDTimecodeFlags (drop frame, field mark) */
    uint8_t tcHours, tcMinutes, tcSeconds, tcFrames;
} LgDeckLinkCapturedFrame;

/* Reported after the shim has followed a detected format change (pause, re-enable, flush, restart). */
typedef struct LgDeckLinkInputChange {
    int64_t frameDuration;
    int64_t timeScale;
    uint32_t events;             /* BMDVideoInputFormatChangedEvents */
    uint32_t detectedFlags;      /* BMDDetectedVideoInputFormatFlags */
    uint32_t displayMode;        /* the new mode */
    uint32_t pixelFormat;        /* the pixel format capture continues in */
    int32_t width;
    int32_t height;
    int32_t status;              /* LG_DECKLINK_OK, or the error re-enabling gave (capture then stopped) */
    int32_t reserved;
} LgDeckLinkInputChange;

/* Called on the driver's capture thread. See "Threads" above. */
typedef void (*LgDeckLinkFrameCallback)(void *user, const LgDeckLinkCapturedFrame *frame);
typedef void (*LgDeckLinkInputChangeCallback)(void *user, const LgDeckLinkInputChange *change);

typedef struct LgDeckLinkCaptureStats {
    uint64_t framesArrived;      /* VideoInputFrameArrived with a frame */
    uint64_t framesDelivered;    /* handed to the frame callback */
    uint64_t noSignalFrames;
    uint64_t droppedAllHeld;     /* arrived while maxHeldFrames were held by the caller */
    uint64_t droppedNoAccess;    /* the frame's bytes could not be reached (StartAccess/GetBytes failed) */
    uint64_t formatChanges;      /* detected changes followed */
    int64_t framesHeld;          /* currently held by the caller */
} LgDeckLinkCaptureStats;

/* Enables the input and starts streams. Callbacks begin before this returns. user is passed back as is. */
LG_DECKLINK_EXPORT int32_t LgDeckLink_CaptureStart(LgDeckLinkDriver *driver, const LgDeckLinkCaptureConfig *config,
                                                   LgDeckLinkFrameCallback onFrame,
                                                   LgDeckLinkInputChangeCallback onInputChange, void *user,
                                                   LgDeckLinkCapture **outCapture);
/* Stops streams and disables the input; no callback runs after it returns. Idempotent. */
LG_DECKLINK_EXPORT int32_t LgDeckLink_CaptureStop(LgDeckLinkCapture *capture);
/* Stops (if needed) and drops the caller's reference. Frames still held stay valid until released. */
LG_DECKLINK_EXPORT void LgDeckLink_CaptureDestroy(LgDeckLinkCapture *capture);
LG_DECKLINK_EXPORT int32_t LgDeckLink_CaptureGetStats(LgDeckLinkCapture *capture, LgDeckLinkCaptureStats *outStats);
/* Releases a captured frame (ends buffer access, releases the driver frame). Any thread; NULL is ignored. */
LG_DECKLINK_EXPORT void LgDeckLink_ReleaseFrame(LgDeckLinkFrame *frame);

/* ---- playout ---- */

typedef struct LgDeckLinkPlayoutConfig {
    int32_t deviceIndex;
    uint32_t displayMode;      /* BMDDisplayMode */
    uint32_t pixelFormat;      /* BMDPixelFormat; 0 = v210 */
    int32_t prerollFrames;     /* frames scheduled before playback starts and kept ahead after; 0 = 3 */
    int32_t queueDepth;        /* submitted-but-not-scheduled frames; 0 = 3. Full queue drops the oldest. */
    int32_t writeTimecode;     /* 1: enable RP188 output and stamp each frame */
    uint32_t timecodeFormat;   /* 0 = RP188 VITC1 ('rpv1') */
    int32_t reserved;
} LgDeckLinkPlayoutConfig;

typedef struct LgDeckLinkPlayoutBuffer {
    uint8_t *bytes;            /* write the packed picture here (rowBytes per line) */
    int64_t rowBytes;
    int64_t sizeBytes;
    int32_t id;                /* pass to Submit or Cancel */
    int32_t width;
    int32_t height;
    uint32_t pixelFormat;
} LgDeckLinkPlayoutBuffer;

typedef struct LgDeckLinkTimecodeValue {
    uint8_t hours, minutes, seconds, frames;
    uint32_t flags;            /* BMDTimecodeFlags: 1 = drop frame */
} LgDeckLinkTimecodeValue;

typedef struct LgDeckLinkPlayoutStats {
    uint64_t submitted;        /* frames the producer submitted */
    uint64_t scheduled;        /* ScheduleVideoFrame calls that succeeded (new frames and repeats) */
    uint64_t completed;        /* bmdOutputFrameCompleted */
    uint64_t displayedLate;    /* bmdOutputFrameDisplayedLate */
    uint64_t dropped;          /* bmdOutputFrameDropped */
    uint64_t flushed;          /* bmdOutputFrameFlushed */
    uint64_t repeated;         /* the last frame scheduled again because nothing new was submitted in time */
    uint64_t queueOverflows;   /* submitted frames discarded because the queue was full (producer too fast) */
    uint64_t scheduleErrors;   /* ScheduleVideoFrame failures */
    uint64_t resyncs;          /* times the schedule was moved forward after late/dropped results */
    int32_t queued;            /* submitted, waiting to be scheduled */
    int32_t inFlight;          /* scheduled with the driver, not yet completed */
    int32_t freeBuffers;
    int32_t running;
} LgDeckLinkPlayoutStats;

/* Called on the driver's completion thread after each completed frame is counted. */
typedef void (*LgDeckLinkPlayoutCallback)(void *user, uint32_t completionResult, const LgDeckLinkPlayoutStats *stats);

/* Enables the output and creates the frame pool (prerollFrames + queueDepth + 2 frames from the driver). */
LG_DECKLINK_EXPORT int32_t LgDeckLink_PlayoutCreate(LgDeckLinkDriver *driver, const LgDeckLinkPlayoutConfig *config,
                                                    LgDeckLinkPlayoutCallback onCompleted, void *user,
                                                    LgDeckLinkPlayout **outPlayout);
/* A free frame to fill, or LG_DECKLINK_BUSY when all are queued or with the driver. */
LG_DECKLINK_EXPORT int32_t LgDeckLink_PlayoutAcquireBuffer(LgDeckLinkPlayout *playout, LgDeckLinkPlayoutBuffer *outBuffer);
/* Queues a filled buffer. timecode may be NULL (no timecode on this frame). */
LG_DECKLINK_EXPORT int32_t LgDeckLink_PlayoutSubmit(LgDeckLinkPlayout *playout, int32_t bufferId,
                                                    const LgDeckLinkTimecodeValue *timecode);
/* Gives back an acquired buffer unused. */
LG_DECKLINK_EXPORT int32_t LgDeckLink_PlayoutCancel(LgDeckLinkPlayout *playout, int32_t bufferId);
/* Preroll: schedules prerollFrames (queued frames first, then the last one repeated; at least one frame must
 * have been submitted) and starts scheduled playback at stream time 0. */
LG_DECKLINK_EXPORT int32_t LgDeckLink_PlayoutStart(LgDeckLinkPlayout *playout);
/* Stops playback (pending frames come back flushed), waits for the driver to confirm, disables the output. */
LG_DECKLINK_EXPORT int32_t LgDeckLink_PlayoutStop(LgDeckLinkPlayout *playout);
LG_DECKLINK_EXPORT void LgDeckLink_PlayoutDestroy(LgDeckLinkPlayout *playout);
LG_DECKLINK_EXPORT int32_t LgDeckLink_PlayoutGetStats(LgDeckLinkPlayout *playout, LgDeckLinkPlayoutStats *outStats);

/* ---- interface layout self-description (checked by tests against the fact sheet) ---- */

/* Number of (interface, method) entries the shim's declarations define. */
LG_DECKLINK_EXPORT int32_t LgDeckLink_AbiMethodCount(void);
/* Entry i: names (static storage) and the vtable slot the compiler assigned to it. */
LG_DECKLINK_EXPORT int32_t LgDeckLink_AbiMethod(int32_t index, const char **outInterface, const char **outMethod,
                                                int32_t *outSlot);
LG_DECKLINK_EXPORT int32_t LgDeckLink_AbiInterfaceCount(void);
/* Interface i: name, IID bytes (16, textual order) and whether it declares a virtual destructor. */
LG_DECKLINK_EXPORT int32_t LgDeckLink_AbiInterface(int32_t index, const char **outName, uint8_t *outIid16,
                                                   int32_t *outHasVirtualDestructor);

/* sizeof() of a public struct by name ("LgDeckLinkCapturedFrame", ...), 0 when unknown: lets bindings check
 * their mirrored layouts. */
LG_DECKLINK_EXPORT int32_t LgDeckLink_AbiStructSize(const char *structName);

#ifdef __cplusplus
}
#endif

#endif
