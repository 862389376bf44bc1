// Decoding JPEG and PNG photos with libjpeg and libpng, bounded by a pixel limit read from the header.
#ifndef SECUREGATE_IMAGE_DECODER_H
#define SECUREGATE_IMAGE_DECODER_H

#include <cstddef>
#include <cstdint>

#include <dlib/matrix.h>
#include <dlib/pixel.h>

namespace securegate {

enum class decode_status { ok, unreadable, too_large };

// The dimensions a JPEG or PNG declares in its header, without decoding it.
decode_status image_size(const uint8_t *bytes, size_t length, int32_t &width, int32_t &height);

// Decodes a JPEG or PNG into RGB, refusing one that declares more than max_pixels (width and height are set
// from the header either way). A JPEG whose longer side exceeds max_side is decoded scaled down by libjpeg
// to the smallest eighth that keeps it at least max_side; the caller scales the rest of the way.
decode_status decode_image(const uint8_t *bytes, size_t length, int64_t max_pixels, int max_side,
                           dlib::matrix<dlib::rgb_pixel> &out, int32_t &width, int32_t &height);

} // namespace securegate

#endif
