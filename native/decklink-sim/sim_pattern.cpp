// Test pattern and timecode arithmetic of the simulated driver.
//
// Pattern colours are 75% bars (R'G'B' in {0, 0.75}) converted to Y'CbCr with the BT.709 (HD/UHD) or BT.601
// (SD) luma coefficients and quantised to narrow range: 10-bit Y' = 64 + 876 Y', C = 512 + 896 C
// (8-bit: 16 + 219 Y', 128 + 224 C), ITU-R BT.709-6 table 4 / BT.601-7 table 3. RGB formats carry the same
// R'G'B' at SMPTE levels (10-bit, 64..940) or full range (12-bit 0..4095, 8-bit 0..255) as the formats'
// definitions say (fact sheet §7).
#include "sim_core.h"

#include <cmath>
#include <cstring>
#include <vector>

namespace lgsim {

std::atomic<int64_t> g_liveObjects{0};
std::atomic<int64_t> g_openBufferAccesses{0};

namespace {

constexpr BMDDisplayModeFlags kHd = bmdDisplayModeColorspaceRec709;
constexpr BMDDisplayModeFlags kUhd = bmdDisplayModeColorspaceRec709 | bmdDisplayModeColorspaceRec2020;

const SimMode kModes[] = {
    {FourCC('n', 't', 's', 'c'), "NTSC", 720, 486, 1001, 30000, bmdLowerFieldFirst, bmdDisplayModeColorspaceRec601},
    {FourCC('p', 'a', 'l', ' '), "PAL", 720, 576, 1000, 25000, bmdUpperFieldFirst, bmdDisplayModeColorspaceRec601},
    {FourCC('h', 'p', '5', '0'), "720p50", 1280, 720, 1000, 50000, bmdProgressiveFrame, kHd},
    {FourCC('h', 'p', '5', '9'), "720p59.94", 1280, 720, 1001, 60000, bmdProgressiveFrame, kHd},
    {FourCC('h', 'p', '6', '0'), "720p60", 1280, 720, 1000, 60000, bmdProgressiveFrame, kHd},
    {FourCC('2', '3', 'p', 's'), "1080p23.98", 1920, 1080, 1001, 24000, bmdProgressiveFrame, kHd},
    {FourCC('2', '4', 'p', 's'), "1080p24", 1920, 1080, 1000, 24000, bmdProgressiveFrame, kHd},
    {FourCC('H', 'p', '2', '5'), "1080p25", 1920, 1080, 1000, 25000, bmdProgressiveFrame, kHd},
    {FourCC('H', 'p', '2', '9'), "1080p29.97", 1920, 1080, 1001, 30000, bmdProgressiveFrame, kHd},
    {FourCC('H', 'p', '3', '0'), "1080p30", 1920, 1080, 1000, 30000, bmdProgressiveFrame, kHd},
    {FourCC('H', 'p', '5', '0'), "1080p50", 1920, 1080, 1000, 50000, bmdProgressiveFrame, kHd},
    {FourCC('H', 'p', '5', '9'), "1080p59.94", 1920, 1080, 1001, 60000, bmdProgressiveFrame, kHd},
    {FourCC('H', 'p', '6', '0'), "1080p60", 1920, 1080, 1000, 60000, bmdProgressiveFrame, kHd},
    {FourCC('H', 'i', '5', '0'), "1080i50", 1920, 1080, 1000, 25000, bmdUpperFieldFirst, kHd},
    {FourCC('H', 'i', '5', '9'), "1080i59.94", 1920, 1080, 1001, 30000, bmdUpperFieldFirst, kHd},
    {FourCC('2', 'd', '2', '4'), "2K DCI 24", 2048, 1080, 1000, 24000, bmdProgressiveFrame, kHd},
    {FourCC('2', 'd', '2', '5'), "2K DCI 25", 2048, 1080, 1000, 25000, bmdProgressiveFrame, kHd},
    {FourCC('4', 'k', '2', '3'), "2160p23.98", 3840, 2160, 1001, 24000, bmdProgressiveFrame, kUhd},
    {FourCC('4', 'k', '2', '4'), "2160p24", 3840, 2160, 1000, 24000, bmdProgressiveFrame, kUhd},
    {FourCC('4', 'k', '2', '5'), "2160p25", 3840, 2160, 1000, 25000, bmdProgressiveFrame, kUhd},
    {FourCC('4', 'k', '2', '9'), "2160p29.97", 3840, 2160, 1001, 30000, bmdProgressiveFrame, kUhd},
    {FourCC('4', 'k', '3', '0'), "2160p30", 3840, 2160, 1000, 30000, bmdProgressiveFrame, kUhd},
    {FourCC('4', 'k', '5', '0'), "2160p50", 3840, 2160, 1000, 50000, bmdProgressiveFrame, kUhd},
    {FourCC('4', 'k', '5', '9'), "2160p59.94", 3840, 2160, 1001, 60000, bmdProgressiveFrame, kUhd},
    {FourCC('4', 'k', '6', '0'), "2160p60", 3840, 2160, 1000, 60000, bmdProgressiveFrame, kUhd},
};

struct Rgb {
    double r, g, b;
};

// Bars left to right: white, yellow, cyan, green, magenta, red, blue (75%).
constexpr Rgb kBars[7] = {{0.75, 0.75, 0.75}, {0.75, 0.75, 0}, {0, 0.75, 0.75}, {0, 0.75, 0},
                          {0.75, 0, 0.75},    {0.75, 0, 0},    {0, 0, 0.75}};
constexpr Rgb kBlack = {0, 0, 0};
constexpr Rgb kWhite = {1, 1, 1};

struct Ycc10 {
    int32_t y, cb, cr;
};

Ycc10 ToYcc10(const Rgb &c, bool sd)
{
    const double kr = sd ? 0.299 : 0.2126;
    const double kb = sd ? 0.114 : 0.0722;
    const double kg = 1.0 - kr - kb;
    double y = kr * c.r + kg * c.g + kb * c.b;
    double cb = (c.b - y) / (2.0 * (1.0 - kb));
    double cr = (c.r - y) / (2.0 * (1.0 - kr));
    return {static_cast<int32_t>(std::lround(64 + 876 * y)), static_cast<int32_t>(std::lround(512 + 896 * cb)),
            static_cast<int32_t>(std::lround(512 + 896 * cr))};
}

Ycc10 ToYcc8(const Rgb &c, bool sd)
{
    const double kr = sd ? 0.299 : 0.2126;
    const double kb = sd ? 0.114 : 0.0722;
    const double kg = 1.0 - kr - kb;
    double y = kr * c.r + kg * c.g + kb * c.b;
    double cb = (c.b - y) / (2.0 * (1.0 - kb));
    double cr = (c.r - y) / (2.0 * (1.0 - kr));
    return {static_cast<int32_t>(std::lround(16 + 219 * y)), static_cast<int32_t>(std::lround(128 + 224 * cb)),
            static_cast<int32_t>(std::lround(128 + 224 * cr))};
}

void PutLe32(uint8_t *p, uint32_t v)
{
    p[0] = static_cast<uint8_t>(v);
    p[1] = static_cast<uint8_t>(v >> 8);
    p[2] = static_cast<uint8_t>(v >> 16);
    p[3] = static_cast<uint8_t>(v >> 24);
}

void PutBe32(uint8_t *p, uint32_t v)
{
    p[0] = static_cast<uint8_t>(v >> 24);
    p[1] = static_cast<uint8_t>(v >> 16);
    p[2] = static_cast<uint8_t>(v >> 8);
    p[3] = static_cast<uint8_t>(v);
}

uint32_t GetLe32(const uint8_t *p)
{
    return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16) |
           (static_cast<uint32_t>(p[3]) << 24);
}

// Packs one line of R'G'B' pixels (0..1) into `format`.
void PackLine(BMDPixelFormat format, bool sd, const Rgb *px, int32_t width, int32_t rowBytes, uint8_t *dst)
{
    std::memset(dst, 0, static_cast<size_t>(rowBytes));
    switch (format) {
    case bmdFormat10BitYUV: {
        // v210: per 6 pixels, 4 LE words of three 10-bit samples (bits 0-9, 10-19, 20-29):
        // Cb0 Y0 Cr0 | Y1 Cb2 Y2 | Cr2 Y3 Cb4 | Y4 Cr4 Y5. Chroma is taken from the even (co-sited) pixel.
        for (int32_t x0 = 0; x0 < width; x0 += 6) {
            int32_t y[6], cb[3], cr[3];
            for (int i = 0; i < 6; ++i) {
                Ycc10 v = x0 + i < width ? ToYcc10(px[x0 + i], sd) : ToYcc10(kBlack, sd);
                y[i] = v.y;
                if ((i & 1) == 0) {
                    cb[i / 2] = v.cb;
                    cr[i / 2] = v.cr;
                }
            }
            uint8_t *p = dst + (x0 / 6) * 16;
            auto word = [](int32_t a, int32_t b, int32_t c) {
                return static_cast<uint32_t>(a) | (static_cast<uint32_t>(b) << 10) | (static_cast<uint32_t>(c) << 20);
            };
            PutLe32(p + 0, word(cb[0], y[0], cr[0]));
            PutLe32(p + 4, word(y[1], cb[1], y[2]));
            PutLe32(p + 8, word(cr[1], y[3], cb[2]));
            PutLe32(p + 12, word(y[4], cr[2], y[5]));
        }
        break;
    }
    case bmdFormat8BitYUV: {
        // 2vuy: Cb Y0 Cr Y1 per pixel pair.
        for (int32_t x = 0; x < width; x += 2) {
            Ycc10 a = ToYcc8(px[x], sd);
            Ycc10 b = x + 1 < width ? ToYcc8(px[x + 1], sd) : a;
            uint8_t *p = dst + x * 2;
            p[0] = static_cast<uint8_t>(a.cb);
            p[1] = static_cast<uint8_t>(a.y);
            p[2] = static_cast<uint8_t>(a.cr);
            p[3] = static_cast<uint8_t>(b.y);
        }
        break;
    }
    case bmdFormat10BitRGB:
    case bmdFormat10BitRGBX:
    case bmdFormat10BitRGBXLE: {
        for (int32_t x = 0; x < width; ++x) {
            uint32_t r = static_cast<uint32_t>(std::lround(64 + 876 * px[x].r));
            uint32_t g = static_cast<uint32_t>(std::lround(64 + 876 * px[x].g));
            uint32_t b = static_cast<uint32_t>(std::lround(64 + 876 * px[x].b));
            uint8_t *p = dst + x * 4;
            if (format == bmdFormat10BitRGB) {
                PutBe32(p, (r << 20) | (g << 10) | b); // r210: 29-20 R, 19-10 G, 9-0 B, big-endian
            } else if (format == bmdFormat10BitRGBX) {
                PutBe32(p, (r << 22) | (g << 12) | (b << 2)); // R10b: 31-22 R, 21-12 G, 11-2 B, big-endian
            } else {
                PutLe32(p, (r << 22) | (g << 12) | (b << 2)); // R10l: same bits, little-endian
            }
        }
        break;
    }
    case bmdFormat12BitRGB:
    case bmdFormat12BitRGBLE: {
        // 8 pixels (24 twelve-bit components R0 G0 B0 R1 ...) in nine 32-bit words. The fact sheet does not
        // record the per-word bit diagram; this packs the components contiguously from bit 0 of word 0
        // upwards (an assumption to confirm on hardware; the shim itself never unpacks these bytes).
        for (int32_t x0 = 0; x0 < width; x0 += 8) {
            uint32_t words[9] = {};
            for (int i = 0; i < 8; ++i) {
                const Rgb &c = x0 + i < width ? px[x0 + i] : kBlack;
                uint32_t comps[3] = {static_cast<uint32_t>(std::lround(4095 * c.r)),
                                     static_cast<uint32_t>(std::lround(4095 * c.g)),
                                     static_cast<uint32_t>(std::lround(4095 * c.b))};
                for (int k = 0; k < 3; ++k) {
                    int bit = (i * 3 + k) * 12;
                    words[bit / 32] |= comps[k] << (bit % 32);
                    if (bit % 32 > 20) {
                        words[bit / 32 + 1] |= comps[k] >> (32 - bit % 32);
                    }
                }
            }
            uint8_t *p = dst + (x0 / 8) * 36;
            for (int w = 0; w < 9; ++w) {
                if (format == bmdFormat12BitRGB) {
                    PutBe32(p + w * 4, words[w]);
                } else {
                    PutLe32(p + w * 4, words[w]);
                }
            }
        }
        break;
    }
    case bmdFormat8BitBGRA:
    case bmdFormat8BitARGB: {
        for (int32_t x = 0; x < width; ++x) {
            uint8_t r = static_cast<uint8_t>(std::lround(255 * px[x].r));
            uint8_t g = static_cast<uint8_t>(std::lround(255 * px[x].g));
            uint8_t b = static_cast<uint8_t>(std::lround(255 * px[x].b));
            uint8_t *p = dst + x * 4;
            if (format == bmdFormat8BitBGRA) {
                p[0] = b, p[1] = g, p[2] = r, p[3] = 255;
            } else {
                p[0] = 255, p[1] = r, p[2] = g, p[3] = b;
            }
        }
        break;
    }
    default: break;
    }
}

} // namespace

const SimMode *Modes(size_t *count)
{
    *count = sizeof(kModes) / sizeof(kModes[0]);
    return kModes;
}

const SimMode *FindMode(BMDDisplayMode id)
{
    for (const SimMode &m : kModes) {
        if (m.id == id) {
            return &m;
        }
    }
    return nullptr;
}

bool SupportsFormat(const SimMode &mode, BMDPixelFormat format, bool input)
{
    bool sd = mode.height < 720;
    bool uhdHighRate = mode.width >= 3840 && mode.timeScale / mode.frameDuration > 30;
    switch (format) {
    case bmdFormat10BitYUV:
    case bmdFormat8BitYUV: return true;
    case bmdFormat10BitRGB:
    case bmdFormat10BitRGBX:
    case bmdFormat10BitRGBXLE: return !sd;
    case bmdFormat12BitRGB:
    case bmdFormat12BitRGBLE: return !sd && !uhdHighRate; // 12-bit 4:4:4 above 30p exceeds a 12G-SDI link
    case bmdFormat8BitBGRA:
    case bmdFormat8BitARGB: return !input; // like most SDI cards: RGB 8-bit for playout only
    default: return false;
    }
}

int32_t BoxSize(const SimMode &mode) { return mode.height >= 720 ? 64 : 32; }
int32_t BoxTop(const SimMode &mode) { return mode.height * 5 / 6 - BoxSize(mode) / 2; }
int32_t BoxLeft(const SimMode &mode, uint64_t frameIndex)
{
    return static_cast<int32_t>((frameIndex * 8) % static_cast<uint64_t>(mode.width - BoxSize(mode)));
}

void RenderPattern(const SimMode &mode, BMDPixelFormat format, int32_t rowBytes, uint64_t frameIndex, bool black,
                   uint8_t *dst)
{
    const bool sd = mode.height < 720;
    const int32_t w = mode.width;
    std::vector<Rgb> line(static_cast<size_t>(w));
    std::vector<uint8_t> barsRow(static_cast<size_t>(rowBytes)), blackRow(static_cast<size_t>(rowBytes));
    for (int32_t x = 0; x < w; ++x) {
        line[static_cast<size_t>(x)] = kBars[std::min(6, x * 7 / w)];
    }
    PackLine(format, sd, line.data(), w, rowBytes, barsRow.data());
    std::fill(line.begin(), line.end(), kBlack);
    PackLine(format, sd, line.data(), w, rowBytes, blackRow.data());

    const int32_t barsEnd = black ? 0 : mode.height * 2 / 3;
    for (int32_t y = 0; y < mode.height; ++y) {
        std::memcpy(dst + static_cast<size_t>(y) * rowBytes, y < barsEnd ? barsRow.data() : blackRow.data(),
                    static_cast<size_t>(rowBytes));
    }
    if (black) {
        return;
    }
    const int32_t size = BoxSize(mode), top = BoxTop(mode), left = BoxLeft(mode, frameIndex);
    for (int32_t x = left; x < left + size; ++x) {
        line[static_cast<size_t>(x)] = kWhite;
    }
    std::vector<uint8_t> boxRow(static_cast<size_t>(rowBytes));
    PackLine(format, sd, line.data(), w, rowBytes, boxRow.data());
    for (int32_t y = top; y < top + size; ++y) {
        std::memcpy(dst + static_cast<size_t>(y) * rowBytes, boxRow.data(), static_cast<size_t>(rowBytes));
    }
}

bool CodesLegal(BMDPixelFormat format, int32_t width, int32_t height, int64_t rowBytes, const uint8_t *bytes)
{
    const int32_t lines[2] = {0, height / 2};
    for (int32_t line : lines) {
        const uint8_t *row = bytes + static_cast<int64_t>(line) * rowBytes;
        if (format == bmdFormat10BitYUV) {
            int32_t words = (width + 5) / 6 * 4;
            for (int32_t i = 0; i < words; ++i) {
                uint32_t v = GetLe32(row + i * 4);
                if ((v >> 30) != 0) {
                    return false;
                }
                for (int k = 0; k < 3; ++k) {
                    uint32_t s = (v >> (10 * k)) & 0x3FF;
                    if (s < 4 || s > 1019) { // 0-3 and 1020-1023 are SDI timing reference codes
                        return false;
                    }
                }
            }
        } else if (format == bmdFormat8BitYUV) {
            for (int32_t i = 0; i < width * 2; ++i) {
                if (row[i] == 0 || row[i] == 255) {
                    return false;
                }
            }
        }
    }
    return true;
}

int32_t NominalRate(const SimMode &mode)
{
    return static_cast<int32_t>((mode.timeScale + mode.frameDuration / 2) / mode.frameDuration);
}

bool IsDropFrame(const SimMode &mode)
{
    int32_t rate = NominalRate(mode);
    return mode.frameDuration == 1001 && (rate == 30 || rate == 60);
}

TimecodeValue TimecodeFromFrames(int64_t frames, int32_t rate, bool dropFrame)
{
    // SMPTE ST 12-1 drop-frame: labels ;00 and ;01 (;00-;03 at 59.94) are skipped at the start of every
    // minute except minutes 0, 10, 20, 30, 40 and 50.
    if (dropFrame) {
        const int64_t drop = rate / 15; // 2 at 29.97, 4 at 59.94
        const int64_t perMinute = rate * 60 - drop;
        const int64_t perTenMinutes = rate * 600 - drop * 9;
        int64_t tens = frames / perTenMinutes;
        int64_t rest = frames % perTenMinutes;
        frames += drop * 9 * tens + (rest > drop ? drop * ((rest - drop) / perMinute) : 0);
    }
    TimecodeValue tc{};
    tc.frames = static_cast<uint8_t>(frames % rate);
    tc.seconds = static_cast<uint8_t>((frames / rate) % 60);
    tc.minutes = static_cast<uint8_t>((frames / (rate * 60)) % 60);
    tc.hours = static_cast<uint8_t>((frames / (static_cast<int64_t>(rate) * 3600)) % 24);
    tc.flags = dropFrame ? bmdTimecodeIsDropFrame : bmdTimecodeFlagDefault;
    return tc;
}

int64_t FramesForHours(int32_t hours, int32_t rate, bool dropFrame)
{
    if (dropFrame) {
        const int64_t drop = rate / 15;
        return static_cast<int64_t>(hours) * 6 * (rate * 600 - drop * 9);
    }
    return static_cast<int64_t>(hours) * 3600 * rate;
}

uint32_t ToBcd(const TimecodeValue &tc)
{
    auto bcd = [](uint8_t v) { return static_cast<uint32_t>(((v / 10) << 4) | (v % 10)); };
    return (bcd(tc.hours) << 24) | (bcd(tc.minutes) << 16) | (bcd(tc.seconds) << 8) | bcd(tc.frames);
}

} // namespace lgsim
