// Internals of the simulated DeckLink driver: display-mode table, test pattern, timecode arithmetic.
#ifndef LG_DECKLINK_SIM_CORE_H
#define LG_DECKLINK_SIM_CORE_H

#include "../decklink/decklink_abi.h"

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace lgsim {

using namespace lgdl;

struct SimMode {
    BMDDisplayMode id;
    const char *name;
    int32_t width;
    int32_t height;
    BMDTimeValue frameDuration;
    BMDTimeScale timeScale;
    BMDFieldDominance field;
    BMDDisplayModeFlags flags;
};

// The modes the simulated devices offer (a subset of a real SDI card's list).
const SimMode *Modes(size_t *count);
const SimMode *FindMode(BMDDisplayMode id);
// Whether a device can capture (input=true) or play out `mode` in `format`.
bool SupportsFormat(const SimMode &mode, BMDPixelFormat format, bool input);

// Counts every simulator COM object alive (constructor +1, destructor -1).
extern std::atomic<int64_t> g_liveObjects;
extern std::atomic<int64_t> g_openBufferAccesses;

// ---- test pattern ----
// Renders one frame: 75% colour bars over the top two thirds, black below, and a white box whose x position
// moves 8 pixels per frame (frameIndex). black=true renders an all-black frame (no-signal picture).
void RenderPattern(const SimMode &mode, BMDPixelFormat format, int32_t rowBytes, uint64_t frameIndex, bool black,
                   uint8_t *dst);
// Box geometry (so tests and the simulator agree): size, top row, left column for frameIndex.
int32_t BoxSize(const SimMode &mode);
int32_t BoxTop(const SimMode &mode);
int32_t BoxLeft(const SimMode &mode, uint64_t frameIndex);
// Checks the legal SDI code range of lines 0 and height/2: v210 10-bit 4..1019 with bits 30-31 clear;
// 2vuy 8-bit 1..254. Other formats: true (every code is legal).
bool CodesLegal(BMDPixelFormat format, int32_t width, int32_t height, int64_t rowBytes, const uint8_t *bytes);

// ---- timecode ----
struct TimecodeValue {
    uint8_t hours, minutes, seconds, frames;
    BMDTimecodeFlags flags;
};
// Nominal integer rate (25, 30, 60, ...) and whether SMPTE drop-frame counting applies (29.97 / 59.94).
int32_t NominalRate(const SimMode &mode);
bool IsDropFrame(const SimMode &mode);
// Frame count -> label (drop-frame labels for 29.97/59.94; frames run 0..rate-1 at every rate, as HFR RP188).
TimecodeValue TimecodeFromFrames(int64_t frames, int32_t rate, bool dropFrame);
// Frames from 00:00:00:00 to hours:00:00:00.
int64_t FramesForHours(int32_t hours, int32_t rate, bool dropFrame);
uint32_t ToBcd(const TimecodeValue &tc);

} // namespace lgsim

#endif
