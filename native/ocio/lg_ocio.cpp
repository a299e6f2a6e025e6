// lg_ocio.cpp — implementation of the flat C ABI in lg_ocio.h over OpenColorIO 2.1+.
// Every entry point catches all exceptions and turns them into LG_OCIO_ERROR plus a thread-local message.

#include "lg_ocio.h"

#include <OpenColorIO/OpenColorIO.h>

#include <exception>
#include <sstream>
#include <string>
#include <vector>

namespace OCIO = OCIO_NAMESPACE;

namespace {

thread_local std::string t_lastError;

int32_t fail(const char *what) {
    t_lastError = what ? what : "unknown error";
    return LG_OCIO_ERROR;
}

// Runs body, converting any exception into the thread-local error message.
template <typename F> int32_t guarded(F &&body) {
    try {
        t_lastError.clear();
        return body();
    } catch (const std::exception &e) {
        return fail(e.what());
    } catch (...) {
        return fail("unknown C++ exception in OpenColorIO");
    }
}

OCIO::TransformDirection toDirection(int32_t direction) {
    return direction == LG_OCIO_INVERSE ? OCIO::TRANSFORM_DIR_INVERSE : OCIO::TRANSFORM_DIR_FORWARD;
}

} // namespace

struct LgOcioConfig {
    OCIO::ConstConfigRcPtr config;
};

struct LgOcioProcessor {
    OCIO::ConstProcessorRcPtr processor;
    // Lossless optimisation only: the shim is LiveGrade's reference, so OCIO's fast log/exp/pow
    // approximations (OPTIMIZATION_FAST_LOG_EXP_POW, part of OCIO's default level) are left out.
    OCIO::ConstCPUProcessorRcPtr cpu;
    std::string cacheId;
};

struct LgOcioShader {
    OCIO::GpuShaderDescRcPtr desc;
    std::string text;
    std::vector<std::string> uniformNames;
};

namespace {

int32_t makeProcessor(OCIO::ConstProcessorRcPtr processor, LgOcioProcessor **out) {
    auto *handle = new LgOcioProcessor();
    handle->processor = processor;
    handle->cpu = processor->getOptimizedCPUProcessor(OCIO::BIT_DEPTH_F32, OCIO::BIT_DEPTH_F32,
                                                      OCIO::OPTIMIZATION_LOSSLESS);
    handle->cacheId = processor->getCacheID();
    *out = handle;
    return LG_OCIO_OK;
}

OCIO::ConstConfigRcPtr rawConfig() {
    static OCIO::ConstConfigRcPtr raw = OCIO::Config::CreateRaw();
    return raw;
}

} // namespace

extern "C" {

const char *LgOcio_LastError(void) { return t_lastError.c_str(); }

const char *LgOcio_Version(void) { return OCIO::GetVersion(); }

int32_t LgOcio_ConfigCreateRaw(LgOcioConfig **outConfig) {
    return guarded([&] {
        if (!outConfig) return fail("outConfig is null");
        *outConfig = new LgOcioConfig{OCIO::Config::CreateRaw()};
        return LG_OCIO_OK;
    });
}

int32_t LgOcio_ConfigCreateFromFile(const char *path, LgOcioConfig **outConfig) {
    return guarded([&] {
        if (!path || !outConfig) return fail("path or outConfig is null");
        *outConfig = new LgOcioConfig{OCIO::Config::CreateFromFile(path)};
        return LG_OCIO_OK;
    });
}

int32_t LgOcio_ConfigCreateFromText(const char *yaml, const char *searchPath, LgOcioConfig **outConfig) {
    return guarded([&] {
        if (!yaml || !outConfig) return fail("yaml or outConfig is null");
        std::istringstream stream(yaml);
        OCIO::ConstConfigRcPtr config = OCIO::Config::CreateFromStream(stream);
        if (searchPath) {
            OCIO::ConfigRcPtr editable = config->createEditableCopy();
            editable->setSearchPath(searchPath);
            config = editable;
        }
        *outConfig = new LgOcioConfig{config};
        return LG_OCIO_OK;
    });
}

void LgOcio_ConfigDestroy(LgOcioConfig *config) { delete config; }

int32_t LgOcio_ConfigColorSpaceCount(LgOcioConfig *config) {
    return config ? config->config->getNumColorSpaces() : 0;
}

const char *LgOcio_ConfigColorSpaceName(LgOcioConfig *config, int32_t index) {
    return config ? config->config->getColorSpaceNameByIndex(index) : "";
}

int32_t LgOcio_ConfigDisplayCount(LgOcioConfig *config) { return config ? config->config->getNumDisplays() : 0; }

const char *LgOcio_ConfigDisplayName(LgOcioConfig *config, int32_t index) {
    return config ? config->config->getDisplay(index) : "";
}

int32_t LgOcio_ConfigViewCount(LgOcioConfig *config, const char *display) {
    return config && display ? config->config->getNumViews(display) : 0;
}

const char *LgOcio_ConfigViewName(LgOcioConfig *config, const char *display, int32_t index) {
    return config && display ? config->config->getView(display, index) : "";
}

int32_t LgOcio_ConfigLookCount(LgOcioConfig *config) { return config ? config->config->getNumLooks() : 0; }

const char *LgOcio_ConfigLookName(LgOcioConfig *config, int32_t index) {
    return config ? config->config->getLookNameByIndex(index) : "";
}

int32_t LgOcio_BuiltinCount(void) {
    try {
        return static_cast<int32_t>(OCIO::BuiltinTransformRegistry::Get()->getNumBuiltins());
    } catch (...) {
        return 0;
    }
}

const char *LgOcio_BuiltinStyle(int32_t index) {
    try {
        return OCIO::BuiltinTransformRegistry::Get()->getBuiltinStyle(static_cast<size_t>(index));
    } catch (...) {
        return "";
    }
}

const char *LgOcio_BuiltinDescription(int32_t index) {
    try {
        return OCIO::BuiltinTransformRegistry::Get()->getBuiltinDescription(static_cast<size_t>(index));
    } catch (...) {
        return "";
    }
}

int32_t LgOcio_ProcessorCreateBuiltin(const char *style, int32_t direction, LgOcioProcessor **out) {
    return guarded([&] {
        if (!style || !out) return fail("style or out is null");
        OCIO::BuiltinTransformRcPtr transform = OCIO::BuiltinTransform::Create();
        transform->setStyle(style);
        transform->setDirection(toDirection(direction));
        return makeProcessor(rawConfig()->getProcessor(transform), out);
    });
}

int32_t LgOcio_ProcessorCreateCdl(const double *slope, const double *offset, const double *power, double saturation,
                                  int32_t style, int32_t direction, LgOcioProcessor **out) {
    return guarded([&] {
        if (!slope || !offset || !power || !out) return fail("a CDL argument is null");
        OCIO::CDLTransformRcPtr transform = OCIO::CDLTransform::Create();
        transform->setSlope(slope);
        transform->setOffset(offset);
        transform->setPower(power);
        transform->setSat(saturation);
        transform->setStyle(style == LG_OCIO_CDL_NO_CLAMP ? OCIO::CDL_NO_CLAMP : OCIO::CDL_ASC);
        transform->setDirection(toDirection(direction));
        return makeProcessor(rawConfig()->getProcessor(transform), out);
    });
}

int32_t LgOcio_ProcessorCreateFile(const char *path, const char *cccid, int32_t interpolation, int32_t direction,
                                   LgOcioProcessor **out) {
    return guarded([&] {
        if (!path || !out) return fail("path or out is null");
        OCIO::FileTransformRcPtr transform = OCIO::FileTransform::Create();
        transform->setSrc(path);
        if (cccid) transform->setCCCId(cccid);
        transform->setInterpolation(static_cast<OCIO::Interpolation>(interpolation));
        transform->setDirection(toDirection(direction));
        return makeProcessor(rawConfig()->getProcessor(transform), out);
    });
}

int32_t LgOcio_ProcessorCreateColorSpaces(LgOcioConfig *config, const char *src, const char *dst,
                                          LgOcioProcessor **out) {
    return guarded([&] {
        if (!config || !src || !dst || !out) return fail("an argument is null");
        return makeProcessor(config->config->getProcessor(src, dst), out);
    });
}

int32_t LgOcio_ProcessorCreateDisplayView(LgOcioConfig *config, const char *src, const char *display,
                                          const char *view, int32_t direction, LgOcioProcessor **out) {
    return guarded([&] {
        if (!config || !src || !display || !view || !out) return fail("an argument is null");
        OCIO::DisplayViewTransformRcPtr transform = OCIO::DisplayViewTransform::Create();
        transform->setSrc(src);
        transform->setDisplay(display);
        transform->setView(view);
        transform->setDirection(toDirection(direction));
        return makeProcessor(config->config->getProcessor(transform), out);
    });
}

int32_t LgOcio_ProcessorCreateLooks(LgOcioConfig *config, const char *src, const char *looks, const char *dst,
                                    int32_t direction, LgOcioProcessor **out) {
    return guarded([&] {
        if (!config || !src || !looks || !dst || !out) return fail("an argument is null");
        OCIO::LookTransformRcPtr transform = OCIO::LookTransform::Create();
        transform->setSrc(src);
        transform->setLooks(looks);
        transform->setDst(dst);
        transform->setDirection(toDirection(direction));
        return makeProcessor(config->config->getProcessor(transform), out);
    });
}

void LgOcio_ProcessorDestroy(LgOcioProcessor *processor) { delete processor; }

int32_t LgOcio_ProcessorApply(LgOcioProcessor *processor, float *pixels, int64_t pixelCount, int32_t channels) {
    return guarded([&] {
        if (!processor || (!pixels && pixelCount > 0)) return fail("processor or pixels is null");
        if (channels != 3 && channels != 4) return fail("channels must be 3 or 4");
        if (pixelCount <= 0) return LG_OCIO_OK;
        // One row of pixelCount pixels: the processor is per pixel, so image shape does not matter.
        OCIO::PackedImageDesc image(pixels, static_cast<long>(pixelCount), 1, channels);
        processor->cpu->apply(image);
        return LG_OCIO_OK;
    });
}

const char *LgOcio_ProcessorCacheId(LgOcioProcessor *processor) {
    return processor ? processor->cacheId.c_str() : "";
}

int32_t LgOcio_ShaderCreate(LgOcioProcessor *processor, int32_t language, const char *functionName,
                            const char *resourcePrefix, LgOcioShader **out) {
    return guarded([&] {
        if (!processor || !functionName || !out) return fail("an argument is null");
        OCIO::GpuShaderDescRcPtr desc = OCIO::GpuShaderDesc::CreateShaderDesc();
        desc->setLanguage(language == LG_OCIO_GLSL_ES_3_0 ? OCIO::GPU_LANGUAGE_GLSL_ES_3_0
                                                          : OCIO::GPU_LANGUAGE_GLSL_4_0);
        desc->setFunctionName(functionName);
        if (resourcePrefix) desc->setResourcePrefix(resourcePrefix);
        // Lossless optimisation, as for the CPU processor: the GPU and CPU paths compute the same ops.
        processor->processor->getOptimizedGPUProcessor(OCIO::OPTIMIZATION_LOSSLESS)->extractGpuShaderInfo(desc);
        auto *shader = new LgOcioShader();
        shader->desc = desc;
        shader->text = desc->getShaderText();
        *out = shader;
        return LG_OCIO_OK;
    });
}

void LgOcio_ShaderDestroy(LgOcioShader *shader) { delete shader; }

const char *LgOcio_ShaderText(LgOcioShader *shader) { return shader ? shader->text.c_str() : ""; }

int32_t LgOcio_ShaderTexture3DCount(LgOcioShader *shader) {
    return shader ? static_cast<int32_t>(shader->desc->getNum3DTextures()) : 0;
}

int32_t LgOcio_ShaderTexture3D(LgOcioShader *shader, int32_t index, const char **textureName,
                               const char **samplerName, int32_t *edgeLen, int32_t *linear, const float **values) {
    return guarded([&] {
        if (!shader || !textureName || !samplerName || !edgeLen || !linear || !values)
            return fail("an argument is null");
        unsigned edge = 0;
        OCIO::Interpolation interp = OCIO::INTERP_DEFAULT;
        shader->desc->get3DTexture(static_cast<unsigned>(index), *textureName, *samplerName, edge, interp);
        shader->desc->get3DTextureValues(static_cast<unsigned>(index), *values);
        *edgeLen = static_cast<int32_t>(edge);
        *linear = interp == OCIO::INTERP_NEAREST ? 0 : 1;
        return LG_OCIO_OK;
    });
}

int32_t LgOcio_ShaderTextureCount(LgOcioShader *shader) {
    return shader ? static_cast<int32_t>(shader->desc->getNumTextures()) : 0;
}

int32_t LgOcio_ShaderTexture(LgOcioShader *shader, int32_t index, const char **textureName, const char **samplerName,
                             int32_t *width, int32_t *height, int32_t *channels, int32_t *linear,
                             const float **values) {
    return guarded([&] {
        if (!shader || !textureName || !samplerName || !width || !height || !channels || !linear || !values)
            return fail("an argument is null");
        unsigned w = 0, h = 0;
        OCIO::GpuShaderDesc::TextureType type = OCIO::GpuShaderDesc::TEXTURE_RGB_CHANNEL;
        OCIO::Interpolation interp = OCIO::INTERP_DEFAULT;
        shader->desc->getTexture(static_cast<unsigned>(index), *textureName, *samplerName, w, h, type, interp);
        shader->desc->getTextureValues(static_cast<unsigned>(index), *values);
        *width = static_cast<int32_t>(w);
        *height = static_cast<int32_t>(h);
        *channels = type == OCIO::GpuShaderDesc::TEXTURE_RED_CHANNEL ? 1 : 3;
        *linear = interp == OCIO::INTERP_NEAREST ? 0 : 1;
        return LG_OCIO_OK;
    });
}

int32_t LgOcio_ShaderUniformCount(LgOcioShader *shader) {
    return shader ? static_cast<int32_t>(shader->desc->getNumUniforms()) : 0;
}

int32_t LgOcio_ShaderUniform(LgOcioShader *shader, int32_t index, const char **name, int32_t *type,
                             double *scalarValue) {
    return guarded([&] {
        if (!shader || !name || !type || !scalarValue) return fail("an argument is null");
        OCIO::GpuShaderDesc::UniformData data;
        *name = shader->desc->getUniform(static_cast<unsigned>(index), data);
        switch (data.m_type) {
        case OCIO::UNIFORM_DOUBLE:
            *type = 0;
            *scalarValue = data.m_getDouble ? data.m_getDouble() : 0.0;
            break;
        case OCIO::UNIFORM_BOOL:
            *type = 1;
            *scalarValue = data.m_getBool && data.m_getBool() ? 1.0 : 0.0;
            break;
        case OCIO::UNIFORM_FLOAT3:
            *type = 2;
            *scalarValue = 0.0;
            break;
        case OCIO::UNIFORM_VECTOR_FLOAT:
            *type = 3;
            *scalarValue = 0.0;
            break;
        default:
            *type = 4;
            *scalarValue = 0.0;
            break;
        }
        return LG_OCIO_OK;
    });
}

} // extern "C"
