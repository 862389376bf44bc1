// Decoding photos without trusting what they declare: the dimensions are read from the header first and
// refused beyond a pixel limit, and a large JPEG is decoded already scaled down by libjpeg's DCT scaling, so a
// small file that declares a huge picture never costs its declared size in memory.
#include "image_decoder.h"

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <jpeglib.h>
#include <png.h>

namespace securegate {

namespace {

bool starts_with(const uint8_t *bytes, size_t length, const uint8_t *prefix, size_t prefix_length) {
    return length >= prefix_length && std::memcmp(bytes, prefix, prefix_length) == 0;
}

const uint8_t jpeg_signature[] = {0xFF, 0xD8, 0xFF};
const uint8_t png_signature[] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

// libjpeg reports errors through a callback that must not return: it jumps back to the decoder's setjmp.
// No C++ object with a destructor lives between the setjmp and the jump.
struct jpeg_failure {
    jpeg_error_mgr manager;
    std::jmp_buf jump;
};

void jpeg_fail(j_common_ptr info) { std::longjmp(reinterpret_cast<jpeg_failure *>(info->err)->jump, 1); }
void jpeg_quiet(j_common_ptr, int) {}

// The reader of a PNG held in memory.
struct png_source {
    const uint8_t *bytes;
    size_t length;
    size_t offset;
};

void png_read_memory(png_structp png, png_bytep out, png_size_t count) {
    auto *source = static_cast<png_source *>(png_get_io_ptr(png));
    if (source->offset + count > source->length) png_error(png, "truncated");
    std::memcpy(out, source->bytes + source->offset, count);
    source->offset += count;
}

void png_warn(png_structp, png_const_charp) {}
// libpng's own error handler prints to standard error before it jumps; a bad upload is not worth a line.
void png_fail(png_structp png, png_const_charp) { png_longjmp(png, 1); }

// The smallest of libjpeg's M/8 scales that keeps the longer side at least max_side (8/8 when it is not longer).
unsigned int jpeg_scale_for(unsigned int longer, int max_side) {
    if (max_side <= 0 || longer <= unsigned(max_side)) return 8;
    for (unsigned int num = 1; num < 8; ++num) {
        if (longer * num / 8 >= unsigned(max_side)) return num;
    }
    return 8;
}

decode_status decode_jpeg(const uint8_t *bytes, size_t length, int64_t max_pixels, int max_side,
                          dlib::matrix<dlib::rgb_pixel> &out, int32_t &width, int32_t &height) {
    jpeg_decompress_struct info;
    jpeg_failure failure;
    info.err = jpeg_std_error(&failure.manager);
    failure.manager.error_exit = jpeg_fail;
    failure.manager.emit_message = jpeg_quiet;
    // Written between the setjmp and a jump, read after it: volatile, so it is not cached in a register.
    volatile decode_status status = decode_status::unreadable;
    JSAMPLE *volatile row = nullptr;
    if (setjmp(failure.jump) != 0) {
        jpeg_destroy_decompress(&info);
        delete[] row;
        return status;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, bytes, static_cast<unsigned long>(length));
    jpeg_read_header(&info, TRUE);
    width = int32_t(info.image_width);
    height = int32_t(info.image_height);
    if (int64_t(info.image_width) * int64_t(info.image_height) > max_pixels) {
        jpeg_destroy_decompress(&info);
        return decode_status::too_large;
    }
    info.out_color_space = JCS_RGB;
    info.scale_num = jpeg_scale_for(std::max(info.image_width, info.image_height), max_side);
    info.scale_denom = 8;
    jpeg_start_decompress(&info);
    out.set_size(long(info.output_height), long(info.output_width));
    row = new JSAMPLE[size_t(info.output_width) * 3];
    while (info.output_scanline < info.output_height) {
        JSAMPROW rows[1] = {row};
        const long y = long(info.output_scanline);
        jpeg_read_scanlines(&info, rows, 1);
        for (long x = 0; x < long(info.output_width); ++x) {
            out(y, x) = dlib::rgb_pixel(row[x * 3], row[x * 3 + 1], row[x * 3 + 2]);
        }
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    delete[] row;
    return decode_status::ok;
}

decode_status decode_png(const uint8_t *bytes, size_t length, int64_t max_pixels, dlib::matrix<dlib::rgb_pixel> &out,
                         int32_t &width, int32_t &height, bool header_only) {
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, png_fail, png_warn);
    if (png == nullptr) return decode_status::unreadable;
    png_infop info = png_create_info_struct(png);
    if (info == nullptr) {
        png_destroy_read_struct(&png, nullptr, nullptr);
        return decode_status::unreadable;
    }
    png_source source{bytes, length, 0};
    volatile decode_status status = decode_status::unreadable;
    png_bytep volatile row = nullptr;
    if (setjmp(png_jmpbuf(png)) != 0) {
        png_destroy_read_struct(&png, &info, nullptr);
        delete[] row;
        return status;
    }
    png_set_read_fn(png, &source, png_read_memory);
    png_read_info(png, info);
    width = int32_t(png_get_image_width(png, info));
    height = int32_t(png_get_image_height(png, info));
    if (int64_t(width) * int64_t(height) > max_pixels) {
        png_destroy_read_struct(&png, &info, nullptr);
        return decode_status::too_large;
    }
    if (header_only) {
        png_destroy_read_struct(&png, &info, nullptr);
        return decode_status::ok;
    }
    // Any PNG becomes 8-bit RGB: palettes expanded, gray made colour, 16 bits cut to 8, alpha dropped.
    png_set_expand(png);
    png_set_strip_16(png);
    png_set_gray_to_rgb(png);
    png_set_strip_alpha(png);
    const int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    out.set_size(height, width);
    row = new png_byte[png_get_rowbytes(png, info)];
    for (int pass = 0; pass < passes; ++pass) {
        for (long y = 0; y < height; ++y) {
            // Interlaced images are read in several passes over the same rows: each pass refines the last.
            if (pass > 0) {
                for (long x = 0; x < width; ++x) {
                    row[x * 3] = out(y, x).red;
                    row[x * 3 + 1] = out(y, x).green;
                    row[x * 3 + 2] = out(y, x).blue;
                }
            }
            png_read_row(png, row, nullptr);
            for (long x = 0; x < width; ++x) out(y, x) = dlib::rgb_pixel(row[x * 3], row[x * 3 + 1], row[x * 3 + 2]);
        }
    }
    png_destroy_read_struct(&png, &info, nullptr);
    delete[] row;
    return decode_status::ok;
}

} // namespace

decode_status image_size(const uint8_t *bytes, size_t length, int32_t &width, int32_t &height) {
    dlib::matrix<dlib::rgb_pixel> unused;
    if (starts_with(bytes, length, png_signature, sizeof png_signature)) {
        return decode_png(bytes, length, INT64_MAX, unused, width, height, true);
    }
    if (!starts_with(bytes, length, jpeg_signature, sizeof jpeg_signature)) return decode_status::unreadable;
    jpeg_decompress_struct info;
    jpeg_failure failure;
    info.err = jpeg_std_error(&failure.manager);
    failure.manager.error_exit = jpeg_fail;
    failure.manager.emit_message = jpeg_quiet;
    if (setjmp(failure.jump) != 0) {
        jpeg_destroy_decompress(&info);
        return decode_status::unreadable;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, bytes, static_cast<unsigned long>(length));
    jpeg_read_header(&info, TRUE);
    width = int32_t(info.image_width);
    height = int32_t(info.image_height);
    jpeg_destroy_decompress(&info);
    return decode_status::ok;
}

decode_status decode_image(const uint8_t *bytes, size_t length, int64_t max_pixels, int max_side,
                           dlib::matrix<dlib::rgb_pixel> &out, int32_t &width, int32_t &height) {
    // Decoded by content, not by a declared type: callers send whatever their camera wrote.
    if (starts_with(bytes, length, jpeg_signature, sizeof jpeg_signature)) {
        return decode_jpeg(bytes, length, max_pixels, max_side, out, width, height);
    }
    if (starts_with(bytes, length, png_signature, sizeof png_signature)) {
        return decode_png(bytes, length, max_pixels, out, width, height, false);
    }
    return decode_status::unreadable;
}

} // namespace securegate
