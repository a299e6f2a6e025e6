// lg_oiio.cpp — implementation of lg_oiio.h over OpenImageIO 2.4.

#include "lg_oiio.h"

#include <OpenImageIO/imageio.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <string>
#include <vector>

namespace OIIO = OIIO_NAMESPACE;

namespace {

thread_local std::string t_lastError;

int32_t fail(const std::string &what) {
    t_lastError = what.empty() ? std::string("unknown error") : what;
    return LG_OIIO_ERROR;
}

template <typename F> int32_t guarded(F &&body) {
    try {
        t_lastError.clear();
        return body();
    } catch (const std::exception &e) {
        return fail(e.what());
    } catch (...) {
        return fail("unknown C++ exception in OpenImageIO");
    }
}

int32_t fromTypeDesc(const OIIO::TypeDesc &t) {
    if (t == OIIO::TypeDesc::UINT8) return LG_OIIO_UINT8;
    if (t == OIIO::TypeDesc::UINT16) return LG_OIIO_UINT16;
    if (t == OIIO::TypeDesc::HALF) return LG_OIIO_HALF;
    if (t == OIIO::TypeDesc::FLOAT) return LG_OIIO_FLOAT;
    return -1;
}

} // namespace

struct LgOiioInput {
    std::unique_ptr<OIIO::ImageInput> input;
    OIIO::ImageSpec spec;
    std::string path;
};

extern "C" {

const char *LgOiio_LastError(void) { return t_lastError.c_str(); }

const char *LgOiio_Version(void) { return OIIO_VERSION_STRING; }

int32_t LgOiio_Open(const char *path, LgOiioInput **outInput) {
    return guarded([&] {
        if (!path || !outInput) return fail("path or outInput is null");
        auto in = OIIO::ImageInput::open(path);
        if (!in) {
            std::string err = OIIO::geterror();
            return fail(err.empty() ? std::string("cannot open ") + path : err);
        }
        auto *handle = new LgOiioInput();
        handle->spec = in->spec();
        handle->input = std::move(in);
        handle->path = path;
        *outInput = handle;
        return LG_OIIO_OK;
    });
}

int32_t LgOiio_Spec(LgOiioInput *input, int32_t *width, int32_t *height, int32_t *channels, int32_t *format,
                    int32_t *bitsPerSample) {
    return guarded([&] {
        if (!input || !width || !height || !channels || !format || !bitsPerSample) return fail("an argument is null");
        const OIIO::ImageSpec &spec = input->spec;
        *width = spec.width;
        *height = spec.height;
        *channels = spec.nchannels;
        int bits = spec.get_int_attribute("oiio:BitsPerSample", 0);
        int32_t fmt = fromTypeDesc(spec.format);
        if (bits == 10) fmt = LG_OIIO_UINT10;
        *format = fmt;
        *bitsPerSample = bits > 0 ? bits : static_cast<int32_t>(spec.format.size() * 8);
        return LG_OIIO_OK;
    });
}

int32_t LgOiio_ReadRgba(LgOiioInput *input, float *dst, int64_t dstCount) {
    return guarded([&] {
        if (!input || !dst) return fail("input or dst is null");
        const OIIO::ImageSpec &spec = input->spec;
        const int64_t pixels = static_cast<int64_t>(spec.width) * spec.height;
        if (dstCount < pixels * 4) return fail("destination buffer too small");
        const int nch = spec.nchannels;
        if (nch < 1) return fail("image has no channels");
        std::vector<float> scratch(static_cast<size_t>(pixels) * nch);
        const int bits = spec.get_int_attribute("oiio:BitsPerSample", 0);
        if (spec.format == OIIO::TypeDesc::UINT16 && bits > 0 && bits < 16) {
            // 10/12-bit files (DPX) arrive scaled to 16 bits by bit replication; converting that to float
            // would give v16/65535, not the file's code/1023. Recover the exact code and normalise it.
            std::vector<uint16_t> codes(scratch.size());
            if (!input->input->read_image(0, 0, 0, nch, OIIO::TypeDesc::UINT16, codes.data()))
                return fail(input->path + ": " + input->input->geterror());
            const float scale = 1.0f / static_cast<float>((1 << bits) - 1);
            for (size_t i = 0; i < codes.size(); ++i)
                scratch[i] = static_cast<float>(codes[i] >> (16 - bits)) * scale;
        } else if (!input->input->read_image(0, 0, 0, nch, OIIO::TypeDesc::FLOAT, scratch.data())) {
            return fail(input->path + ": " + input->input->geterror());
        }
        for (int64_t i = 0; i < pixels; ++i) {
            const float *s = &scratch[static_cast<size_t>(i * nch)];
            float *d = dst + i * 4;
            if (nch >= 3) {
                d[0] = s[0]; d[1] = s[1]; d[2] = s[2];
                d[3] = nch >= 4 ? s[3] : 1.0f;
            } else {
                d[0] = d[1] = d[2] = s[0];
                d[3] = nch == 2 ? s[1] : 1.0f;
            }
        }
        return LG_OIIO_OK;
    });
}

void LgOiio_Close(LgOiioInput *input) {
    if (!input) return;
    try {
        if (input->input) input->input->close();
    } catch (...) {
    }
    delete input;
}

int32_t LgOiio_Write(const char *path, const float *pixels, int32_t width, int32_t height, int32_t channels,
                     int32_t format) {
    return guarded([&] {
        if (!path || !pixels) return fail("path or pixels is null");
        if (width <= 0 || height <= 0) return fail("image size must be positive");
        if (channels != 3 && channels != 4) return fail("channels must be 3 or 4");
        OIIO::TypeDesc type = OIIO::TypeDesc::FLOAT;
        int bits = 0;
        switch (format) {
        case LG_OIIO_UINT8: type = OIIO::TypeDesc::UINT8; break;
        case LG_OIIO_UINT10: type = OIIO::TypeDesc::UINT16; bits = 10; break;
        case LG_OIIO_UINT16: type = OIIO::TypeDesc::UINT16; break;
        case LG_OIIO_HALF: type = OIIO::TypeDesc::HALF; break;
        case LG_OIIO_FLOAT: type = OIIO::TypeDesc::FLOAT; break;
        default: return fail("unknown sample format");
        }
        auto out = OIIO::ImageOutput::create(path);
        if (!out) {
            std::string err = OIIO::geterror();
            return fail(err.empty() ? std::string("no writer for ") + path : err);
        }
        OIIO::ImageSpec spec(width, height, channels, type);
        if (bits) spec.attribute("oiio:BitsPerSample", bits);
        if (format == LG_OIIO_HALF || format == LG_OIIO_FLOAT) spec.attribute("compression", "zip");
        if (!out->open(path, spec)) return fail(std::string(path) + ": " + out->geterror());
        // OIIO converts float to the file's type, clamping and rounding integer formats.
        if (!out->write_image(OIIO::TypeDesc::FLOAT, pixels)) {
            std::string err = out->geterror();
            out->close();
            return fail(std::string(path) + ": " + err);
        }
        if (!out->close()) return fail(std::string(path) + ": " + out->geterror());
        return LG_OIIO_OK;
    });
}

} // extern "C"
