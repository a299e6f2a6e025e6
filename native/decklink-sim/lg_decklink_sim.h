/*
 * lg_decklink_sim.h — controls of LiveGrade's simulated DeckLink driver (libDeckLinkAPI.so built from
 * native/decklink-sim). The simulator implements the DeckLink Linux ABI (same factory symbols, IIDs and
 * vtables as the real driver, from shared/reference/decklink/) so the shim loads it through the same
 * dlopen() path. Tests find these extra exports with dlsym / NativeLibrary.GetExport.
 *
 * What it simulates: two devices ("DeckLink Simulator (1)" and "(2)"), each with one SDI input and one SDI
 * output; input frames at the enabled mode's cadence carrying 75% colour bars with a moving white box in
 * the requested pixel format, running RP188 timecode (from 10:00:00:00) and colourspace/HDR metadata;
 * format changes and signal loss on request; scheduled playback that checks what it is sent (size, pixel
 * format, legal code values, timecode) and reports completion results like the hardware.
 *
 * Threads: all functions are thread-safe. Input frames and output completions are delivered on one thread
 * per device and direction, started by StartStreams / StartScheduledPlayback.
 */
#ifndef LG_DECKLINK_SIM_H
#define LG_DECKLINK_SIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LG_DECKLINK_SIM_EXPORT __attribute__((visibility("default")))

typedef struct LgDeckLinkSimStats {
    uint64_t inputFramesDelivered;   /* VideoInputFrameArrived calls with a frame */
    uint64_t inputNoSignalFrames;    /* of those, flagged bmdFrameHasNoInputSource */
    uint64_t inputFormatChangeEvents;/* VideoInputFormatChanged calls */
    uint64_t inputDroppedNoBuffer;   /* frames lost because the application held every capture buffer */
    uint64_t outputScheduled;        /* ScheduleVideoFrame calls accepted */
    uint64_t outputDisplayed;        /* frames put on the output */
    uint64_t outputCompleted;        /* completion results reported: completed */
    uint64_t outputLate;             /* displayed late */
    uint64_t outputDropped;          /* dropped */
    uint64_t outputFlushed;          /* flushed */
    uint64_t outputUnderruns;        /* output ticks with no new frame due (the hardware held the last one) */
    uint64_t outputBadFrames;        /* scheduled frames whose size, row bytes or pixel format did not fit */
    uint64_t outputIllegalFrames;    /* displayed frames with code values outside the legal SDI range */
    uint64_t outputFramesWithTimecode; /* displayed frames that carried an RP188 timecode */
    int32_t inputGeneration;         /* interface generation the client captured with: 1600, 1503, 1402; 0 none */
    int32_t outputGeneration;
    uint32_t inputMode;              /* mode the input is enabled with (0 when disabled) */
    uint32_t inputPixelFormat;
    uint32_t outputMode;             /* mode the output is enabled with (0 when disabled) */
    uint32_t outputPixelFormat;      /* pixel format of the last displayed frame */
    int32_t outputWidth;             /* of the last displayed frame */
    int32_t outputHeight;
    int64_t outputRowBytes;
    uint32_t outputTimecodeFormat;   /* BMDTimecodeFormat the last timecode was found under */
    int32_t inputEnabled;
    int32_t outputEnabled;
    int32_t outputRP188Enabled;      /* EnableVideoOutput got bmdVideoOutputRP188 */
} LgDeckLinkSimStats;

/* Back to defaults: API version 16.0; both inputs see 1080p25 YCbCr 4:2:2 10-bit Rec.709 SDR with signal;
 * counters and records cleared. Call only while no input or output is enabled. */
LG_DECKLINK_SIM_EXPORT void LgDeckLinkSim_Reset(void);
/* The version the simulated driver reports and the interfaces it answers ((major<<24)|(minor<<16)|(patch<<8)):
 * >= 16.0 answers the 16.0, 15.3.1 and 14.2.1 IIDs; 14.3..15.x the 15.3.1 and 14.2.1 ones; below, 14.2.1 only.
 * The environment variable LIVEGRADE_DECKLINK_SIM_VERSION ("14.2.1") sets it at load time. */
LG_DECKLINK_SIM_EXPORT void LgDeckLinkSim_SetApiVersion(int64_t versionCode);
/* What arrives at device's input: displayMode (BMDDisplayMode), and whether a signal is present. */
LG_DECKLINK_SIM_EXPORT int32_t LgDeckLinkSim_SetInputSignal(int32_t device, uint32_t displayMode, int32_t present);
/* Signal description: detected format flags (BMDDetectedVideoInputFormatFlags), BMDColorspace, EOTF
 * (CEA-861.3: 0 SDR, 2 PQ, 3 HLG) and HDR static metadata (cd/m2); a non-SDR EOTF sets
 * bmdFrameContainsHDRMetadata on frames. */
LG_DECKLINK_SIM_EXPORT int32_t LgDeckLinkSim_SetInputColor(int32_t device, uint32_t detectedFlags, uint32_t colorspace,
                                                           int64_t eotf, double maxCll, double maxFall,
                                                           double maxMasteringLuminance, double minMasteringLuminance);
LG_DECKLINK_SIM_EXPORT int32_t LgDeckLinkSim_GetStats(int32_t device, LgDeckLinkSimStats *outStats);
/* The most recent displayed output frames, oldest first (up to maxCount, at most 1024 kept): their RP188
 * timecode as 0xHHMMSSFF in binary (0xFFFFFFFF when none) and the first 32-bit word of their picture.
 * Returns how many were written. */
LG_DECKLINK_SIM_EXPORT int32_t LgDeckLinkSim_GetOutputRecords(int32_t device, uint32_t *timecodes, uint32_t *firstWords,
                                                              int32_t maxCount);
/* COM objects the simulator has created that are still alive (frames, modes, iterators, devices, ...). */
LG_DECKLINK_SIM_EXPORT int64_t LgDeckLinkSim_LiveObjects(void);
/* sizeof(LgDeckLinkSimStats), for bindings to check their mirrored layout. */
LG_DECKLINK_SIM_EXPORT int32_t LgDeckLinkSim_StatsSize(void);
/* StartAccess calls on video buffers not yet matched by EndAccess. */
LG_DECKLINK_SIM_EXPORT int64_t LgDeckLinkSim_OpenBufferAccesses(void);

#ifdef __cplusplus
}
#endif

#endif
