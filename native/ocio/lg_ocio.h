/*
 * lg_ocio.h — LiveGrade's flat C ABI over OpenColorIO 2.x.
 *
 * Rules (design.md, "Native shims"):
 *  - Thin and 1:1: every function wraps one OpenColorIO call or a short fixed sequence of them.
 *    Colour logic lives in C#; this shim only gives C# a way to ask OCIO the same question.
 *  - Fixed-width types only; opaque handles created and destroyed in pairs.
 *  - Every fallible function returns int32_t: LG_OCIO_OK (0) or LG_OCIO_ERROR (-1). On error the
 *    message is kept in a thread-local buffer read with LgOcio_LastError() on the same thread.
 *  - No C++ exception crosses this boundary: each entry point catches everything.
 *  - Strings in are UTF-8, NUL-terminated, borrowed for the duration of the call.
 *  - Strings out are owned by the handle they came from and live as long as it does.
 *
 * Threading: a processor handle may be applied from several threads at once (OCIO CPU processors
 * are thread-safe); creation and destruction must not race with use of the same handle.
 */
#ifndef LG_OCIO_H
#define LG_OCIO_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LG_OCIO_OK 0
#define LG_OCIO_ERROR (-1)

#define LG_OCIO_EXPORT __attribute__((visibility("default")))

typedef struct LgOcioConfig LgOcioConfig;       /* an OCIO config (raw, from a file or from text) */
typedef struct LgOcioProcessor LgOcioProcessor; /* a processor plus its optimised F32 CPU processor */
typedef struct LgOcioShader LgOcioShader;       /* GLSL text and the textures/uniforms it needs */

/* Direction of a transform. */
enum { LG_OCIO_FORWARD = 0, LG_OCIO_INVERSE = 1 };

/* CDL styles, as OCIO's CDLStyle: ASC v1.2 clamping, or no clamping. */
enum { LG_OCIO_CDL_ASC = 0, LG_OCIO_CDL_NO_CLAMP = 1 };

/* Interpolation for file transforms (OCIO's Interpolation enum values). */
enum {
    LG_OCIO_INTERP_DEFAULT = 0, /* OCIO's INTERP_DEFAULT */
    LG_OCIO_INTERP_NEAREST = 1,
    LG_OCIO_INTERP_LINEAR = 2,
    LG_OCIO_INTERP_TETRAHEDRAL = 3,
    LG_OCIO_INTERP_BEST = 4
};

/* Shader languages (subset of OCIO's GpuLanguage). */
enum { LG_OCIO_GLSL_4_0 = 0, LG_OCIO_GLSL_ES_3_0 = 1 };

/* Last error message on this thread ("" if none). Valid until the next failing call on the thread. */
LG_OCIO_EXPORT const char *LgOcio_LastError(void);

/* OCIO's version string, e.g. "2.1.2". Static storage. */
LG_OCIO_EXPORT const char *LgOcio_Version(void);

/* ---- configs ---- */

/* A raw config (OCIO's Config::CreateRaw): enough for builtin, CDL and file transforms. */
LG_OCIO_EXPORT int32_t LgOcio_ConfigCreateRaw(LgOcioConfig **outConfig);
/* A config read from a .ocio file on disk. */
LG_OCIO_EXPORT int32_t LgOcio_ConfigCreateFromFile(const char *path, LgOcioConfig **outConfig);
/* A config parsed from YAML text (Config::CreateFromStream). searchPath may be NULL. */
LG_OCIO_EXPORT int32_t LgOcio_ConfigCreateFromText(const char *yaml, const char *searchPath, LgOcioConfig **outConfig);
LG_OCIO_EXPORT void LgOcio_ConfigDestroy(LgOcioConfig *config);

/* Colour spaces, displays, views and looks by index. Names are owned by the config. */
LG_OCIO_EXPORT int32_t LgOcio_ConfigColorSpaceCount(LgOcioConfig *config);
LG_OCIO_EXPORT const char *LgOcio_ConfigColorSpaceName(LgOcioConfig *config, int32_t index);
LG_OCIO_EXPORT int32_t LgOcio_ConfigDisplayCount(LgOcioConfig *config);
LG_OCIO_EXPORT const char *LgOcio_ConfigDisplayName(LgOcioConfig *config, int32_t index);
LG_OCIO_EXPORT int32_t LgOcio_ConfigViewCount(LgOcioConfig *config, const char *display);
LG_OCIO_EXPORT const char *LgOcio_ConfigViewName(LgOcioConfig *config, const char *display, int32_t index);
LG_OCIO_EXPORT int32_t LgOcio_ConfigLookCount(LgOcioConfig *config);
LG_OCIO_EXPORT const char *LgOcio_ConfigLookName(LgOcioConfig *config, int32_t index);

/* ---- builtin transforms ---- */

/* Number of builtin transforms known to this OCIO, and each one's style name and description. */
LG_OCIO_EXPORT int32_t LgOcio_BuiltinCount(void);
LG_OCIO_EXPORT const char *LgOcio_BuiltinStyle(int32_t index);
LG_OCIO_EXPORT const char *LgOcio_BuiltinDescription(int32_t index);

/* ---- processors ---- */

/* A builtin transform by style name, e.g. "ARRI_ALEXA-LOGC-EI800-AWG_to_ACES2065-1". */
LG_OCIO_EXPORT int32_t LgOcio_ProcessorCreateBuiltin(const char *style, int32_t direction, LgOcioProcessor **out);
/* An ASC CDL: slope[3], offset[3], power[3], saturation, style LG_OCIO_CDL_*. */
LG_OCIO_EXPORT int32_t LgOcio_ProcessorCreateCdl(const double *slope, const double *offset, const double *power,
                                                 double saturation, int32_t style, int32_t direction,
                                                 LgOcioProcessor **out);
/* A file transform (LUT or CDL/CC/CCC file). cccid may be NULL. */
LG_OCIO_EXPORT int32_t LgOcio_ProcessorCreateFile(const char *path, const char *cccid, int32_t interpolation,
                                                  int32_t direction, LgOcioProcessor **out);
/* Colour space to colour space within a config. */
LG_OCIO_EXPORT int32_t LgOcio_ProcessorCreateColorSpaces(LgOcioConfig *config, const char *src, const char *dst,
                                                         LgOcioProcessor **out);
/* Scene colour space to a display/view of a config. */
LG_OCIO_EXPORT int32_t LgOcio_ProcessorCreateDisplayView(LgOcioConfig *config, const char *src, const char *display,
                                                         const char *view, int32_t direction, LgOcioProcessor **out);
/* Looks (OCIO look syntax, e.g. "+show_look") applied from src to dst. */
LG_OCIO_EXPORT int32_t LgOcio_ProcessorCreateLooks(LgOcioConfig *config, const char *src, const char *looks,
                                                   const char *dst, int32_t direction, LgOcioProcessor **out);
LG_OCIO_EXPORT void LgOcio_ProcessorDestroy(LgOcioProcessor *processor);

/* Apply in place to `pixelCount` packed pixels of `channels` (3 = RGB, 4 = RGBA) 32-bit floats.
 * Uses the processor's CPU processor without optimisation beyond OCIO's lossless defaults. */
LG_OCIO_EXPORT int32_t LgOcio_ProcessorApply(LgOcioProcessor *processor, float *pixels, int64_t pixelCount,
                                             int32_t channels);
/* A cache ID that identifies what the processor computes (equal IDs, equal results). */
LG_OCIO_EXPORT const char *LgOcio_ProcessorCacheId(LgOcioProcessor *processor);

/* ---- GPU shader extraction ---- */

/* Generate the shader for a processor. functionName is the GLSL function to emit, e.g. "lg_ocio_0";
 * resourcePrefix makes texture and uniform names unique when several OCIO shaders share a program. */
LG_OCIO_EXPORT int32_t LgOcio_ShaderCreate(LgOcioProcessor *processor, int32_t language, const char *functionName,
                                           const char *resourcePrefix, LgOcioShader **out);
LG_OCIO_EXPORT void LgOcio_ShaderDestroy(LgOcioShader *shader);
/* The GLSL text of the function `vec4 functionName(vec4)` and its declarations. */
LG_OCIO_EXPORT const char *LgOcio_ShaderText(LgOcioShader *shader);

/* 3D textures: edge length and RGB float data (edgeLen^3 * 3 floats, red fastest). */
LG_OCIO_EXPORT int32_t LgOcio_ShaderTexture3DCount(LgOcioShader *shader);
LG_OCIO_EXPORT int32_t LgOcio_ShaderTexture3D(LgOcioShader *shader, int32_t index, const char **textureName,
                                              const char **samplerName, int32_t *edgeLen, int32_t *linear,
                                              const float **values);
/* 1D/2D textures: width, height (1 for 1D-in-2D), channels (1 = red, 3 = RGB), float data. */
LG_OCIO_EXPORT int32_t LgOcio_ShaderTextureCount(LgOcioShader *shader);
LG_OCIO_EXPORT int32_t LgOcio_ShaderTexture(LgOcioShader *shader, int32_t index, const char **textureName,
                                            const char **samplerName, int32_t *width, int32_t *height,
                                            int32_t *channels, int32_t *linear, const float **values);
/* Uniforms (dynamic properties). type: 0 double, 1 bool, 2 float3, 3 float vector, 4 int vector. */
LG_OCIO_EXPORT int32_t LgOcio_ShaderUniformCount(LgOcioShader *shader);
LG_OCIO_EXPORT int32_t LgOcio_ShaderUniform(LgOcioShader *shader, int32_t index, const char **name, int32_t *type,
                                            double *scalarValue);

#ifdef __cplusplus
}
#endif

#endif /* LG_OCIO_H */
