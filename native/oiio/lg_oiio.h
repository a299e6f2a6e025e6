/*
 * lg_oiio.h — LiveGrade's flat C ABI over OpenImageIO, for reading and writing image files as
 * float RGBA.
 *
 * Same rules as lg_ocio.h: int32_t status (LG_OIIO_OK / LG_OIIO_ERROR), a thread-local error message
 * from LgOiio_LastError(), no C++ exception crosses the boundary, opaque handles in create/destroy
 * pairs, UTF-8 paths borrowed for the call. Any thread may call; a handle is used by one thread at
 * a time.
 */
#ifndef LG_OIIO_H
#define LG_OIIO_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LG_OIIO_OK 0
#define LG_OIIO_ERROR (-1)
#define LG_OIIO_EXPORT __attribute__((visibility("default")))

/* Sample formats for writing. The file format (from the path's extension) may support only some:
 * EXR half/float; TIFF uint8/uint16/float; DPX uint10 (also uint8/uint16); PNG uint8/uint16. */
enum {
    LG_OIIO_UINT8 = 0,
    LG_OIIO_UINT10 = 1, /* stored as 10-bit where the format has it (DPX) */
    LG_OIIO_UINT16 = 2,
    LG_OIIO_HALF = 3,
    LG_OIIO_FLOAT = 4
};

typedef struct LgOiioInput LgOiioInput; /* an open image file, first subimage, first mip level */

LG_OIIO_EXPORT const char *LgOiio_LastError(void);
LG_OIIO_EXPORT const char *LgOiio_Version(void);

/* Opens a file and reads its header. */
LG_OIIO_EXPORT int32_t LgOiio_Open(const char *path, LgOiioInput **outInput);
/* Size, the number of channels in the file, and the file's own sample format (LG_OIIO_*, or -1 for others)
 * with its bits per sample (10 for 10-bit DPX). */
LG_OIIO_EXPORT int32_t LgOiio_Spec(LgOiioInput *input, int32_t *width, int32_t *height, int32_t *channels,
                                   int32_t *format, int32_t *bitsPerSample);
/* Reads the whole image as packed float RGBA into dst (width*height*4 floats, dstCount of them).
 * Integer files are normalised to 0..1; a missing alpha is 1; grey is copied into R, G and B. */
LG_OIIO_EXPORT int32_t LgOiio_ReadRgba(LgOiioInput *input, float *dst, int64_t dstCount);
LG_OIIO_EXPORT void LgOiio_Close(LgOiioInput *input);

/* Writes packed float pixels (channels 3 or 4) to path, quantising to `format`.
 * Integer formats clamp to 0..1 and round to nearest. */
LG_OIIO_EXPORT int32_t LgOiio_Write(const char *path, const float *pixels, int32_t width, int32_t height,
                                    int32_t channels, int32_t format);

#ifdef __cplusplus
}
#endif

#endif /* LG_OIIO_H */
