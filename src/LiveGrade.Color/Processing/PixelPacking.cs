namespace LiveGrade.Color.Processing;

/// <summary>
/// Unpacks pixels of any <see cref="PixelBufferFormat"/> to an RGBA float tile and packs them back.
/// Integers: value = code / max on the way in; on the way out code = round(clamp(value, 0, 1) * max)
/// (half away from zero), NaN giving 0. Half: exact widening in, IEEE round-to-nearest-even out (so
/// overflow becomes infinity and NaN stays NaN). Alpha is unpacked as 1 for RGB buffers and never packed.
/// </summary>
internal static unsafe class PixelPacking
{
    public static void Unpack(void* data, PixelBufferFormat format, long first, int count, float* tile)
    {
        int ch = format.Channels;
        switch (format.Sample)
        {
            case PixelSample.Float32:
            {
                float* src = (float*)data + first * ch;
                for (int i = 0; i < count; i++, src += ch)
                {
                    tile[i * 4] = src[0];
                    tile[i * 4 + 1] = src[1];
                    tile[i * 4 + 2] = src[2];
                    tile[i * 4 + 3] = ch == 4 ? src[3] : 1f;
                }
                break;
            }
            case PixelSample.Half:
            {
                Half* src = (Half*)data + first * ch;
                for (int i = 0; i < count; i++, src += ch)
                {
                    tile[i * 4] = (float)src[0];
                    tile[i * 4 + 1] = (float)src[1];
                    tile[i * 4 + 2] = (float)src[2];
                    tile[i * 4 + 3] = 1f;
                }
                break;
            }
            default:
            {
                ushort* src = (ushort*)data + first * ch;
                // Codes above the bit depth (garbage in the high bits of a 10/12-bit word) read as the maximum.
                int max = format.MaxCode;
                float scale = 1f / max;
                for (int i = 0; i < count; i++, src += ch)
                {
                    tile[i * 4] = System.Math.Min(src[0], max) * scale;
                    tile[i * 4 + 1] = System.Math.Min(src[1], max) * scale;
                    tile[i * 4 + 2] = System.Math.Min(src[2], max) * scale;
                    tile[i * 4 + 3] = 1f;
                }
                break;
            }
        }
    }

    public static void Pack(float* tile, int count, void* data, PixelBufferFormat format, long first)
    {
        int ch = format.Channels;
        switch (format.Sample)
        {
            case PixelSample.Float32:
            {
                float* dst = (float*)data + first * ch;
                for (int i = 0; i < count; i++, dst += ch)
                {
                    dst[0] = tile[i * 4];
                    dst[1] = tile[i * 4 + 1];
                    dst[2] = tile[i * 4 + 2];
                }
                break;
            }
            case PixelSample.Half:
            {
                Half* dst = (Half*)data + first * ch;
                for (int i = 0; i < count; i++, dst += ch)
                {
                    dst[0] = (Half)tile[i * 4];
                    dst[1] = (Half)tile[i * 4 + 1];
                    dst[2] = (Half)tile[i * 4 + 2];
                }
                break;
            }
            default:
            {
                ushort* dst = (ushort*)data + first * ch;
                float max = format.MaxCode;
                for (int i = 0; i < count; i++, dst += ch)
                {
                    dst[0] = ToCode(tile[i * 4], max);
                    dst[1] = ToCode(tile[i * 4 + 1], max);
                    dst[2] = ToCode(tile[i * 4 + 2], max);
                }
                break;
            }
        }
    }

    /// <summary>round(clamp(v, 0, 1) * max); NaN fails the first test and gives 0.</summary>
    internal static ushort ToCode(float v, float max) => (ushort)(v > 0f ? (v < 1f ? (int)(v * max + 0.5f) : (int)max) : 0);
}
